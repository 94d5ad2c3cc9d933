/**
 * A private API and its logs, end to end in Chromium: an endpoint saved with "Connect via" (the
 * sandbox acting as a private API behind 127.0.0.1) answers through it; the response shows
 * AppSync's request id; "Show logs for this request" reads moto's CloudWatch Logs (the web host
 * pointed there the standard way, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS) — first nothing yet and a
 * retry, then the request's own lines, never another request's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../main/sandbox/sandbox-server.ts';
import { startMoto, type MotoServer } from '../support/moto-server.ts';
import { skipWithoutPython } from '../support/references.ts';
import { addApiKeyEndpoint } from './support/endpoint-form.ts';
import { runQuery } from './support/workbench-page.ts';
import { openWorkbenchAsMoto } from './support/moto-workbench.ts';
import type { WorkbenchSession } from './support/workbench-session.ts';

describe(
  'a private API and its logs (e2e, Chromium, sandbox, moto)',
  { skip: skipWithoutPython('moto', 'boto3') },
  () => {
    let moto: MotoServer;
    let sandbox: Sandbox;
    let session: WorkbenchSession;
    let page: Page;
    let logGroup: string;

    before(async () => {
      [moto, sandbox] = await Promise.all([startMoto(), startSandbox({ privateApi: true })]);
      const { apiId, region } = sandbox.demo;
      logGroup = `/aws/appsync/apis/${apiId}`;
      await moto.python(`
logs = boto('logs', '${region}')
logs.create_log_group(logGroupName='${logGroup}')
logs.create_log_stream(logGroupName='${logGroup}', logStreamName='resolvers')
`);
      session = await openWorkbenchAsMoto('request-logs-e2e', moto, region, {
        AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: moto.url,
      });
      page = session.page;
      await addApiKeyEndpoint(page, {
        name: 'Private orders',
        url: `http://${apiId}.appsync-api.${region}.amazonaws.com/graphql`,
        apiKey: sandbox.apiKey,
        connectTo: new URL(sandbox.url).host,
      });
    });

    after(async () => {
      await session?.close();
      await Promise.all([moto?.close(), sandbox?.close()]);
    });

    test('the endpoint is marked private and answers through its address', async () => {
      const item = page.getByTestId('endpoint-item').filter({ hasText: 'Private orders' });
      assert.match(
        await item.getByTestId('endpoint-private').innerText(),
        /private via 127\.0\.0\.1:\d+/,
      );
      await page.getByTestId('nav-request').click();
      await page.getByTestId('endpoint-select').selectOption({ label: 'Private orders' });
      const body = await runQuery(page, 'query { whoami { authMode } }');
      assert.equal(await page.getByTestId('response-status').innerText(), '200 OK');
      assert.match(body, /"authMode": "API_KEY"/);
      assert.equal(
        sandbox.appsync.recentRequests().at(-1)?.appSyncDomain?.startsWith(sandbox.demo.apiId),
        true,
      );
    });

    test('the request id is shown, and its log lines are read from CloudWatch Logs', async () => {
      const requestId = await page.getByTestId('request-id').innerText();
      assert.equal(requestId, sandbox.appsync.recentRequests().at(-1)?.requestId);

      await page.getByTestId('show-logs').click();
      await page.getByTestId('logs-retry-hint').waitFor();
      assert.match(
        await page.getByTestId('logs-retry-hint').innerText(),
        /a few seconds after the answer/,
      );

      const now = Date.now();
      await moto.python(`
logs = boto('logs', '${sandbox.demo.region}')
logs.put_log_events(logGroupName='${logGroup}', logStreamName='resolvers', logEvents=${JSON.stringify(
        [
          { timestamp: now, message: `${requestId} Begin Request` },
          {
            timestamp: now + 1,
            message: JSON.stringify({ requestId: 'someone-else', fieldName: 'x' }),
          },
          { timestamp: now + 2, message: JSON.stringify({ requestId, fieldName: 'whoami' }) },
        ],
      )})
`);
      await page.getByTestId('logs-retry').click();
      await page.getByTestId('log-line').nth(1).waitFor();
      const lines = await page.getByTestId('log-line').allInnerTexts();
      assert.equal(lines.length, 2);
      assert.match(lines[0] ?? '', /resolvers[\s\S]*Begin Request/);
      assert.match(lines[1] ?? '', /"fieldName": "whoami"/, 'JSON lines are pretty-printed');
      assert.doesNotMatch(lines.join('\n'), /someone-else/);
      assert.match(
        await page.getByTestId('request-logs').innerText(),
        new RegExp(`2 lines from ${logGroup}`),
      );
    });
  },
);
