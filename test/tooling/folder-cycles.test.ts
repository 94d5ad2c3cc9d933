/**
 * The folder-cycle rule (scripts/folder-cycles.ts, run by `npm run layers`) fires on two core
 * folders that import each other through different modules, a cycle dependency-cruiser's own
 * `no-circular` does not see; and the project's tree has none.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import { plantTree } from './planted-tree.ts';
import { folderCycles, type CruisedModule } from '../../scripts/folder-cycles.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rules = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs'));

async function cruised(
  folder: string,
  paths: string[],
): Promise<{ modules: CruisedModule[]; violations: string[] }> {
  const previous = process.cwd();
  process.chdir(folder);
  try {
    const result = await cruise(paths, {
      ruleSet: rules,
      validate: true,
      ...rules.options,
      baseDir: folder,
    });
    const output = result.output as {
      modules: CruisedModule[];
      summary: { violations: { rule: { name: string } }[] };
    };
    return {
      modules: output.modules,
      violations: output.summary.violations.map((v) => v.rule.name),
    };
  } finally {
    process.chdir(previous);
  }
}

test('two folders importing each other through different modules are a cycle', async () => {
  const files: Record<string, string> = {
    'main/core/collections/runner.ts':
      "import { check } from '../tests/checks.ts';\nexport const run = () => check();\n",
    'main/core/collections/settings.ts': 'export const settings = {};\n',
    'main/core/tests/checks.ts':
      "import { settings } from '../collections/settings.ts';\nexport const check = () => settings;\n",
    'main/core/ports.ts': 'export const port = 1;\n',
  };
  const dir = await plantTree('folder-cycles', files);
  const { modules, violations } = await cruised(dir, ['main']);
  assert.ok(!violations.includes('no-circular'), 'no module cycle: only the folders cycle');
  const cycles = folderCycles(modules);
  assert.deepEqual(
    cycles.map((c) => c.folders),
    [['main/core/collections/', 'main/core/tests/']],
  );
  assert.deepEqual(cycles[0]!.imports.sort(), [
    'main/core/collections/runner.ts → main/core/tests/checks.ts',
    'main/core/tests/checks.ts → main/core/collections/settings.ts',
  ]);
});

test('the project has no folder cycle', async () => {
  const { modules } = await cruised(root, ['main', 'renderer/src', 'shared']);
  assert.deepEqual(folderCycles(modules), []);
});
