/**
 * Big editor inputs the way people paste them: a GraphQL document of thousands of fields (the
 * same field over and over, unaliased — the shape that makes validation work hardest) and a
 * variables JSON of megabytes. Shared by the editor e2e test and the paste benchmark.
 */
import type { Locator, Page } from 'playwright-core';

/** `query Big { user(id: "1") { id name role } … }` of about `bytes`, valid for the harness schema. */
export function bigQuery(bytes: number): string {
  const field = '  user(id: "1") { id name role }\n';
  return `query Big {\n${field.repeat(Math.ceil(bytes / field.length))}}\n`;
}

/**
 * A variables object of about `bytes`: `id` plus one big list the operation does not declare,
 * one item per line (`oneLine`: all on one line, as a program writes it).
 */
export function bigVariables(bytes: number, oneLine = false): string {
  const item = JSON.stringify({ sku: 'sku-000000', qty: 1, note: 'x'.repeat(24) });
  const count = Math.ceil(bytes / (item.length + (oneLine ? 1 : 6)));
  const items = Array.from({ length: count }, () => item).join(oneLine ? ',' : ',\n    ');
  return oneLine
    ? `{"id": "1", "items": [${items}]}`
    : `{\n  "id": "1",\n  "items": [\n    ${items}\n  ]\n}`;
}

/**
 * Fetches `path` into the page ahead of a paste: handing megabytes to `evaluate` would cost the
 * page's main thread a long task of its own, which is not the editor's.
 */
export async function loadClipboard(page: Page, path: string): Promise<number> {
  return page.evaluate(async (url) => {
    const text = await (await fetch(url)).text();
    (window as unknown as { clipboardText: string }).clipboardText = text;
    return text.length;
  }, path);
}

/** Pastes what `loadClipboard` fetched into a CodeMirror editor, as a person pastes. */
export async function pasteLoaded(content: Locator): Promise<void> {
  await content.evaluate((element: HTMLElement) => {
    element.focus();
    const data = new DataTransfer();
    data.setData('text/plain', (window as unknown as { clipboardText: string }).clipboardText);
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
}
