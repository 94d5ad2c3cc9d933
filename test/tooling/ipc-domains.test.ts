/**
 * IPC by domain: every `shared/contract/<domain>-methods.ts` has its handlers in
 * `main/ipc/<domain>-handlers.ts` and nowhere else, and the two name the same methods. (The
 * types hold each group to its contract file; this holds the files to each other.)
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { METHOD_NAMES } from '../../shared/contract.ts';

const CONTRACT = new URL('../../shared/contract/', import.meta.url);
const IPC = new URL('../../main/ipc/', import.meta.url);

async function domainFiles(folder: URL, suffix: string): Promise<Map<string, string[]>> {
  const domains = new Map<string, string[]>();
  for (const file of await readdir(folder)) {
    if (!file.endsWith(suffix)) continue;
    const text = await readFile(new URL(file, folder), 'utf8');
    // A method is a quoted `domain.verb` key at the start of a line of the object.
    const names = [...text.matchAll(/^\s+'([a-z]+\.[A-Za-z]+)':/gm)].map((m) => m[1]!);
    domains.set(file.slice(0, -suffix.length), names.sort());
  }
  return domains;
}

test('each contract domain file has one handler file, naming the same methods', async () => {
  const contract = await domainFiles(CONTRACT, '-methods.ts');
  const handlers = await domainFiles(IPC, '-handlers.ts');
  assert.deepEqual([...handlers.keys()].sort(), [...contract.keys()].sort());
  for (const [domain, methods] of contract) {
    assert.ok(methods.length > 0, `${domain}-methods.ts names no method`);
    assert.deepEqual(handlers.get(domain), methods, `main/ipc/${domain}-handlers.ts`);
  }
  // Every method of the contract is in a domain file (none left in shared/contract.ts).
  assert.deepEqual([...contract.values()].flat().sort(), [...METHOD_NAMES].sort());
});
