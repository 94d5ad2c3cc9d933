import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { inspectSignature } from '../../../main/core/requests/signature-inspector.ts';
import { signRequest } from '../../../main/core/requests/sigv4-signer.ts';

const SECRET = 'inspector-secret-key-value-000000000000001';
const TOKEN = 'inspector-session-token-0000000000000000001';

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

/** AWS's documented key derivation: the inspector's string to sign must yield the signature sent. */
function signatureOf(stringToSign: string, date: string, region: string, service: string): string {
  const key = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, date), region), service), 'aws4_request');
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

const cases = [
  {
    url: 'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
    token: false,
    service: 'appsync',
  },
  { url: 'http://127.0.0.1:4010/graphql', token: true, service: 'appsync' },
  {
    url: 'https://api.example.com/prod/items/a b/%C3%A9?z=1&a=2&a=1&sp=x y',
    token: true,
    service: 'execute-api',
  },
];

describe('signature inspector', () => {
  for (const c of cases) {
    test(`matches @smithy/signature-v4 for ${c.url}`, async () => {
      const url = new URL(c.url);
      const body = Buffer.from(JSON.stringify({ query: '{ a }', variables: { text: 'héllo' } }));
      const headers = await signRequest(
        {
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json', 'x-custom': '  two   spaces ' },
          body,
        },
        {
          credentials: {
            accessKeyId: 'AKIDINSPECT',
            secretAccessKey: SECRET,
            ...(c.token ? { sessionToken: TOKEN } : {}),
          },
          region: 'eu-west-1',
          service: c.service,
          signingDate: new Date('2026-03-04T05:06:07Z'),
        },
      );
      const inspection = inspectSignature({ method: 'POST', url, headers, body });
      assert.ok(inspection);
      assert.equal(inspection.credentialScope, `20260304/eu-west-1/${c.service}/aws4_request`);
      assert.equal(inspection.amzDate, '20260304T050607Z');
      assert.ok(
        inspection.signedHeaders.includes('host') &&
          inspection.signedHeaders.includes('x-amz-date'),
      );
      assert.equal(inspection.signedHeaders.includes('x-amz-security-token'), c.token);
      assert.equal(
        signatureOf(inspection.stringToSign, '20260304', 'eu-west-1', c.service),
        inspection.signature,
        'the string to sign shown is the one that was signed',
      );
      const text = JSON.stringify(inspection);
      assert.ok(!text.includes(SECRET), 'no secret key');
      assert.ok(!text.includes(TOKEN), 'no session token');
    });
  }

  test('a request without SigV4 has nothing to inspect', () => {
    assert.equal(
      inspectSignature({
        method: 'POST',
        url: new URL('http://x/graphql'),
        headers: { 'x-api-key': 'k' },
        body: Buffer.alloc(0),
      }),
      null,
    );
  });
});
