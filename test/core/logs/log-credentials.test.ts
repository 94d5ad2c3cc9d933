import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactLogLine } from '../../../main/core/logs/log-credentials.ts';

const KEY = 'da2-abcdefghijklmnopqrstuvwxyz';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbmEifQ.c2ln';

test('credential headers in a JSON line are redacted at any depth, whatever their case', () => {
  const line = JSON.stringify({
    requestId: 'r1',
    context: {
      request: { headers: { 'X-Api-Key': KEY, Authorization: `Bearer ${TOKEN}`, host: 'a' } },
    },
    list: [{ 'x-amz-security-token': 'IQoJb3JpZ2luX2VjEJr' }],
    nested: `{"authorization":"${TOKEN}"}`,
  });
  const out = redactLogLine(line);
  for (const secret of [KEY, TOKEN, 'IQoJb3JpZ2luX2VjEJr']) assert.ok(!out.includes(secret), out);
  const parsed = JSON.parse(out);
  assert.equal(parsed.context.request.headers['X-Api-Key'], '<redacted>');
  assert.equal(parsed.context.request.headers.host, 'a');
  assert.equal(parsed.list[0]['x-amz-security-token'], '<redacted>');
});

test('credential headers in a text line are redacted; other lines are left exactly as they were', () => {
  const text = `r1 Request Headers: {x-api-key=${KEY}, authorization=Bearer ${TOKEN}, host=example}`;
  const out = redactLogLine(text);
  assert.equal(
    out,
    'r1 Request Headers: {x-api-key=<redacted>, authorization=<redacted>, host=example}',
  );
  assert.equal(
    redactLogLine(`"authorization": "${TOKEN}" rest`),
    '"authorization": "<redacted>" rest',
  );
  const plain = '{ "requestId": "r1",  "fieldName": "whoami" }';
  assert.equal(redactLogLine(plain), plain);
  assert.equal(redactLogLine('r1 Begin Request'), 'r1 Begin Request');
});
