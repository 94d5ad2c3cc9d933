/**
 * Lets `node --test` import the renderer's rune modules (`renderer/src/**\/*.svelte.ts`): Node
 * strips their types, `svelte/compiler` turns `$state`/`$derived` into Svelte's client runtime,
 * and `svelte` itself resolves to that runtime (its `browser` export), as Vite builds it.
 * Loaded with `--import` by `npm run test:unit`; it touches nothing outside `renderer/src`.
 */
import { registerHooks, stripTypeScriptTypes } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { compileModule } from 'svelte/compiler';

const RENDERER = pathToFileURL(fileURLToPath(new URL('../../renderer/src/', import.meta.url))).href;
const inRenderer = (url: string | undefined) => url?.startsWith(RENDERER) ?? false;
const isRuneModule = (url: string) => inRenderer(url) && url.endsWith('.svelte.ts');

registerHooks({
  resolve(specifier, context, nextResolve) {
    const svelte = specifier === 'svelte' || specifier.startsWith('svelte/');
    if (!svelte || !inRenderer(context.parentURL)) return nextResolve(specifier, context);
    return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'browser'] });
  },
  load(url, context, nextLoad) {
    const loaded = nextLoad(url, context);
    if (!isRuneModule(url)) return loaded;
    const typescript = String(loaded.source);
    const javascript = stripTypeScriptTypes(typescript, { mode: 'strip' });
    const { js } = compileModule(javascript, { filename: fileURLToPath(url), generate: 'client' });
    return { format: 'module', source: js.code, shortCircuit: true };
  },
});
