/**
 * One marker for everything scrubbed: `REDACTED` in main/core/redaction/redacted.ts is the only
 * place main writes one (two markers, `<redacted>` and `[redacted]`, once lived side by side).
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { REDACTED } from '../../main/core/redaction/redacted.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOME = 'main/core/redaction/redacted.ts';

async function sources(folder: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|svelte)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name).slice(ROOT.length));
}

test('no source but redacted.ts spells a redaction marker of its own', async () => {
  const marker = /['"][<[(*]?redacted[>\])*]?['"]/i;
  const offenders: string[] = [];
  for (const file of [...(await sources('main')), ...(await sources('shared'))]) {
    if (file === HOME) continue;
    const text = await readFile(join(ROOT, file), 'utf8');
    for (const [index, line] of text.split('\n').entries()) {
      if (marker.test(line)) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
    }
  }
  assert.deepEqual(offenders, []);
  assert.equal(REDACTED, '<redacted>');
});
