/**
 * One request straight to its host with node:http / node:https, for every request no proxy
 * applies to. Loading undici and compiling its WASM parser costs a one-shot command like
 * `appsync-workbench query` more than the request itself; Node's own client is already loaded.
 * The figure it buys and the test that holds it to undici's answer: see http-transport.ts.
 */
import {
  Agent as HttpAgent,
  request as httpRequest,
  type ClientRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
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

type Send = (url: URL, options: RequestOptions) => ClientRequest;
interface Connection {
  send: Send;
  agent: HttpAgent;
}

/**
 * Keep-alive connections for one transport. node:https (and with it node:tls, ~10 ms of a
 * one-shot command) is loaded on the first https request: the local sandbox is plain http.
 */
export class DirectAgents {
  readonly #http: Connection = { send: httpRequest, agent: new HttpAgent({ keepAlive: true }) };
  #https: Promise<Connection & { agent: HttpsAgent }> | null = null;

  /** `ca` (the transport's, constant for its life) replaces the default roots when given. */
  for(url: URL, ca: string[] | null): Connection | Promise<Connection> {
    if (url.protocol !== 'https:') return this.#http;
    return (this.#https ??= import('node:https').then(({ Agent, request }) => ({
      send: request,
      agent: new Agent(ca ? { keepAlive: true, ca } : { keepAlive: true }),
    })));
  }

  destroy(): void {
    this.#http.agent.destroy();
    void this.#https?.then(({ agent }) => agent.destroy());
  }
}

export async function sendDirect(
  exchange: HttpExchange,
  agents: DirectAgents,
  ca: string[] | null,
  signal: AbortSignal,
): Promise<RawAnswer> {
  const connection = agents.for(exchange.url, ca);
  const { send, agent } = connection instanceof Promise ? await connection : connection;
  return new Promise<RawAnswer>((resolve, reject) => {
    const request = send(exchange.url, {
      method: exchange.method,
      headers: exchange.headers,
      agent,
    });
    // Listened to here, not handed to node:http: its own wiring of a signal costs ~10 µs a request.
    const abort = () =>
      request.destroy(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    signal.addEventListener('abort', abort, { once: true });
    if (signal.aborted) abort();
    const fail = (error: unknown) => {
      signal.removeEventListener('abort', abort);
      reject(error);
    };
    request.on('error', fail);
    request.on('response', (response: IncomingMessage) => {
      const firstByteAt = performance.now();
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () => {
        signal.removeEventListener('abort', abort);
        resolve({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          headers: response.headers,
          body: Buffer.concat(chunks),
          firstByteAt,
        });
      });
      // A connection cut mid-body (or a cancel) may close the response without an error event.
      response.on('close', () => {
        if (!response.complete) {
          const cut = new Error('the connection closed before the answer ended');
          fail(Object.assign(cut, { code: 'ECONNRESET' }));
        }
      });
    });
    request.end(exchange.body.byteLength ? exchange.body : undefined);
  });
}
