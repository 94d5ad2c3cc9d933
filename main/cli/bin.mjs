#!/usr/bin/env node
// The `appsync-workbench` command. Plain JavaScript so that an older Node can still say, in one
// line, why it cannot run the TypeScript sources (Node 24 strips the types itself).
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// node:fs by require: as an ES import, Node builds its ESM facade (~3 ms of a one-shot command).
const { readFileSync, statSync } = module.createRequire(import.meta.url)('node:fs');

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `appsync-workbench: needs Node.js 24 or newer (this is ${process.version}); run it with the project's node_modules/.bin/node.\n`,
  );
  process.exit(2);
}
// Most of a one-shot command's time is loading modules; Node's on-disk compile cache (in the
// OS temp dir, keyed by file contents) saves most of it from the second run on.
module.enableCompileCache?.();

const root = new URL('../../', import.meta.url);
const rootPath = fileURLToPath(root);

/**
 * The bundle from scripts/build-cli.ts, if there is one and no source it was built from has
 * changed since (an edited source must never run as its stale bundled copy). A stat per source
 * file (by path: a URL per file costs twice as much) is under a millisecond in all; loading the
 * unbundled sources costs a hundred or more.
 */
function freshBundle() {
  if (process.env.APPSYNC_WORKBENCH_CLI_SOURCES) return null;
  try {
    const { builtAt, sources } = JSON.parse(
      readFileSync(new URL('dist/cli/sources.json', root), 'utf8'),
    );
    for (const source of sources) {
      if (statSync(rootPath + source).mtimeMs >= builtAt) return null;
    }
    return new URL('dist/cli/main.mjs', root).href;
  } catch {
    return null; // not built, or a source was removed: the sources are the truth
  }
}

// `appsync-workbench profiles | head`: the reader went away, so there is no one left to tell.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { main } = await import(freshBundle() ?? './main.ts');
process.exitCode = await main(process.argv.slice(2));
