/**
 * The query editor, variables editor and response viewer in Debian's Chromium, on a harness page
 * served with the app's CSP: schema completion, validation as you type, variables checked against
 * the operation, Ctrl+Enter, GraphQL errors marked, and a 20 MB response opened as a preview,
 * then whole (its longest main-thread task is a figure: test/bench/big-response.bench.ts).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.ts';
import { serveEditorHarness, type HarnessServer } from './support/editor-harness/serve-harness.ts';
import { bigQuery, bigVariables, loadClipboard, pasteLoaded } from './support/big-documents.ts';

/** An AppSync-shaped response of about `bytes`, compact as the service sends it. */
function bigResponse(bytes: number): string {
  const items: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const item = JSON.stringify({
      id: `order-${i}`,
      status: i % 3 === 0 ? 'SHIPPED' : 'PENDING',
      total: i * 1.25,
      customer: { id: `c-${i % 997}`, name: `Customer ${i % 997}`, tags: ['a', 'b', String(i)] },
      note: 'x'.repeat(40),
    });
    items.push(item);
    size += item.length + 1;
  }
  const errors = JSON.stringify([
    { path: ['orders', 3, 'note'], message: 'Not authorized', errorType: 'Unauthorized' },
  ]);
  return `{"data":{"orders":[${items.join(',')}]},"errors":${errors}}`;
}

const BIG = bigResponse(20 * 1024 * 1024);

let browser: Browser;
let harness: HarnessServer;
let page: Page;
const violations: string[] = [];

before(async () => {
  harness = await serveEditorHarness({
    '/big.json': BIG,
    '/big-query.graphql': bigQuery(150 * 1024),
    '/big-variables.json': bigVariables(5 * 1024 * 1024),
  });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && violations.push(m.text()));
  page.on('pageerror', (e) => violations.push(e.message));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(harness.url);
  await page.locator('.graphql-editor .cm-content').waitFor();
});

after(async () => {
  await browser?.close();
  await harness?.close();
});

const queryEditor = () => page.locator('.graphql-editor .cm-content');
const variablesEditor = () => page.locator('.variables-editor .cm-content');

async function setQuery(text: string): Promise<void> {
  await page.evaluate(
    (t) => (window as unknown as { harness: { setQuery(t: string): void } }).harness.setQuery(t),
    text,
  );
}

test('the editors are styled under the strict CSP, with no violation', async () => {
  const gutterBorder = await page
    .locator('.graphql-editor .cm-gutters')
    .evaluate((el) => getComputedStyle(el).borderRightStyle);
  assert.equal(gutterBorder, 'solid', "CodeMirror's theme (constructed stylesheets) applies");
  assert.equal(await page.getByRole('textbox', { name: 'GraphQL query' }).count(), 1);
  assert.deepEqual(violations, []);
});

test('completion proposes the schema fields of the type under the cursor', async () => {
  await setQuery('query GetUser($id: ID!) {\n  user(id: $id) {\n    id\n    \n  }\n}\n');
  await queryEditor().click();
  await page.locator('.graphql-editor .cm-line').nth(3).click();
  await page.keyboard.press('End');
  await page.keyboard.type('na');
  const list = page.locator('.graphql-editor .cm-tooltip-autocomplete');
  await list.waitFor();
  assert.match(await list.innerText(), /^name/m);
  // Enter accepts once the list has settled on "name" for "na" (it is re-queried per key) and
  // CodeMirror's interactionDelay (75 ms, keys pressed before a list could be seen go to the
  // text) has passed since it opened: a loaded machine can open it late.
  await list.locator('li[aria-selected="true"]', { hasText: /^name/ }).waitFor();
  await page.waitForTimeout(100);
  await page.keyboard.press('Enter');
  assert.match(
    await page.evaluate(() => (window as unknown as { harness: { query: string } }).harness.query),
    /id\n\s+name/,
  );
});

test('an unknown field is flagged as you type, with the schema error', async () => {
  await setQuery('{\n  user(id: "1") {\n    bogus\n  }\n}\n');
  await page.locator('.graphql-editor .cm-lintRange-error').first().waitFor();
  await queryEditor().focus();
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.graphql-editor .cm-panel-lint');
  await panel.waitFor();
  assert.match(await panel.innerText(), /Cannot query field "bogus" on type "User"/);
});

test('variables: a missing required variable and a wrong type are flagged', async () => {
  await setQuery(
    'query GetUser($id: ID!, $role: Role) {\n  user(id: $id, role: $role) { id }\n}\n',
  );
  await variablesEditor().focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('{"role": "OWNER"');
  await page.locator('.variables-editor .cm-lintRange-error').first().waitFor();
  await page.keyboard.press('Control+Shift+M');
  const panel = page.locator('.variables-editor .cm-panel-lint');
  await panel.waitFor();
  const text = await panel.innerText();
  assert.match(text, /"\$id".*non-null type "ID!"/);
  assert.match(text, /"OWNER" does not exist in "Role"/);
});

test('variables: completion proposes the names the operation declares', async () => {
  await variablesEditor().focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('{');
  await page.keyboard.press('Control+Space');
  const list = page.locator('.variables-editor .cm-tooltip-autocomplete');
  await list.waitFor();
  const labels = await list.innerText();
  assert.match(labels, /"id"/);
  assert.match(labels, /"role"/);
});

test('hovering a field shows its type and description', async () => {
  await setQuery('{\n  user(id: "1") {\n    id\n  }\n}\n');
  await page.locator('.graphql-editor .cm-line').nth(1).getByText('user').hover();
  const docs = page.locator('.graphql-editor .cm-hover-docs');
  await docs.waitFor();
  assert.match(
    await docs.innerText(),
    /Query\.user: User\s+A user by id; null when there is none\./,
  );
});

test('Ctrl+Enter runs; several operations are listed and the one under the cursor is known', async () => {
  await setQuery(
    'query A { users { id } }\nmutation B { renameUser(id: "1", name: "x") { id } }\n',
  );
  await page.locator('.graphql-editor .cm-line').nth(1).click();
  await page.keyboard.press('Control+Enter');
  assert.equal(await page.getByTestId('runs').innerText(), '1');
  assert.equal(await page.getByTestId('operations').innerText(), 'A, B');
  assert.equal(await page.getByTestId('current-operation').innerText(), 'B');
});

test('GraphQL errors are marked in the response', async () => {
  await page.evaluate(() =>
    (window as unknown as { harness: { setResponse(t: string): void } }).harness.setResponse(
      JSON.stringify({
        data: { user: null },
        errors: [{ path: ['user'], message: 'Not authorized', errorType: 'Unauthorized' }],
      }),
    ),
  );
  await page.locator('.json-viewer[data-status="ready"]').waitFor();
  assert.ok((await page.locator('.cm-gql-error-entry').count()) >= 5, 'the whole error entry');
  assert.match(await page.locator('.cm-gql-error-type').innerText(), /"errorType": "Unauthorized"/);
  assert.match(await page.locator('.cm-gql-error-path').innerText(), /"user": null/);
});

test('a 20 MB response opens as a preview, then whole, and scrolls to its end', async (t) => {
  const result = await page.evaluate(async () => {
    const w = window as unknown as { harness: { setResponse(t: string): void }; big?: string };
    w.big = await (await fetch('/big.json')).text();
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    const memory = () =>
      (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ??
      0;
    const heapBefore = memory();
    const waitReady = () =>
      new Promise<number>((resolve) => {
        const started = performance.now();
        const check = () =>
          document.querySelector('.json-viewer')?.getAttribute('data-status') === 'ready'
            ? resolve(performance.now() - started)
            : setTimeout(check, 20);
        setTimeout(check, 20);
      });
    w.harness.setResponse(w.big);
    const previewMs = await waitReady();
    const preview = [...tasks];
    (document.querySelector('.json-viewer-bar button') as HTMLButtonElement).click();
    const allMs = await waitReady();
    // Scroll to the end: the viewport renders there without a long parse.
    const shadow = document.querySelector('.json-viewer .editor-host')?.shadowRoot as ShadowRoot;
    const scroller = shadow.querySelector('.cm-scroller') as HTMLElement;
    scroller.scrollTop = scroller.scrollHeight;
    // CodeMirror renders the new viewport on the frames after the scroll.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    observer.disconnect();
    return {
      previewMs,
      allMs,
      previewLongest: Math.max(0, ...preview),
      longest: Math.max(0, ...tasks),
      longTasks: tasks.length,
      lines: shadow.querySelectorAll('.cm-line').length,
      heapMB: Math.round((memory() - heapBefore) / 1048576),
      bar: document.querySelector('.json-viewer-bar')?.textContent ?? '',
    };
  });
  t.diagnostic(
    `20 MB response: preview in ${Math.round(result.previewMs)} ms, all in ${Math.round(result.allMs)} ms; ` +
      `longest main-thread task ${Math.round(result.longest)} ms (preview ${Math.round(result.previewLongest)} ms) ` +
      `over ${result.longTasks} long task(s); heap +${result.heapMB} MB`,
  );
  assert.ok(result.lines > 0);
  assert.doesNotMatch(result.bar, /Showing the first/, 'everything is shown after "Show all"');
  assert.deepEqual(violations, []);
});

test('a 150 KB query pasted stays editable; checking as you type is off, and says so', async () => {
  await setQuery('{ user(id: "1") { id } }');
  await loadClipboard(page, '/big-query.graphql');
  await queryEditor().focus();
  await page.keyboard.press('Control+a');
  await pasteLoaded(queryEditor());
  const note = page.getByTestId('query-size-note');
  await note.waitFor();
  assert.match(await note.innerText(), /off above 64 KB \(this is 150 KB\)/);
  // Still an editor: a keystroke lands, and Ctrl+Space still proposes the schema's fields.
  await page.keyboard.press('Control+Home');
  await page.locator('.graphql-editor .cm-line').nth(1).click();
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(' na');
  await page.keyboard.press('Control+Space');
  const list = page.locator('.graphql-editor .cm-tooltip-autocomplete');
  await list.waitFor();
  assert.match(await list.innerText(), /^name/m);
  await page.keyboard.press('Escape');
  const query = await page.evaluate(
    () => (window as unknown as { harness: { query: string } }).harness.query,
  );
  assert.ok(query.length > 150 * 1024 && query.includes('id name role  na}'), 'the keys landed');
  // Back to a small document: the note goes and validation as you type is back.
  await setQuery('{\n  user(id: "1") {\n    bogus\n  }\n}\n');
  await note.waitFor({ state: 'detached' });
  await page.locator('.graphql-editor .cm-lintRange-error').first().waitFor();
});

test('a 5 MB variables JSON pasted stays editable, plain text, with a note', async () => {
  await setQuery('query GetUser($id: ID!) {\n  user(id: $id) { id }\n}\n');
  await loadClipboard(page, '/big-variables.json');
  await variablesEditor().focus();
  await page.keyboard.press('Control+a');
  await pasteLoaded(variablesEditor());
  const note = page.getByTestId('variables-size-note');
  await note.waitFor();
  assert.match(await note.innerText(), /Highlighting and checking the variables: off above 256 KB/);
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' ');
  // A big text reaches the binding after a pause in typing, and at once when it runs.
  await page.keyboard.press('Control+Enter');
  const variables = await page.evaluate(
    () => (window as unknown as { harness: { variables: string } }).harness.variables,
  );
  assert.ok(variables.length > 5 * 1024 * 1024 && variables.endsWith('} '), 'the key landed');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('{"id": true}');
  await note.waitFor({ state: 'detached' });
  // Small again: checked against the operation again.
  await page.locator('.variables-editor .cm-lintRange-error').first().waitFor();
  assert.deepEqual(violations, []);
});
