/**
 * The loopback web host: the built renderer over HTTP on 127.0.0.1 and the IPC contract over a
 * WebSocket, for machines where Electron cannot start and for the end-to-end tests.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../shared/contract/common.ts';
import type { Router } from '../ipc/router.ts';
import { bridge } from './ipc-bridge.ts';
import { createGuard, type Guard } from './request-guard.ts';
import { securityHeaders } from '../hosting/renderer-files.ts';
import { serveFile } from './static-files.ts';

export interface WebHostOptions {
  router: Router;
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  token?: string;
  /** Where one line per refused connection goes (stderr by default). */
  log?: (line: string) => void;
}

export interface WebHost {
  /** The launch URL: it carries the token, so only whoever was given it gets in. */
  url: string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

const IPC_PATH = '/ipc';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const log = options.log ?? ((line: string) => console.error(line));
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const guard = createGuard(port, token);
  const origin = `http://127.0.0.1:${port}`;

  server.on('request', (req, res) => {
    handleHttp(req, res, guard, options.rendererDir).catch(() => {
      if (!res.headersSent) res.writeHead(500, securityHeaders());
      res.end();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    // Node leaves an upgraded socket without an error listener: a peer that resets it while
    // we answer must not crash the host.
    socket.on('error', (error) => log(`[web] WebSocket upgrade socket failed: ${error.message}`));
    const url = new URL(req.url ?? '/', origin);
    const verdict = guard.checkHostAndOrigin(req, true);
    const authorized = verdict.ok && guard.tokenMatches(guard.cookieToken(req));
    if (url.pathname !== IPC_PATH || !authorized) {
      const status = !verdict.ok ? verdict.status : url.pathname !== IPC_PATH ? 404 : 401;
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => bridge(ws, options.router, log));
  });

  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handleHttp(
  req: IncomingMessage,
  res: ServerResponse,
  guard: Guard,
  rendererDir: string,
): Promise<void> {
  const verdict = guard.checkHostAndOrigin(req, false);
  if (!verdict.ok) {
    res.writeHead(verdict.status, securityHeaders()).end(verdict.reason);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...securityHeaders(), Allow: 'GET, HEAD' }).end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const launchToken = url.searchParams.get('token');
  if (launchToken !== null) {
    if (!guard.tokenMatches(launchToken)) {
      res.writeHead(401, securityHeaders()).end('Wrong launch token.');
      return;
    }
    // Trade the token in the URL for a cookie, so it leaves the address bar and history.
    res.writeHead(303, {
      ...securityHeaders(),
      'Set-Cookie': `${guard.cookieName}=${launchToken}; HttpOnly; SameSite=Strict; Path=/`,
      Location: url.pathname,
    });
    res.end();
    return;
  }
  if (!guard.tokenMatches(guard.cookieToken(req))) {
    res
      .writeHead(401, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' })
      .end('Open the URL the web host printed at launch: it carries the access token.');
    return;
  }
  await serveFile(rendererDir, url.pathname, res);
}
