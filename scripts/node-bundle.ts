/**
 * Bundles a Node host of the core (the command line, the web host) into dist/<host>/. The host's
 * launcher runs the bundle when it is present and not older than any source it was built from
 * (main/hosting/fresh-bundle.mjs), and the TypeScript sources otherwise.
 *
 * Why bundle: starting is mostly module loading. One file per chunk instead of hundreds of
 * resolved, type-stripped modules, plus Node's compile cache, is most of the speed.
 */
import { build, type Plugin } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// `import … from 'node:http'` in an ES module makes Node build an ESM facade that reads every
// export, and node:http's lazy WebSocket/EventSource getters then load Node's internal undici
// (~35 ms); node:fs, node:util and node:process pay 3–6 ms the same way. A CommonJS require of
// those reads nothing until used. Other built-ins stay plain ES imports: routed through a
// require shim, each becomes a tiny chunk of its own, and every chunk costs a one-shot command
// ~0.3 ms to load. (A shim exporting only the names the bundle uses is no better: its picks are
// the union over every command, so node:http's WebSocket would be read on every run.)
const FACADE_COSTLY = ['http', 'https', 'fs', 'util', 'process'];
const builtins = new Set(FACADE_COSTLY.flatMap((name) => [name, `node:${name}`]));
const builtinsAsRequire: Plugin = {
  name: 'builtins-as-require',
  setup(context) {
    context.onResolve({ filter: /^(node:)?[a-z_]+$/ }, (args) =>
      builtins.has(args.path) && args.namespace !== 'builtin'
        ? { path: args.path, namespace: 'builtin' }
        : undefined,
    );
    context.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

// node:crypto costs a one-shot command ~11 ms to load (it loads every internal crypto module up
// front), and `profiles` or a sign-in check never call it on most runs. An `import { … } from
// 'node:crypto'` therefore gets a stand-in whose functions load the real module on their first
// call. Only lower-case functions are stood in for (a class or a constant would have to be read
// up front): importing anything else from it fails the build instead of binding undefined.
// require('crypto') in bundled CommonJS still gets the real module.
const LAZY = ['crypto'];
const lazyBuiltins = new Set(LAZY.flatMap((name) => [name, `node:${name}`]));
const builtinsOnFirstCall: Plugin = {
  name: 'builtins-on-first-call',
  setup(context) {
    context.onResolve({ filter: /^(node:)?[a-z_]+$/ }, (args) =>
      lazyBuiltins.has(args.path) && args.kind === 'import-statement'
        ? { path: args.path.replace(/^node:/, ''), namespace: 'builtin-on-first-call' }
        : undefined,
    );
    context.onLoad({ filter: /.*/, namespace: 'builtin-on-first-call' }, (args) => {
      const real = process.getBuiltinModule(`node:${args.path}`) as Record<string, unknown>;
      const functions = Object.keys(real).filter(
        (name) => /^[a-z]\w*$/.test(name) && typeof real[name] === 'function',
      );
      const load = `const load = () => process.getBuiltinModule(${JSON.stringify(`node:${args.path}`)});`;
      const exports = functions.map(
        (name) => `export function ${name}(...args) { return load().${name}(...args); }`,
      );
      return { contents: [load, ...exports].join('\n'), loader: 'js' };
    });
  },
};

export interface NodeBundle {
  /** The host's entry: bundled as `<out>.mjs` in `outdir`. */
  entry: { in: string; out: string };
  /** dist/<host>, relative to the project root. */
  outdir: string;
}

/**
 * Bundles one host (ESM, split so that a lazy import stays a chunk loaded when used), with the
 * request scripts' worker thread as an entry of its own beside the chunks, where
 * main/core/tests/script-thread.ts looks for it (`./script-worker.mjs`). Writes
 * `sources.json`, which main/hosting/fresh-bundle.mjs checks before the bundle is run.
 */
export async function bundleForNode({ entry, outdir }: NodeBundle): Promise<void> {
  // Sources edited after this instant make the bundle stale.
  const startedAt = Date.now();
  await rm(`${root}${outdir}`, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry, { in: 'main/core/tests/script-worker.ts', out: 'script-worker' }],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    // The SDK's ES module builds let esbuild drop what a host never calls.
    mainFields: ['module', 'main'],
    outExtension: { '.js': '.mjs' },
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    external: ['electron'],
    plugins: [builtinsOnFirstCall, builtinsAsRequire],
    metafile: true,
    logLevel: 'warning',
  });

  // A namespace import of the stand-in (`import * as c from 'node:crypto'; c.webcrypto`) only
  // warns that the name is undefined: for the stand-in that is a wrong bundle, so it fails here.
  const unbound = result.warnings.filter(
    (w) => w.id === 'import-is-undefined' && /builtin-on-first-call/.test(JSON.stringify(w)),
  );
  if (unbound.length > 0) {
    throw new Error(
      `node:crypto is read for something that is not a function, which the lazy stand-in cannot give: ${unbound.map((w) => w.text).join('; ')}`,
    );
  }

  // What fresh-bundle.mjs checks before trusting the bundle: every project source in it.
  const sources = Object.keys(result.metafile.inputs).filter(
    (path) => !path.includes('node_modules/') && !path.includes(':'),
  );
  await mkdir(`${root}${outdir}`, { recursive: true });
  await writeFile(
    `${root}${outdir}/sources.json`,
    `${JSON.stringify({ builtAt: startedAt, sources }, null, 1)}\n`,
  );
}
