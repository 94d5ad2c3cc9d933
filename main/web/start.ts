/**
 * `npm run web`: starts the loopback web host on this machine's environment and prints its
 * single-use launch URL (`serve.ts`; its flags are there). Loading modules is most of the host's
 * start: Node's on-disk compile cache (in the OS temp dir, keyed by file contents) saves most of
 * it from the second start on, and must be on before they load, so the host is imported after.
 */
import module from 'node:module';

module.enableCompileCache?.();
await import('./serve.ts');
