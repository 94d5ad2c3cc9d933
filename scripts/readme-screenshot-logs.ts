/**
 * The README's picture of a private API and its logs: the sandbox acting as a private API behind
 * 127.0.0.1, an endpoint saved with "Connect via", a query run through it, and "Show logs for this
 * request" reading the request's lines from moto's CloudWatch Logs (python3 with moto on PATH).
 * Run after `npm run build`: node scripts/readme-screenshot-logs.ts
 */
import { fileURLToPath } from 'node:url';
import { startSandbox } from '../main/sandbox/sandbox-server.ts';
import { addApiKeyEndpoint } from '../test/e2e/support/endpoint-form.ts';
import { runQuery } from '../test/e2e/support/workbench-page.ts';
import { makeAwsHome } from '../test/support/aws-home.ts';
import { launchChromium } from '../test/support/chromium.ts';
import { MOTO_KEYS, startMoto } from '../test/support/moto-server.ts';
import { startWebHostProcess } from '../test/support/web-host-process.ts';

const [moto, sandbox] = await Promise.all([startMoto(), startSandbox({ privateApi: true })]);
const { apiId, region } = sandbox.demo;
const logGroup = `/aws/appsync/apis/${apiId}`;
await moto.python(`
logs = boto('logs', '${region}')
logs.create_log_group(logGroupName='${logGroup}')
logs.create_log_stream(logGroupName='${logGroup}', logStreamName='resolvers')
`);
const home = await makeAwsHome({
  config: `[profile ops-prod-readonly]\nregion = ${region}\n`,
  credentials: `[ops-prod-readonly]\naws_access_key_id = ${MOTO_KEYS.accessKeyId}\naws_secret_access_key = ${MOTO_KEYS.secretAccessKey}\n`,
});
const host = await startWebHostProcess(home.home, {
  AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: moto.url,
  AWS_ENDPOINT_URL_STS: moto.url,
});
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
  await page.goto(host.url);
  await page.locator('[data-profile="ops-prod-readonly"]').first().click();
  await addApiKeyEndpoint(page, {
    name: 'Orders (private)',
    url: `http://${apiId}.appsync-api.${region}.amazonaws.com/graphql`,
    apiKey: sandbox.apiKey,
    connectTo: new URL(sandbox.url).host,
  });
  await page.getByTestId('nav-request').click();
  await page.getByTestId('endpoint-select').selectOption({ label: 'Orders (private)' });
  await runQuery(
    page,
    'query RecentNotes {\n  whoami { authMode }\n  listNotes(limit: 2) { items { id title } }\n}\n',
  );
  const requestId = await page.getByTestId('request-id').innerText();
  const now = Date.now();
  const line = (offset: number, message: unknown) => ({
    timestamp: now + offset,
    message: typeof message === 'string' ? message : JSON.stringify(message),
  });
  await moto.python(`
logs = boto('logs', '${region}')
logs.put_log_events(logGroupName='${logGroup}', logStreamName='resolvers', logEvents=${JSON.stringify(
    [
      line(0, `${requestId} Begin Request`),
      line(1, {
        requestId,
        fieldName: 'listNotes',
        resolverArn: `arn:aws:appsync:${region}:000000000000:apis/${apiId}/types/Query/resolvers/listNotes`,
        duration: 4211000,
      }),
      line(2, `${requestId} End Request`),
    ],
  )})
`);
  await page.getByTestId('show-logs').click();
  await page.getByTestId('log-line').nth(2).waitFor();
  const out = fileURLToPath(new URL('../docs/screenshot-logs-light.png', import.meta.url));
  await page.screenshot({ path: out });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await host.stop();
  await Promise.all([moto.close(), sandbox.close()]);
}
