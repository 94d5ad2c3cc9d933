/**
 * The log lines of one request, read from moto's CloudWatch Logs (an independent
 * implementation; lines put there with boto3), pointed at the standard way:
 * AWS_ENDPOINT_URL_CLOUDWATCH_LOGS. Only the request's own lines, oldest first; the cap; no
 * lines yet; and an API without a log group.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RETRY_HINT } from '../../../main/core/logs/request-logs.ts';
import { AppError } from '../../../shared/errors.ts';
import { startMoto, type MotoServer } from '../../support/moto-server.ts';
import { skipWithoutPython } from '../../support/references.ts';
import { logs, MINE, OTHER } from '../../core/logs/request-logs-harness.ts';

describe('request logs against moto', { skip: skipWithoutPython('moto', 'boto3') }, () => {
  let moto: MotoServer;
  const now = Date.now();

  before(async () => {
    moto = await startMoto();
    const line = (id: string, text: string) =>
      JSON.stringify({ logType: 'RequestSummary', requestId: id, text });
    await moto.python(`
logs = boto('logs', 'eu-west-1')
logs.create_log_group(logGroupName='/aws/appsync/apis/abc123')
logs.create_log_stream(logGroupName='/aws/appsync/apis/abc123', logStreamName='stream-1')
events = ${JSON.stringify([
      { timestamp: now - 3000, message: `${MINE} Begin Request` },
      { timestamp: now - 2900, message: `${OTHER} Begin Request` },
      { timestamp: now - 2800, message: line(MINE, 'resolver ran') },
      { timestamp: now - 2700, message: line(OTHER, 'resolver ran') },
      { timestamp: now - 2600, message: `${MINE} End Request` },
    ])}
logs.put_log_events(logGroupName='/aws/appsync/apis/abc123', logStreamName='stream-1', logEvents=events)
`);
  });
  after(() => moto?.close());

  test("returns only the request's own lines, oldest first, JSON pretty-printed", async () => {
    const found = await logs(moto.url).forRequest({
      requestId: MINE,
      apiId: 'abc123',
      profile: 'ops',
      at: new Date(now - 3500).toISOString(),
    });
    assert.equal(found.logGroup, '/aws/appsync/apis/abc123');
    assert.equal(found.region, 'eu-west-1');
    assert.deepEqual(
      found.lines.map((l) => l.message),
      [
        `${MINE} Begin Request`,
        JSON.stringify({ logType: 'RequestSummary', requestId: MINE, text: 'resolver ran' }),
        `${MINE} End Request`,
      ],
    );
    assert.ok(found.lines.every((l) => l.logStream === 'stream-1'));
    assert.equal(found.lines[0]?.pretty, null);
    assert.match(found.lines[1]?.pretty ?? '', /\n {2}"requestId": "5d1c7e9a/);
    assert.equal(found.truncated, false);
    assert.equal(found.retryHint, null);
  });

  test('stops at the cap and says so', async () => {
    const found = await logs(moto.url).forRequest(
      { requestId: MINE, apiId: 'abc123', profile: 'ops', sinceMs: 60_000 },
      { maxLines: 2 },
    );
    assert.equal(found.lines.length, 2);
    assert.equal(found.truncated, true);
  });

  test('a request with no lines yet says to retry', async () => {
    const found = await logs(moto.url).forRequest({
      requestId: '00000000-1111-2222-3333-444444444444',
      apiId: 'abc123',
      profile: 'ops',
    });
    assert.deepEqual(found.lines, []);
    assert.equal(found.retryHint, RETRY_HINT);
  });

  test('an API without a log group is told logging is off and how to turn it on', async () => {
    await assert.rejects(
      logs(moto.url).forRequest({ requestId: MINE, apiId: 'nolog1', profile: 'ops' }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'NOT_FOUND');
        assert.match(error.message, /\/aws\/appsync\/apis\/nolog1 does not exist in eu-west-1/);
        assert.match(error.message, /logging is off.*AppSync settings → Logging.*ALL/);
        return true;
      },
    );
  });
});
