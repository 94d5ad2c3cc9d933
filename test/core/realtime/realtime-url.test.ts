/** Where a GraphQL endpoint's subscriptions go, and how the auth header travels. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectSigningUrl, realtimeUrl } from '../../../main/core/realtime/realtime-url.ts';
import { handshake } from '../../../main/core/realtime/realtime-protocol.ts';

test('AppSync hosts swap appsync-api for appsync-realtime-api over wss', () => {
  const url = new URL(
    'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql',
  );
  assert.equal(
    realtimeUrl(url).href,
    'wss://abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
  );
  assert.equal(
    connectSigningUrl(url).href,
    'https://abcdefghijklmnopqrstuvwxyz.appsync-api.eu-west-1.amazonaws.com/graphql/connect',
  );
});

test('custom domains and local endpoints use <graphql url>/realtime', () => {
  assert.equal(
    realtimeUrl(new URL('https://api.example.com/graphql')).href,
    'wss://api.example.com/graphql/realtime',
  );
  assert.equal(
    realtimeUrl(new URL('http://127.0.0.1:4000/graphql')).href,
    'ws://127.0.0.1:4000/graphql/realtime',
  );
});

test('the header object rides as a base64url subprotocol, or in the query with payload=e30=', () => {
  const header = { host: 'api.example.com', 'x-api-key': 'da2-key' };
  const sub = handshake(new URL('wss://api.example.com/graphql/realtime'), header, 'subprotocol');
  assert.equal(sub.protocols[0], 'graphql-ws');
  assert.deepEqual(
    JSON.parse(Buffer.from(sub.protocols[1]!.slice('header-'.length), 'base64url').toString()),
    header,
  );
  assert.doesNotMatch(sub.protocols[1]!, /[+/=]/);
  const query = new URL(
    handshake(new URL('wss://api.example.com/graphql/realtime'), header, 'query').url,
  );
  assert.equal(query.searchParams.get('payload'), 'e30=');
  assert.deepEqual(
    JSON.parse(Buffer.from(query.searchParams.get('header')!, 'base64').toString()),
    header,
  );
});
