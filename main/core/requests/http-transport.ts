/**
 * Sends one HTTP request from main with undici, the way the user's environment asks: through
 * HTTPS_PROXY / HTTP_PROXY unless NO_PROXY says otherwise, trusting the extra CA bundle named by
 * AWS_CA_BUNDLE / NODE_EXTRA_CA_CERTS, with a timeout and cancellation. Everything is read from
 * the CoreEnvironment, never from process.env. Connections are kept alive between requests.
 */
import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import { EnvHttpProxyAgent, request as undiciRequest, type Dispatcher } from 'undici';
import { AppError } from '../../../shared/errors.ts';
import type { EnvVars } from '../environment.ts';

export interface HttpExchange {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array;
}

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
  #dispatcher: Promise<Dispatcher> | null = null;

  constructor(env: EnvVars) {
    this.#env = env;
  }

  async send(exchange: HttpExchange, options: HttpSendOptions = {}): Promise<HttpAnswer> {
    const dispatcher = await (this.#dispatcher ??= this.#createDispatcher());
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    const signal = options.signal
      ? AbortSignal.any([options.signal, timeout.signal])
      : timeout.signal;
    const where = exchange.url.host;
    const started = performance.now();
    try {
      options.signal?.throwIfAborted();
      const response = await undiciRequest(exchange.url, {
        method: exchange.method as Dispatcher.HttpMethod,
        headers: exchange.headers,
        body: exchange.body,
        dispatcher,
        signal,
      });
      const firstByte = performance.now();
      const body = Buffer.from(await response.body.arrayBuffer());
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      return {
        status: response.statusCode,
        statusText: response.statusText ?? '',
        headers,
        body,
        timeToFirstByteMs: firstByte - started,
        downloadMs: performance.now() - firstByte,
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
      throw networkError(error, where, this.#proxyFor(exchange.url));
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    const dispatcher = this.#dispatcher;
    this.#dispatcher = null;
    if (dispatcher) await (await dispatcher).close();
  }

  #proxyFor(url: URL): string | null {
    const env = this.#env;
    const proxy =
      url.protocol === 'https:'
        ? (env.https_proxy ?? env.HTTPS_PROXY ?? env.http_proxy ?? env.HTTP_PROXY)
        : (env.http_proxy ?? env.HTTP_PROXY);
    return proxy || null;
  }

  async #createDispatcher(): Promise<Dispatcher> {
    const env = this.#env;
    const ca = await extraCertificates(env);
    const tls = ca.length ? { ca: [...rootCertificates, ...ca] } : {};
    // Empty strings, not undefined: undici would otherwise fall back to process.env.
    return new EnvHttpProxyAgent({
      httpProxy: env.http_proxy ?? env.HTTP_PROXY ?? '',
      httpsProxy: env.https_proxy ?? env.HTTPS_PROXY ?? '',
      noProxy: env.no_proxy ?? env.NO_PROXY ?? '',
      connect: tls,
      requestTls: tls,
      proxyTls: tls,
    });
  }
}

async function extraCertificates(env: EnvVars): Promise<string[]> {
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
  return pems;
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
