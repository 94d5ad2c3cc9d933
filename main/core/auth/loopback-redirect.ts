/**
 * The loopback redirect of a native app's browser sign-in (RFC 8252 §7.3), once for IAM
 * Identity Center and OIDC providers: an HTTP server on 127.0.0.1 that exists for one sign-in.
 * It answers only GET on its path; the first callback there ends the wait — with the URL when
 * it carries this sign-in's `state` and a code, with the flow's error otherwise — and every
 * later request is refused. The page shown is one of a few fixed texts (nothing from the query
 * string), held for a valid callback until the flow says whether the tokens were accepted.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../shared/errors.ts';

/** How long a sign-in waits for the browser to come back. */
export const CALLBACK_TIMEOUT_MS = 10 * 60 * 1000;

/** How each way a callback can go wrong reads in the flow's own words. */
export interface LoopbackFailures {
  /** The browser did not come back within `minutes`. */
  timedOut(minutes: number): AppError;
  /** A callback without this sign-in's state (stale or forged), or without a code. */
  wrongState(): AppError;
  /** The authorization server's `error`, and its description if any, both cleaned. */
  refused(error: string, description: string): AppError;
  cancelled(): AppError;
}

export interface LoopbackRedirect {
  /** `http://127.0.0.1:<port><path>`, or the registered redirect as given. */
  redirectUri: string;
  /** The callback URL (code, state, iss …) once the browser returns with this sign-in's state. */
  callback(): Promise<URL>;
  /** Answers the held browser page with the outcome and stops listening. */
  finish(outcome: { ok: boolean }): Promise<void>;
}

/** Only printable ASCII from the query string reaches a message, truncated. */
export function cleanParameter(value: string | null): string {
  return (value ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 200);
}

const PAGES = {
  signedIn: [200, 'Signed in', 'You can close this tab and return to AppSync Workbench.'],
  failed: [400, 'Sign-in failed', 'Return to AppSync Workbench for details.'],
  rejected: [400, 'Sign-in failed', 'This callback does not belong to the sign-in in progress.'],
  notFound: [404, 'Not found', 'This address only answers one sign-in callback.'],
} as const;

function answer(response: ServerResponse, page: keyof typeof PAGES): Promise<void> {
  const [status, title, text] = PAGES[page];
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  response.end(
    `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
      `<body style="font-family:system-ui;margin:4rem auto;max-width:32rem">` +
      `<h1>${title}</h1><p>${text}</p></body>`,
  );
  // Let the page reach the browser before the connection is cut.
  return response.writableFinished
    ? Promise.resolve()
    : new Promise((resolve) => response.once('close', resolve).once('finish', resolve));
}

/**
 * Listens until `finish`. `fixed`: a registered redirect (its port and path, 127.0.0.1 still
 * the only address bound); otherwise a free port and `path`.
 */
export async function startLoopbackRedirect(options: {
  state: string;
  path: string;
  fixed?: string | null;
  timeoutMs?: number;
  signal?: AbortSignal;
  failures: LoopbackFailures;
}): Promise<LoopbackRedirect> {
  const { failures, signal } = options;
  const timeoutMs = options.timeoutMs ?? CALLBACK_TIMEOUT_MS;
  const fixedUrl = options.fixed ? new URL(options.fixed) : null;
  const path = fixedUrl?.pathname ?? options.path;
  if (signal?.aborted) throw failures.cancelled();

  let settled = false;
  let held: ServerResponse | null = null;
  let settle!: { resolve(url: URL): void; reject(error: AppError): void };
  const outcome = new Promise<URL>((resolve, reject) => (settle = { resolve, reject }));
  // Nobody may be awaiting yet (the browser is still opening): no unhandled rejection.
  outcome.catch(() => undefined);
  let base = 'http://127.0.0.1';

  const end = (result: URL | AppError) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    if (result instanceof URL) settle.resolve(result);
    else settle.reject(result);
  };
  const onAbort = () => end(failures.cancelled());
  const timer = setTimeout(() => end(failures.timedOut(Math.round(timeoutMs / 60000))), timeoutMs);
  signal?.addEventListener('abort', onAbort, { once: true });

  const onRequest = (request: IncomingMessage, response: ServerResponse) => {
    // With the port: a token request's redirect_uri is derived from this URL.
    const url = new URL(request.url ?? '/', base);
    if (request.method !== 'GET' || url.pathname !== path || settled) {
      void answer(response, 'notFound');
      return;
    }
    const query = url.searchParams;
    if (query.getAll('state').length !== 1 || query.get('state') !== options.state) {
      // An error answer carries the state too (RFC 6749 §4.1.2.1): without it, it is not ours.
      void answer(response, 'rejected');
      end(failures.wrongState());
    } else if (query.has('error')) {
      void answer(response, 'failed');
      end(
        failures.refused(
          cleanParameter(query.get('error')),
          cleanParameter(query.get('error_description')),
        ),
      );
    } else if (!query.get('code')) {
      void answer(response, 'rejected');
      end(failures.wrongState());
    } else {
      held = response;
      end(url);
    }
  };
  const server = createServer(onRequest);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'EADDRINUSE' && fixedUrl
            ? new AppError(
                'NETWORK',
                `The sign-in's redirect port ${fixedUrl.port} is in use by another program. Close it, or register another port with the provider.`,
              )
            : error,
        ),
      );
      server.listen(Number(fixedUrl?.port || 0), '127.0.0.1', () => resolve());
    });
  } catch (error) {
    end(failures.cancelled());
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  base = fixedUrl ? fixedUrl.origin : `http://127.0.0.1:${port}`;

  let closed: Promise<void> | null = null;
  return {
    redirectUri: fixedUrl ? fixedUrl.href : `${base}${path}`,
    callback: () => outcome,
    finish(result) {
      closed ??= (async () => {
        end(failures.cancelled());
        const page = held;
        held = null;
        if (page && !page.headersSent) await answer(page, result.ok ? 'signedIn' : 'failed');
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closed;
    },
  };
}
