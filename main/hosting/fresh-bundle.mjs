// Which code a Node host runs: its bundle from scripts/node-bundle.ts, or the TypeScript sources.
// Plain JavaScript, loaded before anything else by main/cli/bin.mjs and main/web/start.mjs.
import module from 'node:module';
import { fileURLToPath } from 'node:url';

// node:fs by require: as an ES import, Node builds its ESM facade (~3 ms of a one-shot command).
const { readFileSync, statSync } = module.createRequire(import.meta.url)('node:fs');

const rootPath = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The URL of `dist/<host>/<entry>` if that bundle was built and no source it was built from has
 * changed since (an edited source must never run as its stale bundled copy), else null.
 * APPSYNC_WORKBENCH_SOURCES=1 runs the sources. A stat per source file (by path: a URL per
 * file costs twice as much) is under a millisecond in all; loading the unbundled sources costs
 * a hundred or more.
 *
 * @param {string} host the folder under dist/ ('cli', 'web')
 * @param {string} entry the bundle's entry file ('main.mjs', 'serve.mjs')
 * @returns {string | null}
 */
export function freshBundle(host, entry) {
  if (process.env.APPSYNC_WORKBENCH_SOURCES) return null;
  try {
    const { builtAt, sources } = JSON.parse(
      readFileSync(`${rootPath}dist/${host}/sources.json`, 'utf8'),
    );
    for (const source of sources) {
      if (statSync(rootPath + source).mtimeMs >= builtAt) return null;
    }
    return new URL(`../../dist/${host}/${entry}`, import.meta.url).href;
  } catch {
    return null; // not built, or a source was removed: the sources are the truth
  }
}
