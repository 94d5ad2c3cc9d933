/**
 * Bundles the desktop shell: the main process (CommonJS), the worker thread request scripts run
 * on (beside it, where main/core/tests/script-thread.ts looks for it) and the one small
 * sandboxed preload.
 */
import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node24',
  // QuickJS stays a package: its Emscripten loader finds itself and its .wasm at run time.
  external: ['electron', 'quickjs-emscripten-core', '@jitl/quickjs-wasmfile-release-sync'],
  absWorkingDir: root,
  logLevel: 'warning',
  sourcemap: true,
};

await Promise.all([
  build({ ...common, entryPoints: ['main/electron/main.ts'], outfile: 'dist/electron/main.cjs' }),
  build({
    ...common,
    entryPoints: ['main/core/tests/script-worker.ts'],
    outfile: 'dist/electron/script-worker.cjs',
  }),
  build({
    ...common,
    entryPoints: ['main/electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    // A sandboxed preload may require only 'electron': everything else is bundled in.
    platform: 'browser',
    minify: true,
  }),
]);
