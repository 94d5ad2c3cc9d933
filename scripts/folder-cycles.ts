/**
 * The layer rule dependency-cruiser cannot state: no cycle between folders. A module cycle is
 * forbidden by `.dependency-cruiser.cjs` (`no-circular`); this forbids two domain folders that
 * depend on each other through different modules (collections → tests → collections), which
 * makes neither one changeable alone. The folders are `main/core/<domain>/` and
 * `renderer/src/{lib,components}/<area>/`; a file directly in `main/core/` (the ports, the
 * composition root) is a node of its own. Run by `npm run layers`; prints each cycle with the
 * imports that close it, and exits 1.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface CruisedModule {
  source: string;
  dependencies: { resolved: string }[];
}

/** The folder a module belongs to for this rule, or the module itself. */
export function folderOf(path: string): string {
  return (
    /^(main\/core\/[^/]+\/|renderer\/src\/(?:lib|components)\/[^/]+\/)/.exec(path)?.[1] ?? path
  );
}

/** Every set of folders that reach each other (Tarjan's strongly connected components). */
export function folderCycles(modules: CruisedModule[]): { folders: string[]; imports: string[] }[] {
  const edges = new Map<string, Map<string, string[]>>();
  for (const module of modules) {
    const from = folderOf(module.source);
    for (const { resolved } of module.dependencies) {
      const to = folderOf(resolved);
      if (from === to) continue;
      const targets = edges.get(from) ?? new Map<string, string[]>();
      edges.set(from, targets);
      targets.set(to, [...(targets.get(to) ?? []), `${module.source} → ${resolved}`]);
    }
  }
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: { folders: string[]; imports: string[] }[] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const folders: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      folders.push(member);
    } while (member !== node);
    if (folders.length < 2) return;
    const imports = folders.flatMap((from) =>
      [...(edges.get(from) ?? [])].filter(([to]) => folders.includes(to)).flatMap(([, i]) => i),
    );
    cycles.push({ folders: folders.sort(), imports });
  };
  for (const node of edges.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const json = execFileSync(
    process.execPath,
    [
      'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs',
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'json',
      'main',
      'renderer/src',
      'shared',
    ],
    { cwd: root, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
  );
  const cycles = folderCycles((JSON.parse(json) as { modules: CruisedModule[] }).modules);
  for (const cycle of cycles) {
    console.error(`folder cycle: ${cycle.folders.join(' ⇄ ')}\n  ${cycle.imports.join('\n  ')}`);
  }
  if (cycles.length > 0) process.exit(1);
  console.log('✔ no folder cycles (main/core/*, renderer/src/{lib,components}/*)');
}
