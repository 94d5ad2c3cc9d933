import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the editor harness like the app is built (no inline code: the CSP allows only 'self'). */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  plugins: [svelte({ configFile: false, compilerOptions: { runes: true } })],
  build: {
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // CodeMirror + graphql in one bundle: fine for a test page.
    chunkSizeWarningLimit: 2000,
  },
});
