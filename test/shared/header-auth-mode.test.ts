import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headerAuthMode } from '../../shared/collections.ts';

test('a request with no auth takes its mode from a key or token header, else IAM', () => {
  assert.deepEqual(headerAuthMode({ 'X-Api-Key': '{{key}}', accept: '*/*' }), {
    header: 'X-Api-Key',
    type: 'API_KEY',
  });
  assert.deepEqual(headerAuthMode({ Authorization: '{{token}}' }), {
    header: 'Authorization',
    type: 'OPENID_CONNECT',
  });
  // Both: the key wins, as AppSync reads x-api-key for API_KEY mode.
  assert.equal(headerAuthMode({ authorization: 'a', 'x-api-key': 'b' })?.type, 'API_KEY');
  assert.equal(headerAuthMode({ 'x-tenant': 'acme' }), null);
});
