/** Serves the built renderer on `app://workbench/` with the strict CSP, and nothing else. */
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { resolveInside, securityHeaders } from '../hosting/renderer-files.ts';

/**
 * `codeCache` (Electron 27+, standard schemes only) lets V8 keep the compiled bundle between
 * starts: in Chromium, evaluating and first running the app's 473 KB script is one ~190 ms task
 * of a cold start, and the cache spares it the compiling part.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: false, codeCache: true },
    },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'workbench' ? resolveInside(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(securityHeaders())) headers.set(name, value);
    return new Response(response.body, { status: response.status, headers });
  });
}
