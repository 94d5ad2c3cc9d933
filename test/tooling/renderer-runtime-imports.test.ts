/**
 * The window's first script runs no zod: inputs are validated in main (the router), and building
 * the contract's schemas in the renderer was ~50 ms of its start and 53 KB of its script. The
 * renderer may import the contract and the DTO modules for their types; what it imports to run
 * (not `import type`, not a lazy `import()`) must not reach shared/zod.ts.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';

const root = fileURLToPath(new URL('../..', import.meta.url));
const rules = createRequire(import.meta.url)(join(root, '.dependency-cruiser.cjs'));

interface Module {
  source: string;
  dependencies: Array<{ resolved: string; dynamic: boolean; dependencyTypes: string[] }>;
}

/** The chain of runtime imports from `entry` to `target`, or null when there is none. */
async function runtimePath(entry: string, target: string): Promise<string[] | null> {
  const previous = process.cwd();
  process.chdir(root);
  try {
    const result = await cruise([entry], { ...rules.options, baseDir: root });
    const modules = (result.output as { modules: Module[] }).modules;
    const graph = new Map(modules.map((m) => [m.source, m.dependencies]));
    return walk(graph, entry, target);
  } finally {
    process.chdir(previous);
  }
}

function walk(
  graph: Map<string, Module['dependencies']>,
  entry: string,
  target: string,
): string[] | null {
  const from = new Map<string, string | null>([[entry, null]]);
  const queue = [entry];
  for (let i = 0; i < queue.length; i++) {
    for (const dependency of graph.get(queue[i]!) ?? []) {
      if (dependency.dynamic || dependency.dependencyTypes.includes('type-only')) continue;
      if (from.has(dependency.resolved)) continue;
      from.set(dependency.resolved, queue[i]!);
      queue.push(dependency.resolved);
    }
  }
  if (!from.has(target)) return null;
  const path: string[] = [];
  for (let at: string | null | undefined = target; at; at = from.get(at)) path.unshift(at);
  return path;
}

test('the renderer entry reaches no zod through its runtime imports', async () => {
  const path = await runtimePath('renderer/src/main.ts', 'shared/zod.ts');
  assert.equal(path, null, `renderer/src/main.ts runs zod through ${path?.join(' → ')}`);
});

test('the check sees runtime imports: the contract runs zod; the client imports it for types', async () => {
  const path = await runtimePath('shared/client.ts', 'shared/zod.ts');
  assert.equal(path, null, 'the client imports the contract for its types only');
  const contract = await runtimePath('shared/contract.ts', 'shared/zod.ts');
  assert.ok(contract && contract.length >= 2, 'the contract itself does run zod');
});
