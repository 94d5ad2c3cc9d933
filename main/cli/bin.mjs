#!/usr/bin/env node
// The `appsync-workbench` command. Plain JavaScript so that an older Node can still say, in one
// line, why it cannot run the TypeScript sources (Node 24 strips the types itself).
import module from 'node:module';

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
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
