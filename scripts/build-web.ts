/**
 * Bundles the loopback web host into dist/web/ (scripts/node-bundle.ts); main/web/start.mjs runs
 * it while it is fresh. From source the host loads some 700 modules, each resolved and
 * type-stripped, before it can answer.
 */
import { bundleForNode } from './node-bundle.ts';

await bundleForNode({ entry: { in: 'main/web/serve.ts', out: 'serve' }, outdir: 'dist/web' });
