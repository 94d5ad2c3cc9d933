import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { nameOrder } from '../../../main/core/profiles/name-order.ts';

const run = promisify(execFile);
const MODULE = new URL('../../../main/core/profiles/name-order.ts', import.meta.url).href;

/** Names that tell the levels apart: case, punctuation, digits, prefixes, lengths. */
function names(count: number, seed: number): string[] {
  const pool = 'aAbBzZ09_-.@/ ~$`|+=#%^&*(){}[]:;,?!\'"\\<>eEmMyY';
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out = [
    '',
    'a',
    'A',
    'aa',
    'aA',
    'Aa',
    'AA',
    'a-b',
    'ab',
    'a_b',
    'a1',
    'a10',
    'a2',
    'dev',
    'Dev',
  ];
  while (out.length < count) {
    let name = '';
    const length = 1 + Math.floor(next() * 7);
    for (let i = 0; i < length; i++) name += pool[Math.floor(next() * pool.length)];
    out.push(name);
  }
  return out;
}

/** Sorts in another process under `env`, by the table and by Intl.Collator there. */
async function sortedIn(env: NodeJS.ProcessEnv, list: string[]) {
  const script = `
    const { nameOrder } = await import(${JSON.stringify(MODULE)});
    const list = ${JSON.stringify(list)};
    const compare = nameOrder(list);
    const collator = new Intl.Collator();
    console.log(JSON.stringify({
      table: compare.name === 'compareRootAscii',
      ours: [...list].sort(compare),
      intl: [...list].sort(collator.compare),
      locale: collator.resolvedOptions().locale,
    }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env });
  return JSON.parse(stdout) as { table: boolean; ours: string[]; intl: string[]; locale: string };
}

describe('profile name order', () => {
  test('the ASCII table sorts as Intl.Collator does, in every locale it is used for', async () => {
    const list = names(3000, 7);
    const base = { PATH: process.env.PATH };
    for (const env of [
      {},
      { LANG: 'C' },
      { LANG: 'C.UTF-8' },
      { LANG: 'POSIX' },
      { LANG: 'en_US.UTF-8' },
      { LANG: 'en_GB.UTF-8' },
      { LC_ALL: 'en_US.UTF-8', LANG: 'sv_SE.UTF-8' },
    ]) {
      const sorted = await sortedIn({ ...base, ...env }, list);
      assert.ok(sorted.table, `the table is used under ${JSON.stringify(env)}`);
      assert.deepEqual(
        sorted.ours,
        sorted.intl,
        `order under ${JSON.stringify(env)} (${sorted.locale})`,
      );
    }
  });

  test('other locales and other characters get the collator', async () => {
    // Swedish sorts some ASCII apart from root (w with v in older rules); Danish treats "aa" as å.
    for (const env of [
      { LANG: 'da_DK.UTF-8' },
      { LC_MESSAGES: 'sv_SE.UTF-8' },
      { LC_ALL: 'tr_TR' },
    ]) {
      const sorted = await sortedIn({ PATH: process.env.PATH, ...env }, ['aa', 'b', 'z']);
      assert.equal(sorted.table, false, `the collator is used under ${JSON.stringify(env)}`);
      assert.deepEqual(sorted.ours, sorted.intl);
    }
    const collator = new Intl.Collator();
    const accented = ['été', 'ete', 'Ete', 'zulu', 'émile'];
    assert.deepEqual(
      [...accented].sort(nameOrder(accented, {})),
      [...accented].sort(collator.compare),
    );
    assert.deepEqual(
      [...accented].sort(nameOrder(accented, {}, 'win32')),
      [...accented].sort(collator.compare),
    );
    const tab = ['a\tb', 'ab'];
    assert.deepEqual([...tab].sort(nameOrder(tab, {})), [...tab].sort(collator.compare));
  });
});
