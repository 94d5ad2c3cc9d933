/**
 * The layer rules must fail on a deliberate violation: a small tree breaks each rule once, and
 * dependency-cruiser with the project's own rule set must name every broken rule.
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

const VIOLATIONS: Record<string, string> = {
  'shared/contract.ts': "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n",
  'renderer/src/app.ts':
    "import { x } from '../../shared/contract.ts';\nimport { core } from '../../main/core/core.ts';\nimport { join } from 'node:path';\nexport const y = [x, core, join];\n",
  'main/core/core.ts': "import electron from 'electron';\nexport const core = electron;\n",
  'main/ipc/router.ts': "import { host } from '../web/host.ts';\nexport const r = host;\n",
  'main/web/host.ts': "import { win } from '../electron/main.ts';\nexport const host = win;\n",
  'main/electron/main.ts': 'export const win = 1;\n',
  'main/sandbox/sts.ts': "import { core } from '../core/core.ts';\nexport const sts = core;\n",
};

test('every layer rule fails on a deliberate violation', async () => {
  const dir = await plantTree('layers', VIOLATIONS);
  const previous = process.cwd();
  process.chdir(dir);
  try {
    const result = await cruise(['shared', 'renderer', 'main'], {
      ruleSet: rules,
      validate: true,
      ...rules.options,
      baseDir: dir,
    });
    const output = result.output as { summary: { violations: Array<{ rule: { name: string } }> } };
    const broken = new Set(output.summary.violations.map((v) => v.rule.name));
    for (const rule of [
      'shared-is-pure',
      'renderer-no-node',
      'renderer-only-shared-and-browser',
      'core-no-electron-or-hosts',
      'ipc-only-core-and-shared',
      'hosts-do-not-import-each-other',
      'sandbox-is-an-independent-peer',
    ]) {
      assert.ok(broken.has(rule), `rule ${rule} did not fire (fired: ${[...broken].join(', ')})`);
    }
  } finally {
    process.chdir(previous);
  }
});
