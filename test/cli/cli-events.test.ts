/**
 * `appsync-workbench events` as a user runs it: a real process against the sandbox's Event API,
 * with the demo profiles (IAM through a role chain included) and an API key from the
 * environment; exit codes for a refused namespace, invalid input and a timeout; no secret in any
 * output.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Sandbox } from '../../main/sandbox/sandbox-server.ts';
import { cliRunner, demoCliWorld } from './cli-runner.ts';

let sandbox: Sandbox;
let env: Record<string, string>;
let secrets: string[];

before(async () => {
  ({ sandbox, env, secrets } = await demoCliWorld('cli-events', (world) => ({
    DEMO_KEY: world.apiKey,
  })));
});
after(() => sandbox.close());

const { run: cli, start } = cliRunner(
  () => env,
  () => secrets,
);

describe('appsync-workbench events', () => {
  test('publish over HTTP with a profile and over the WebSocket through a role chain', async () => {
    const http = await cli(
      'events',
      'publish',
      sandbox.eventUrl,
      '--profile',
      'sandbox-keys',
      '--channel',
      '/alerts/disk',
      '--event',
      '{"level":"high"}',
      '--event',
      '"second"',
    );
    assert.equal(http.code, 0, http.stderr);
    assert.match(http.stdout, /^published event 1: \S+\npublished event 2: \S+\n$/);
    const ws = await cli(
      'events',
      'publish',
      sandbox.eventUrl,
      '--profile',
      'sandbox-admin',
      '--channel',
      'default/room',
      '--event',
      '42',
      '--websocket',
      '--json',
    );
    assert.equal(ws.code, 0, ws.stderr);
    const result = JSON.parse(ws.stdout) as { transport: string; successful: unknown[] };
    assert.equal(result.transport, 'websocket');
    assert.equal(result.successful.length, 1);
  });

  test('a namespace refusing the mode exits 3; invalid events exit 2 before anything is sent', async () => {
    const refused = await cli(
      'events',
      'publish',
      sandbox.eventUrl,
      '--api-key-env',
      'DEMO_KEY',
      '--channel',
      '/alerts/disk',
      '--event',
      '{}',
    );
    assert.equal(refused.code, 3);
    assert.match(refused.stderr, /UNAUTHORIZED: The publish to \/alerts\/disk was refused/);
    const notJson = await cli(
      'events',
      'publish',
      sandbox.eventUrl,
      '--api-key-env',
      'DEMO_KEY',
      '--channel',
      '/default/a',
      '--event',
      '{oops',
    );
    assert.equal(notJson.code, 2);
    assert.match(notJson.stderr, /event 1 is not JSON/);
    const secret = await cli('events', 'publish', sandbox.eventUrl, '--api-key', 'da2-x');
    assert.equal(secret.code, 2);
  });

  test('subscribe prints --count events of a wildcard channel, then exits 0', async () => {
    const sub = start(
      'events',
      'subscribe',
      sandbox.eventUrl,
      '--api-key-env',
      'DEMO_KEY',
      '--channel',
      '/default/*',
      '--count',
      '2',
    );
    await sub.waitFor(/Subscribed to \/default\/\*/);
    for (const n of [1, 2, 3]) {
      const published = await cli(
        'events',
        'publish',
        sandbox.eventUrl,
        '--api-key-env',
        'DEMO_KEY',
        '--channel',
        `/default/room/${n}`,
        '--event',
        JSON.stringify({ n }),
      );
      assert.equal(published.code, 0, published.stderr);
    }
    const done = await sub.exited;
    assert.equal(done.code, 0, done.stderr);
    assert.deepEqual(done.stdout.trim().split('\n'), ['{"n":1}', '{"n":2}']);
  });

  test('subscribe --timeout before --count events exits 4', async () => {
    const run = await cli(
      'events',
      'subscribe',
      sandbox.eventUrl,
      '--profile',
      'sandbox-keys',
      '--channel',
      '/default/quiet',
      '--count',
      '1',
      '--timeout',
      '0.5',
    );
    assert.equal(run.code, 4, run.stderr);
    assert.match(run.stderr, /TIMEOUT: 0 of 1 events arrived/);
  });
});
