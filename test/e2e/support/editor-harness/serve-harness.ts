/**
 * Builds the editor harness with Vite into a temp dir and serves it on 127.0.0.1 with the app's
 * own security headers (CSP first), so the components run under the same policy as in the app.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import {
  contentType,
  resolveInside,
  securityHeaders,
} from '../../../../main/hosting/renderer-files.ts';

export interface HarnessServer {
  url: string;
  close(): Promise<void>;
}

/** Extra routes (path → body) served beside the built page, e.g. a big response to fetch. */
export async function serveEditorHarness(
  extra: Record<string, string> = {},
): Promise<HarnessServer> {
  const outDir = await mkdtemp(join(tmpdir(), 'editor-harness-'));
  await build({
    configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
    build: { outDir },
  });
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const body = extra[path];
    if (body !== undefined) {
      response.writeHead(200, { ...securityHeaders(), 'Content-Type': 'application/json' });
      response.end(body);
      return;
    }
    const file = resolveInside(outDir, path);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (data) => {
        response.writeHead(200, { ...securityHeaders(), 'Content-Type': contentType(file) });
        response.end(data);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
