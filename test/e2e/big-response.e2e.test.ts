/**
 * A 20 MB answer opens in the real app: the endpoint is added through the Endpoints view (API
 * key kept in the vault, sent as x-api-key), the request runs, and the viewer shows the start of
 * the formatted body with its size, while the window keeps answering clicks. How long the longest
 * main-thread task is gets measured in test/bench/big-response.bench.ts, not asserted here.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startBigAnswerServer, type BigAnswerServer } from '../support/big-answer-server.ts';
import { addApiKeyEndpoint } from './support/endpoint-form.ts';
import { setQuery } from './support/workbench-page.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

let server: BigAnswerServer;
let session: WorkbenchSession;

before(async () => {
  server = await startBigAnswerServer(20);
  session = await openWorkbench('big');
});

after(async () => {
  await session?.close();
  await server?.close();
});

test('a 20 MB answer opens in the response viewer', async () => {
  const { page } = session;
  await page.getByTestId('nav-request').waitFor();
  await addApiKeyEndpoint(page, {
    name: 'Bulk API',
    url: server.url,
    apiKey: 'bulk-key-0123456789',
  });

  await page.getByTestId('nav-request').click();
  await page.getByTestId('endpoint-select').selectOption({ label: 'Bulk API' });
  await setQuery(page, 'query Bulk { items { id title } }');
  await page.getByTestId('run-request').click();
  await page.getByTestId('response-body').locator('.json-viewer[data-status="ready"]').waitFor({
    timeout: 60_000,
  });
  assert.match(await page.getByTestId('response-meta').innerText(), /200 OK/);
  assert.match(await page.getByTestId('response-meta').innerText(), /MB|KB/);
  assert.match(
    await page.getByTestId('response-body').locator('.cm-content').innerText(),
    /"id": "item-0"/,
  );
  // The key went from the vault to the far end (for the schema load too), and the window still
  // answers clicks.
  assert.ok(server.apiKeys.length >= 1);
  assert.ok(
    server.apiKeys.every((key) => key === 'bulk-key-0123456789'),
    String(server.apiKeys),
  );
  await page.getByTestId('nav-history').click();
  await page.getByTestId('nav-request').click();
  await page.close();
});
