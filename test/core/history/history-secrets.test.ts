import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { HistoryRepository } from '../../../main/core/history/history-repository.ts';
import { scrubText } from '../../../main/core/redaction/secret-scrubber.ts';
import { AUTH_MODE_TYPES } from '../../../shared/endpoints.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { aRun, SECRETS } from './history-fixtures.ts';

describe('history never stores a secret', () => {
  test('runs under every auth mode leave no credential anywhere in the database files', async () => {
    const dir = await makeTempDir('history-secrets');
    const history = HistoryRepository.open(dir);
    for (const authMode of AUTH_MODE_TYPES) {
      // Secrets where users and resolvers really put them: variables, inline literals,
      // echoed request headers in a response, error messages, a presigned URL.
      history.record(
        aRun({
          authMode,
          endpoint: {
            id: null,
            name: null,
            url: `https://h.example.com/graphql?X-Amz-Security-Token=${SECRETS.sessionToken}`,
          },
          query: `mutation Login { login(password: "${SECRETS.password}", key: "${SECRETS.apiKey}") { ok } }`,
          variables: {
            input: { apiKey: SECRETS.apiKey, note: `Bearer ${SECRETS.jwt}` },
            credentials: {
              AccessKeyId: SECRETS.accessKeyId,
              SecretAccessKey: SECRETS.secretAccessKey,
              SessionToken: SECRETS.sessionToken,
            },
            lambda: { authorizationToken: SECRETS.lambdaToken },
            headers: { Authorization: SECRETS.lambdaToken, 'x-api-key': SECRETS.apiKey },
          },
          response: JSON.stringify({
            data: {
              echo: {
                headers: {
                  authorization: `AWS4-HMAC-SHA256 Credential=${SECRETS.accessKeyId}/20250512/eu-west-1/appsync/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123abcd`,
                  'x-amz-security-token': SECRETS.sessionToken,
                },
                raw: `aws_secret_access_key=${SECRETS.secretAccessKey}\nid_token: ${SECRETS.jwt}`,
              },
            },
          }),
          errors: [
            { message: `Invalid API key ${SECRETS.apiKey}`, errorType: 'UnauthorizedException' },
            { message: `token ${SECRETS.jwt} expired`, errorType: null },
          ],
          status: 'error',
        }),
      );
    }
    // Read the files while the database is still open, so the WAL holds the writes.
    const files = (await readdir(dir)).filter((name) => name.startsWith('history.sqlite'));
    assert.ok(files.includes('history.sqlite-wal'), 'the WAL is part of what is scanned');
    const scan = async () => {
      for (const file of (await readdir(dir)).filter((n) => n.startsWith('history.sqlite'))) {
        const bytes = await readFile(join(dir, file));
        for (const [name, secret] of Object.entries(SECRETS)) {
          assert.equal(bytes.includes(Buffer.from(secret)), false, `${name} found in ${file}`);
        }
      }
    };
    await scan();
    const stored = history.get(1);
    assert.equal(stored.errors[0]!.errorType, 'UnauthorizedException', 'the useful parts stay');
    assert.match(stored.query, /mutation Login/);
    history.close();
    await scan();
  });

  test('ordinary data that resembles nothing secret survives scrubbing', () => {
    const text = JSON.stringify({
      nextToken: 'eyJ2ZXJzaW9uIjoyfQ',
      commit: '3f786850e387550fdab836ed7e6dc881de23001b',
      arn: 'arn:aws:iam::123456789012:role/ops-admin',
      token: null,
    });
    assert.equal(scrubText(text), text);
  });
});
