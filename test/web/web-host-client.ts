/** The web host tests' client side: plain HTTP requests, WebSocket connections, contract calls. */
import { writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { startWebHost, type WebHost } from '../../main/web/web-host.ts';
import { makeAwsHome } from '../support/aws-home.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { testWorkbench } from '../support/workbench.ts';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What the helpers need of a host, in-process (WebHost) or a child process. */
type HostAddress = Pick<WebHost, 'port' | 'url' | 'origin'>;

export function get(
  host: Pick<WebHost, 'port'>,
  path: string,
  headers: Record<string, string> = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        headers: { Host: `127.0.0.1:${host.port}`, ...headers },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The path and query of a launch URL, as a browser would request it. */
export function launchPath(url: string): string {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
}

/** Opens a launch URL as a browser would; returns the `name=value` of the cookie it was given. */
export async function enter(host: HostAddress, url: string = host.url): Promise<string> {
  const launch = await get(host, launchPath(url));
  if (launch.status !== 303) throw new Error(`the launch URL answered ${launch.status}`);
  return String(launch.headers['set-cookie']).split(';')[0] ?? '';
}

export function connect(
  host: Pick<WebHost, 'port'>,
  headers: Record<string, string>,
): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

export function call(ws: WebSocket, id: number, method: string, input: unknown): Promise<unknown> {
  return callWithText(ws, id, JSON.stringify({ type: 'invoke', id, method, input }));
}

/** A call whose message text the test wrote itself (JSON no serialiser would produce). */
export function callWithText(ws: WebSocket, id: number, text: string): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(String(data));
      if (message.type === 'result' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(text);
  });
}

/** One contract call on a fresh connection, closed afterwards. */
export async function callOnce(
  host: HostAddress,
  cookie: string,
  method: string,
  input: unknown,
): Promise<unknown> {
  const ws = await connect(host, { Cookie: cookie, Origin: host.origin });
  try {
    return await call(ws, 1, method, input);
  } finally {
    ws.close();
  }
}

/**
 * An in-process web host over a test workbench (one `dev` profile) and a one-page renderer;
 * `close` stops both.
 */
export async function startTestWebHost(
  log: (line: string) => void = () => undefined,
): Promise<{ host: WebHost; close(): Promise<void> }> {
  const aws = await makeAwsHome({ config: '[profile dev]\nregion = eu-west-1\n' });
  const rendererDir = await makeTempDir('renderer');
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const workbench = testWorkbench(aws.environment());
  const host = await startWebHost({ router: workbench.router, rendererDir, log });
  return {
    host,
    async close() {
      await workbench.close();
      await host.close();
    },
  };
}
