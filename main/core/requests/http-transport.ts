/**
 * Sends one HTTP request from main the way the user's environment asks: through HTTPS_PROXY /
 * HTTP_PROXY unless NO_PROXY says otherwise, trusting the extra CA bundle named by
 * AWS_CA_BUNDLE / NODE_EXTRA_CA_CERTS, with a timeout and cancellation. Everything is read from
 * the CoreEnvironment, never from process.env. Connections are kept alive between requests.
 *
 * Requests no proxy applies to go out with node:http / node:https; undici (which speaks to
 * proxies) is loaded only for the first proxied request, because loading it costs a one-shot
 * CLI command more time than the request itself: the figure is `query` start-up within 1.5× of
 * `node -e 0`, printed by test/bench/cli.bench.ts. Deciding before undici is loaded is why
 * NO_PROXY has its own parser here; test/core/requests/no-proxy.test.ts holds it to undici's
 * EnvHttpProxyAgent on a table, and http-transport.test.ts holds the two clients to one answer.
 */
import { readFile } from 'node:fs/promises';
import type { Dispatcher } from 'undici';
import { AppError } from '../../../shared/errors.ts';
import type { EnvVars } from '../environment.ts';
import { routed } from './connect-to.ts';
import { DirectAgents, sendDirect, type RawAnswer } from './node-http-exchange.ts';
import type { HttpExchange } from './http-exchange.ts';

export type { HttpExchange } from './http-exchange.ts';

export interface HttpSendOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: Buffer;
  timeToFirstByteMs: number;
  downloadMs: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

export class HttpTransport {
  readonly #env: EnvVars;
  readonly #noProxy: NoProxyEntry[];
  #ca: Promise<string[] | null> | null = null;
  #direct: DirectAgents | null = null;
  /** undici proxy dispatchers by proxy URL, created on the first request through each. */
  #proxies = new Map<string, Promise<Dispatcher>>();

  constructor(env: EnvVars) {
    this.#env = env;
    this.#noProxy = parseNoProxy(firstSet(env.no_proxy, env.NO_PROXY) ?? '');
  }

  async send(logical: HttpExchange, options: HttpSendOptions = {}): Promise<HttpAnswer> {
    const exchange = routed(logical);
    const proxy = this.proxyFor(exchange.url);
    // Extra CA bundles matter only to TLS: a plain-http request (the local sandbox) reads none.
    const tls = proxy !== null || exchange.url.protocol === 'https:';
    const ca = tls ? await (this.#ca ??= extraCertificates(this.#env)) : null;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    // The caller's cancel aborts the same signal (AbortSignal.any costs a request ~10 µs).
    const cancel = () => timeout.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', cancel, { once: true });
    const signal = timeout.signal;
    const where = logical.connectTo
      ? `${exchange.url.host} (for ${logical.url.host})`
      : exchange.url.host;
    const started = performance.now();
    try {
      options.signal?.throwIfAborted();
      const raw = proxy
        ? await sendThroughProxy(exchange, await this.#proxyDispatcher(proxy, ca), signal)
        : await sendDirect(exchange, (this.#direct ??= new DirectAgents()), ca, signal);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(raw.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      return {
        status: raw.status,
        statusText: raw.statusText,
        headers,
        body: raw.body,
        timeToFirstByteMs: raw.firstByteAt - started,
        downloadMs: performance.now() - raw.firstByteAt,
      };
    } catch (error) {
      if (options.signal?.aborted) {
        throw new AppError('CANCELLED', `The request to ${where} was cancelled.`);
      }
      if (timeout.signal.aborted) {
        throw new AppError(
          'TIMEOUT',
          `${where} did not answer within ${timeoutMs} ms. Check the URL and your network or proxy, or allow more time.`,
          { timeoutMs },
        );
      }
      throw networkError(error, where, proxy);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', cancel);
    }
  }

  async close(): Promise<void> {
    this.#direct?.destroy();
    this.#direct = null;
    const proxies = [...this.#proxies.values()];
    this.#proxies.clear();
    await Promise.all(proxies.map(async (dispatcher) => (await dispatcher).close()));
  }

  /** The proxy URL a request to `url` goes through, or null to go direct (NO_PROXY, no proxy). */
  proxyFor(url: URL): string | null {
    const env = this.#env;
    const proxy =
      url.protocol === 'https:'
        ? firstSet(env.https_proxy, env.HTTPS_PROXY, env.http_proxy, env.HTTP_PROXY)
        : firstSet(env.http_proxy, env.HTTP_PROXY);
    return proxy && !bypassesProxy(url, this.#noProxy) ? proxy : null;
  }

  #proxyDispatcher(proxy: string, ca: string[] | null): Promise<Dispatcher> {
    let dispatcher = this.#proxies.get(proxy);
    if (!dispatcher) {
      dispatcher = import('undici').then(({ ProxyAgent }) => {
        const tls = ca ? { ca } : {};
        return new ProxyAgent({ uri: proxy, connect: tls, requestTls: tls, proxyTls: tls });
      });
      this.#proxies.set(proxy, dispatcher);
    }
    return dispatcher;
  }
}

async function sendThroughProxy(
  exchange: HttpExchange,
  dispatcher: Dispatcher,
  signal: AbortSignal,
): Promise<RawAnswer> {
  const response = await dispatcher.request({
    origin: exchange.url.origin,
    path: exchange.url.pathname + exchange.url.search,
    method: exchange.method as Dispatcher.HttpMethod,
    headers: exchange.headers,
    body: exchange.body,
    signal,
  });
  const firstByteAt = performance.now();
  return {
    status: response.statusCode,
    statusText: response.statusText ?? '',
    headers: response.headers,
    body: Buffer.from(await response.body.arrayBuffer()),
    firstByteAt,
  };
}

interface NoProxyEntry {
  host: string;
  port: number;
  /** `*.example.com` matches subdomains only; `example.com` and `.example.com` the apex too. */
  subdomainsOnly: boolean;
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** NO_PROXY as undici's EnvHttpProxyAgent reads it, so both agree on what goes direct. */
function parseNoProxy(value: string): NoProxyEntry[] {
  const entries: NoProxyEntry[] = [];
  for (const entry of value.split(/[,\s]/)) {
    if (!entry) continue;
    const bracketed = /^\[(.+)\]:(\d+)$/.exec(entry);
    const bare = entry.replace(/^\[(.+)\]$/, '$1');
    const hostPort = !bracketed && bare.split(':').length === 2 && /^(.+):(\d+)$/.exec(bare);
    const host = bracketed?.[1] ?? (hostPort ? hostPort[1]! : bare);
    entries.push({
      host: host
        .replace(/^\*?\./, '')
        .replace(/^(.+)\.$/, '$1')
        .toLowerCase(),
      port: Number(bracketed?.[2] ?? (hostPort ? hostPort[2] : 0)),
      subdomainsOnly: entry.startsWith('*'),
    });
  }
  return entries;
}

function bypassesProxy(url: URL, noProxy: NoProxyEntry[]): boolean {
  if (!noProxy.length) return false;
  let host = url.hostname.replace(/^\[(.+)\]$/, '$1').toLowerCase();
  if (host.length > 1 && host.endsWith('.')) host = host.slice(0, -1);
  const port = Number(url.port) || DEFAULT_PORTS[url.protocol] || 0;
  return noProxy.some(
    (entry) =>
      (!entry.port || entry.port === port) &&
      (entry.host === '*' ||
        (!entry.subdomainsOnly && host === entry.host) ||
        host.endsWith(`.${entry.host}`)),
  );
}

/** Environment variables set to an empty string count as unset. */
function firstSet(...values: (string | undefined)[]): string | null {
  return values.find((value) => !!value) ?? null;
}

/** The default roots plus the extra bundles, read once per transport; null when there are none. */
async function extraCertificates(env: EnvVars): Promise<string[] | null> {
  const files = [env.AWS_CA_BUNDLE, env.NODE_EXTRA_CA_CERTS].filter((f): f is string => !!f);
  const pems: string[] = [];
  for (const file of new Set(files)) {
    try {
      pems.push(await readFile(file, 'utf8'));
    } catch (error) {
      throw new AppError(
        'NETWORK',
        `The CA bundle ${file} (from AWS_CA_BUNDLE or NODE_EXTRA_CA_CERTS) could not be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}. Fix the path or unset the variable.`,
        { file },
      );
    }
  }
  if (!pems.length) return null;
  const { rootCertificates } = await import('node:tls');
  return [...rootCertificates, ...pems];
}

function networkError(error: unknown, where: string, proxy: string | null): AppError {
  const cause = error as {
    code?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
  const code = cause.cause?.code ?? cause.code ?? 'error';
  const detail = cause.cause?.message ?? cause.message ?? String(error);
  const via = proxy ? ` through the proxy ${safeProxy(proxy)}` : '';
  const hint = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)
    ? 'If your network uses its own CA, point AWS_CA_BUNDLE at its PEM file.'
    : 'Check the URL, your connection and any proxy settings.';
  return new AppError('NETWORK', `Could not reach ${where}${via}: ${detail} (${code}). ${hint}`, {
    code,
  });
}

/** A proxy URL may carry a password; show only where it is. */
function safeProxy(proxy: string): string {
  try {
    const url = new URL(proxy);
    return `${url.protocol}//${url.host}`;
  } catch {
    return '(unparseable proxy URL)';
  }
}
