#!/usr/bin/env node
// The `appsync-workbench` command. Plain JavaScript so that an older Node can still say, in one
// line, why it cannot run the TypeScript sources (Node 24 strips the types itself).
import module from 'node:module';
import { freshBundle } from '../hosting/fresh-bundle.mjs';

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

// `appsync-workbench profiles | head`: the reader went away, so there is no one left to tell.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const { main } = await import(freshBundle('cli', 'main.mjs') ?? './main.ts');
process.exitCode = await main(process.argv.slice(2));
