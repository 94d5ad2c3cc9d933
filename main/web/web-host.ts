/**
 * The loopback web host: the built renderer over HTTP on 127.0.0.1 and the IPC contract over a
 * WebSocket, for machines where Electron cannot start and for the end-to-end tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { MAX_MESSAGE_BYTES } from '../../shared/contract/common.ts';
import type { Router } from '../ipc/router.ts';
import { bridge } from './ipc-bridge.ts';
import { createAdmission, type Admission } from './launch-codes.ts';
import { createGuard, type Guard } from './request-guard.ts';
import { securityHeaders } from '../hosting/renderer-files.ts';
import { serveFile } from './static-files.ts';

export interface WebHostOptions {
  router: Router;
  rendererDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Where one line per refused connection goes (stderr by default). */
  log?: (line: string) => void;
}

export interface WebHost {
  /** The first launch URL: its code lets one browser in, once. */
  url: string;
  /** Another launch URL with a fresh single-use code, for one more browser. */
  newLaunchUrl(): string;
  origin: string;
  port: number;
  close(): Promise<void>;
}

const IPC_PATH = '/ipc';

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? ((line: string) => console.error(line));
  const server = createServer();
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const guard = createGuard(port);
  const admission = createAdmission();
  const origin = `http://127.0.0.1:${port}`;
  const gate: Gate = { guard, admission, rendererDir: options.rendererDir };
  const newLaunchUrl = () => `${origin}/?code=${admission.issueCode()}`;

  server.on('request', (req, res) => {
    handleHttp(req, res, gate).catch(() => {
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
    const authorized = verdict.ok && hasSession(req, gate);
    if (url.pathname !== IPC_PATH || !authorized) {
      const status = !verdict.ok ? verdict.status : url.pathname !== IPC_PATH ? 404 : 401;
      socket.end(`HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => bridge(ws, options.router, log));
  });

  return {
    url: newLaunchUrl(),
    newLaunchUrl,
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

interface Gate {
  guard: Guard;
  admission: Admission;
  rendererDir: string;
}

function hasSession(req: IncomingMessage, gate: Gate): boolean {
  return gate.guard.cookieValues(req).some((value) => gate.admission.isSession(value));
}

function refuse(res: ServerResponse, text: string): void {
  res
    .writeHead(401, { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' })
    .end(text);
}

async function handleHttp(req: IncomingMessage, res: ServerResponse, gate: Gate): Promise<void> {
  const verdict = gate.guard.checkHostAndOrigin(req, false);
  if (!verdict.ok) {
    res.writeHead(verdict.status, securityHeaders()).end(verdict.reason);
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...securityHeaders(), Allow: 'GET, HEAD' }).end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://placeholder');
  const code = url.searchParams.get('code');
  if (code !== null) {
    const session = gate.admission.redeem(code);
    if (session === null && !hasSession(req, gate)) {
      refuse(
        res,
        'This launch link was already used, or is not from this web host. Press Enter in the terminal running the web host for a new one.',
      );
      return;
    }
    // The code is spent either way; the page is always `/`, never a target the URL names.
    res.writeHead(303, {
      ...securityHeaders(),
      ...(session === null
        ? {}
        : {
            'Set-Cookie': `${gate.guard.cookieName}=${session}; HttpOnly; SameSite=Strict; Path=/`,
          }),
      Location: '/',
    });
    res.end();
    return;
  }
  if (!hasSession(req, gate)) {
    refuse(
      res,
      'Open the launch link the web host printed (press Enter in its terminal for a new one): it lets this browser in.',
    );
    return;
  }
  await serveFile(gate.rendererDir, url.pathname, res);
}
