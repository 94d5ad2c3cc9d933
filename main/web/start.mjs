// `npm run web`: starts the loopback web host on this machine's environment and prints its
// single-use launch URL (`serve.ts`; its flags are there). Plain JavaScript, as main/cli/bin.mjs:
// a TypeScript entry makes Node load its type stripper (~100 ms) before anything else runs.
// Loading modules is most of the host's start: it runs its bundle (dist/web, `npm run
// build:web`) while that is fresh, and Node's on-disk compile cache (in the OS temp dir, keyed
// by file contents) saves most of the rest from the second start on; the cache must be on
// before they load, so the host is imported after.
import module from 'node:module';
import { freshBundle } from '../hosting/fresh-bundle.mjs';

module.enableCompileCache?.();
await import(freshBundle('web', 'serve.mjs') ?? './serve.ts');
