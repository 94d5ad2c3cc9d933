/**
 * One request straight to its host with node:http / node:https, for every request no proxy
 * applies to. Loading undici and compiling its WASM parser costs a one-shot command like
 * `appsync-workbench query` more than the request itself; Node's own client is already loaded.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { HttpExchange } from './http-exchange.ts';

/** What came back, before the transport turns it into an HttpAnswer. */
export interface RawAnswer {
  status: number;
  statusText: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** performance.now() when the status line and headers had arrived. */
  firstByteAt: number;
}

/** Keep-alive connections for one transport; `ca` replaces the default roots when given. */
export class DirectAgents {
  readonly http = new HttpAgent({ keepAlive: true });
  readonly https: HttpsAgent;

  constructor(ca: string[] | null) {
    this.https = new HttpsAgent(ca ? { keepAlive: true, ca } : { keepAlive: true });
  }

  destroy(): void {
    this.http.destroy();
    this.https.destroy();
  }
}

export function sendDirect(
  exchange: HttpExchange,
  agents: DirectAgents,
  signal: AbortSignal,
): Promise<RawAnswer> {
  return new Promise<RawAnswer>((resolve, reject) => {
    const secure = exchange.url.protocol === 'https:';
    const request = (secure ? httpsRequest : httpRequest)(exchange.url, {
      method: exchange.method,
      headers: exchange.headers,
      agent: secure ? agents.https : agents.http,
      signal,
    });
    request.on('error', reject);
    request.on('response', (response: IncomingMessage) => {
      const firstByteAt = performance.now();
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          headers: response.headers,
          body: Buffer.concat(chunks),
          firstByteAt,
        }),
      );
      // A connection cut mid-body (or a cancel) may close the response without an error event.
      response.on('close', () => {
        if (!response.complete) {
          const cut = new Error('the connection closed before the answer ended');
          reject(Object.assign(cut, { code: 'ECONNRESET' }));
        }
      });
    });
    request.end(exchange.body.byteLength ? exchange.body : undefined);
  });
}
