/**
 * The `no-folder-cycles` rule of .dependency-cruiser.cjs (run by `npm run layers`) fires on two
 * core folders that import each other through different modules — a cycle `no-circular` does
 * not see — also when one side of it is a folder below the domain; and the project has none.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import { plantTree } from './planted-tree.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rules = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs'));

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

async function violations(folder: string, paths: string[]): Promise<Violation[]> {
  const previous = process.cwd();
  process.chdir(folder);
  try {
    const result = await cruise(paths, {
      ruleSet: rules,
      validate: true,
      ...rules.options,
      baseDir: folder,
    });
    return (result.output as { summary: { violations: Violation[] } }).summary.violations;
  } finally {
    process.chdir(previous);
  }
}

const folderCycles = (found: Violation[]) =>
  found
    .filter((v) => v.rule.name === 'no-folder-cycles')
    .map((v) => `${v.from} → ${v.to}`)
    .sort();

test('two folders importing each other through different modules are a cycle', async () => {
  const dir = await plantTree('folder-cycles', {
    'main/core/collections/runner.ts':
      "import { check } from '../tests/checks.ts';\nexport const run = () => check();\n",
    'main/core/collections/settings.ts': 'export const settings = {};\n',
    'main/core/tests/checks.ts':
      "import { settings } from '../collections/settings.ts';\nexport const check = () => settings;\n",
    'main/core/ports.ts': 'export const port = 1;\n',
  });
  const found = await violations(dir, ['main']);
  assert.ok(!found.some((v) => v.rule.name === 'no-circular'), 'no module cycle: only folders');
  assert.deepEqual(folderCycles(found), [
    'main/core/collections → main/core/tests',
    'main/core/tests → main/core/collections',
  ]);
});

test('a module in a folder below a domain counts for the domain', async () => {
  const dir = await plantTree('folder-cycles-nested', {
    'main/core/streams/socket/link.ts':
      "import { plan } from '../../requests/plan.ts';\nexport const link = () => plan;\n",
    'main/core/streams/keep-alive.ts': 'export const keepAlive = 1;\n',
    'main/core/requests/plan.ts': 'export const plan = 1;\n',
    'main/core/requests/run.ts':
      "import { keepAlive } from '../streams/keep-alive.ts';\nexport const run = () => keepAlive;\n",
  });
  assert.deepEqual(folderCycles(await violations(dir, ['main'])), [
    'main/core/requests → main/core/streams',
    'main/core/streams → main/core/requests',
  ]);
});

test('the project has no folder cycle', async () => {
  assert.deepEqual(folderCycles(await violations(root, ['main', 'renderer/src', 'shared'])), []);
});
