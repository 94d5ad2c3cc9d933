/** Reads the URL a private launch page (main/hosting/launch-page.ts) forwards the browser to. */
import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export async function forwardedUrl(pageUrl: string): Promise<string> {
  assert.match(pageUrl, /^file:\/\//, 'the browser was handed the URL itself, not a private page');
  const file = fileURLToPath(pageUrl);
  assert.equal((await stat(file)).mode & 0o777, 0o600);
  const html = await readFile(file, 'utf8');
  const content = /<meta http-equiv="refresh" content="0;url=([^"]*)">/.exec(html)?.[1];
  assert.ok(content, html);
  return content.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}
