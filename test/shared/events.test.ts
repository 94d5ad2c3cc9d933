/**
 * The Events rules the renderer checks as the user types and main checks again: how typed text
 * becomes events (an array, one value over several lines, one value per line), the real-time
 * address of an Event API URL (AppSync's two hosts, custom domains, the sandbox), and the
 * endpoint a discovered Event API becomes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messageSizeProblem } from '../../shared/contract/common.ts';
import { MAX_EVENTS_TEXT } from '../../shared/contract/events-methods.ts';
import { eventEndpointInputFor } from '../../shared/discovery.ts';
import { eventRealtimeUrl, eventsFromText } from '../../shared/events.ts';

test('typed text becomes events: an array, one pretty-printed value, or one value per line', () => {
  assert.deepEqual(eventsFromText('[{"a": 1}, "two", 3]'), { events: ['{"a":1}', '"two"', '3'] });
  assert.deepEqual(eventsFromText('{\n  "a": 1,\n  "b": [2]\n}'), {
    events: ['{\n  "a": 1,\n  "b": [2]\n}'],
  });
  assert.deepEqual(eventsFromText('{"a": 1}\n\n  {"b": 2}  \n'), {
    events: ['{"a": 1}', '{"b": 2}'],
  });
  const problem = (text: string) => {
    const parsed = eventsFromText(text);
    return 'problem' in parsed ? parsed.problem : null;
  };
  assert.match(problem('') ?? '', /at least one event/);
  assert.match(problem('[]') ?? '', /the array is empty/);
  assert.match(problem('{"a": 1}\n{oops}') ?? '', /line 2 is not JSON/);
  assert.match(problem('1\n2\n3\n4\n5\n6') ?? '', /at most 5 events go in one publish, not 6/);
  const big = `"${'é'.repeat(130 * 1024)}"`;
  assert.match(problem(big) ?? '', /event 1 is \d+ bytes; AppSync takes at most 245760/);
});

test('the real-time address of an Event API URL', () => {
  assert.equal(
    eventRealtimeUrl('https://abc123.appsync-api.eu-west-1.amazonaws.com/event'),
    'wss://abc123.appsync-realtime-api.eu-west-1.amazonaws.com/event/realtime',
  );
  assert.equal(
    eventRealtimeUrl(
      'wss://abc123.appsync-realtime-api.cn-north-1.amazonaws.com.cn/event/realtime',
    ),
    'wss://abc123.appsync-realtime-api.cn-north-1.amazonaws.com.cn/event/realtime',
  );
  assert.equal(
    eventRealtimeUrl('https://events.example.com/event/'),
    'wss://events.example.com/event/realtime',
  );
  assert.equal(
    eventRealtimeUrl('http://127.0.0.1:4321/event'),
    'ws://127.0.0.1:4321/event/realtime',
  );
  assert.equal(eventRealtimeUrl('https://abc.appsync-api.eu-west-1.amazonaws.com/graphql'), null);
  assert.equal(eventRealtimeUrl('https://example.com/events'), null);
});

test('a discovered Event API becomes an endpoint with its connection modes', () => {
  const input = eventEndpointInputFor(
    {
      name: 'chat',
      apiId: 'abc',
      region: 'eu-west-1',
      arn: null,
      httpUrl: 'https://abc.appsync-api.eu-west-1.amazonaws.com/event',
      realtimeUrl: null,
      connectionAuthModes: ['API_KEY', 'AWS_IAM'],
      namespaces: [],
    },
    'ops',
  );
  assert.equal(input.url, 'https://abc.appsync-api.eu-west-1.amazonaws.com/event');
  assert.deepEqual(input.authModes, [
    { type: 'API_KEY', source: { from: 'vault', secretRef: 'pending' } },
    { type: 'AWS_IAM', profile: 'ops', region: 'eu-west-1', service: 'appsync' },
  ]);
});

test('the longest events text the contract takes fits one message, however it escapes', () => {
  // U+0000 is the worst case: six bytes (`\u0000`) in the JSON of the message for one character.
  const input = {
    endpointId: 'x'.repeat(64),
    channel: `/${'a'.repeat(50)}`.repeat(5),
    events: '\u0000'.repeat(MAX_EVENTS_TEXT),
    transport: 'websocket',
    operationId: 'x'.repeat(64),
  };
  assert.equal(messageSizeProblem(input), null);
});
