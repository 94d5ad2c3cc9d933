// The harness is type-checked with the tests (Node project), which has no Svelte plugin.
declare module '*.svelte' {
  import type { Component } from 'svelte';
  const component: Component<Record<string, unknown>>;
  export default component;
}
