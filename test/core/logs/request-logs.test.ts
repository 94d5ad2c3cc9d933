/**
 * The log lines of one request refused: AccessDenied, which moto does not enforce without IAM
 * set up, comes from a local peer answering CloudWatch Logs' own JSON error, and names the
 * action and the log group ARN. The lines themselves, read from moto's CloudWatch Logs, are
 * in test/cross-check/logs/request-logs-moto.test.ts.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { AppError } from '../../../shared/errors.ts';
import { logs, MINE } from './request-logs-harness.ts';

describe('request logs refused', () => {
  test('AccessDenied names the action and the log group ARN', async (t) => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(
          JSON.stringify({
            __type: 'AccessDeniedException',
            message:
              'User: arn:aws:iam::123456789012:user/reader is not authorized to perform: logs:FilterLogEvents on resource: arn:aws:logs:eu-west-1:123456789012:log-group:/aws/appsync/apis/abc123:log-stream: because no identity-based policy allows the logs:FilterLogEvents action',
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => server.close());
    const { port } = server.address() as AddressInfo;
    await assert.rejects(
      logs(`http://127.0.0.1:${port}`).forRequest({
        requestId: MINE,
        apiId: 'abc123',
        profile: 'ops',
      }),
      (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'FORBIDDEN');
        assert.match(
          error.message,
          /needs logs:FilterLogEvents on arn:aws:logs:eu-west-1:123456789012:log-group:\/aws\/appsync\/apis\/abc123:\*/,
        );
        return true;
      },
    );
  });
});
