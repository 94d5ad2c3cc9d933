/**
 * The editors load after the window's first paint: CodeMirror, its languages and the GraphQL
 * language service are more than half of the renderer's code, and evaluating them held the
 * first paint back. A host renders `{#await}` on one of these; its box (sized by the host)
 * stays empty until the editor arrives. Each module is asked for once.
 */
function once<T>(load: () => Promise<{ default: T }>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () => (loaded ??= load().then((module) => module.default));
}

export const graphqlEditor = once(() => import('./GraphqlEditor.svelte'));
export const variablesEditor = once(() => import('./VariablesEditor.svelte'));
export const textEditor = once(() => import('./TextEditor.svelte'));
export const scriptEditor = once(() => import('./ScriptEditor.svelte'));
export const jsonViewer = once(() => import('./JsonViewer.svelte'));
