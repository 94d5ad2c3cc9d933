/**
 * An API that refuses the introspection query (AppSync with introspection turned off): the
 * editor says there is no schema and offers to load it from AppSync's control plane instead;
 * choosing that asks main with the control-plane source (here it explains that a 127.0.0.1 URL
 * names no AppSync API id), and the choice becomes a plain retry. The control-plane load itself
 * is tested against moto in test/core/schema.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { addApiKeyEndpoint } from './support/endpoint-form.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

let server: Server;
let url: string;
let session: WorkbenchSession;

before(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          data: null,
          errors: [
            {
              errorType: 'ValidationError',
              message:
                'GraphQL introspection is not allowed, but the query contained __schema or __type',
            },
          ],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  session = await openWorkbench('schema-fallback');
});

after(async () => {
  await session?.close();
  server?.close();
});

test('introspection refused: the editor offers the control plane, then a retry', async () => {
  const { page } = session;
  await page.getByTestId('nav-request').waitFor();
  await addApiKeyEndpoint(page, { name: 'Locked API', url, apiKey: 'locked-key-0123456789' });

  await page.getByTestId('nav-request').click();
  await page.getByTestId('endpoint-select').selectOption({ label: 'Locked API' });
  const problem = page.getByTestId('schema-problem');
  await problem.waitFor();
  assert.match((await problem.getAttribute('title')) ?? '', /^Introspection is disabled on/);

  await page.getByTestId('schema-from-appsync').click();
  await page
    .locator('[data-testid="schema-problem"][title*="does not name an AppSync API id"]')
    .waitFor();
  assert.equal(await page.getByTestId('schema-from-appsync').count(), 0);
  await page.getByRole('button', { name: 'Retry' }).waitFor();
  await page.close();
});
