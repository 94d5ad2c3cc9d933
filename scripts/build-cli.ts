/**
 * Bundles the command line into dist/cli/ (scripts/node-bundle.ts), split per command so that a
 * command loads only the chunks it uses; main/cli/bin.mjs runs it while it is fresh.
 */
import { bundleForNode } from './node-bundle.ts';

await bundleForNode({ entry: { in: 'main/cli/main.ts', out: 'main' }, outdir: 'dist/cli' });
