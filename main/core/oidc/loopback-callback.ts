/**
 * The loopback redirect of a native app's sign-in (RFC 8252 §7.3): an HTTP server on 127.0.0.1
 * and a random port that exists for one sign-in only. It captures the first callback, holds the
 * browser's page until the tokens are checked (so the page can say whether it worked), then
 * stops listening.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../shared/errors.ts';
import { cancelled } from './oidc-client.ts';

export const OIDC_CALLBACK_PATH = '/callback';
/** How long a sign-in waits for the browser to come back. */
export const CALLBACK_TIMEOUT_MS = 10 * 60 * 1000;

export interface LoopbackCallback {
  /** `http://127.0.0.1:<port>/callback` */
  redirectUri: string;
  /** The URL the browser came back with (code, state, iss, or an error). */
  waitForCallback(signal?: AbortSignal): Promise<URL>;
  /** Answers the waiting browser page with the outcome and stops listening. */
  finish(outcome: { ok: true } | { ok: false; message: string }): Promise<void>;
}

function page(title: string, text: string): string {
  const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<!doctype html><meta charset="utf-8"><title>${escape(title)}</title>` +
    `<body style="font-family:system-ui;margin:4rem auto;max-width:32rem">` +
    `<h1>${escape(title)}</h1><p>${escape(text)}</p></body>`
  );
}

function answer(response: ServerResponse, status: number, title: string, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  response.end(page(title, text));
}

/**
 * `fixed`: a registered loopback redirect (port and path as given); otherwise any free port
 * on 127.0.0.1 and `/callback`. The server always binds 127.0.0.1 only.
 */
export async function startLoopbackCallback(
  timeoutMs = CALLBACK_TIMEOUT_MS,
  fixed: string | null = null,
): Promise<LoopbackCallback> {
  const fixedUrl = fixed === null ? null : new URL(fixed);
  const path = fixedUrl?.pathname ?? OIDC_CALLBACK_PATH;
  let captured: { url: URL; response: ServerResponse } | null = null;
  let waiter: ((url: URL) => void) | null = null;
  let base = 'http://127.0.0.1';

  const server = createServer((request, response) => {
    // With the port: the token request's redirect_uri is derived from this URL.
    const url = new URL(request.url ?? '/', base);
    if (request.method !== 'GET' || url.pathname !== path || captured) {
      answer(response, 404, 'Not found', 'This address only answers one sign-in callback.');
      return;
    }
    captured = { url, response };
    waiter?.(url);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new AppError(
              'NETWORK',
              `The sign-in's redirect port ${fixedUrl?.port ?? ''} is in use by another program. Close it, or register another port with the provider.`,
            )
          : error,
      ),
    );
    server.listen(Number(fixedUrl?.port ?? 0), '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = fixedUrl ? fixedUrl.origin : `http://127.0.0.1:${port}`;
  const redirectUri = fixedUrl ? fixedUrl.href : `${base}${OIDC_CALLBACK_PATH}`;

  let closed = false;
  const close = () =>
    new Promise<void>((resolve) => {
      if (closed) return resolve();
      closed = true;
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    redirectUri,
    waitForCallback(signal) {
      return new Promise<URL>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        };
        const timer = setTimeout(() => {
          done();
          reject(
            new AppError(
              'TIMEOUT',
              `The browser did not come back to ${redirectUri} within ${Math.round(timeoutMs / 60000)} minutes. Start the sign-in again.`,
            ),
          );
        }, timeoutMs);
        const onAbort = () => {
          done();
          reject(cancelled());
        };
        if (signal?.aborted) return onAbort();
        signal?.addEventListener('abort', onAbort, { once: true });
        if (captured) {
          done();
          resolve(captured.url);
          return;
        }
        waiter = (url) => {
          done();
          resolve(url);
        };
      });
    },
    async finish(outcome) {
      const held = captured?.response;
      if (held && !held.headersSent) {
        if (outcome.ok) {
          answer(held, 200, 'Signed in', 'You can close this tab and return to AppSync Workbench.');
        } else {
          answer(held, 400, 'Sign-in failed', outcome.message);
        }
        // Let the page reach the browser before the connection is cut.
        if (!held.writableFinished)
          await new Promise((resolve) => held.once('close', resolve).once('finish', resolve));
      }
      await close();
    },
  };
}
