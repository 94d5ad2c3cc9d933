/**
 * Copy as code, the Python checked with Python's own parser: for IAM the seed script's shape
 * (boto3 session credentials, AWS4Auth, 'appsync'), and for an API key or a token the secret
 * read from an environment variable, as in curl and TypeScript.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { copyAsCode } from '../../../main/core/requests/copy-as-code.ts';
import { skipWithoutPython } from '../../support/references.ts';
import { base } from '../../core/requests/support/copy-as-code-input.ts';

/** Parses Python source with Python's own parser (no requests_aws4auth needed to check syntax). */
function assertPythonParses(source: string) {
  execFileSync('python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], {
    input: source,
  });
}

describe('copy as code', { skip: skipWithoutPython('ast') }, () => {
  test("Python for IAM has the seed script's shape: boto3 session credentials, AWS4Auth, 'appsync'", () => {
    const code = copyAsCode('python', {
      ...base,
      auth: { type: 'AWS_IAM', profile: 'ops', service: 'appsync' },
      profile: 'ops',
      region: 'ap-southeast-2',
    });
    assert.match(code, /from requests_aws4auth import AWS4Auth/);
    assert.match(
      code,
      /credentials = boto3\.session\.Session\(profile_name='ops'\)\.get_credentials\(\)/,
    );
    assert.match(
      code,
      /AWS4Auth\(\n\s+credentials\.access_key,\n\s+credentials\.secret_key,\n\s+'ap-southeast-2',\n\s+'appsync',\n\s+session_token=credentials\.token,/,
    );
    assert.match(code, /'on': True/);
    assert.match(code, /'none': None/);
    assertPythonParses(code);
  });

  test('API key and token modes read the secret from an environment variable in every language', () => {
    const auth = { type: 'API_KEY' as const, source: { from: 'env' as const, variable: 'MY_KEY' } };
    const python = copyAsCode('python', { ...base, auth });
    assert.match(python, /os\.environ\['MY_KEY'\]/);
    assertPythonParses(python);
    assert.match(copyAsCode('curl', { ...base, auth }), /-H "x-api-key: \$MY_KEY"/);
    assert.match(copyAsCode('typescript', { ...base, auth }), /process\.env\["MY_KEY"\]/);
    const jwt = copyAsCode('curl', {
      ...base,
      auth: {
        type: 'OPENID_CONNECT',
        source: { from: 'vault', secretRef: 'endpoint:1:OPENID_CONNECT' },
      },
    });
    assert.match(jwt, /-H "authorization: \$APPSYNC_ID_TOKEN"/);
    assert.doesNotMatch(jwt, /Bearer/);
  });
});
