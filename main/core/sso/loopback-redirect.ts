/**
 * The loopback redirect of the authorization-code flow (RFC 8252 §7.3): a one-shot HTTP server
 * on 127.0.0.1 and a random port that waits for this login's callback only, then closes.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../shared/errors.ts';

export const CALLBACK_PATH = '/oauth/callback';
/** The CLI waits ten minutes for the browser to come back. */
export const CALLBACK_TIMEOUT_MS = 10 * 60 * 1000;

export interface LoopbackRedirect {
  /** `http://127.0.0.1:<port>/oauth/callback` */
  redirectUri: string;
  /** The authorization code, once the browser returns with the expected state. */
  waitForCode(expectedState: string, signal?: AbortSignal): Promise<string>;
  close(): Promise<void>;
}

const PAGE = (title: string, text: string) =>
  `<!doctype html><meta charset="utf-8"><title>${title}</title>` +
  `<body style="font-family:system-ui;margin:4rem auto;max-width:32rem">` +
  `<h1>${title}</h1><p>${text}</p></body>`;

function answer(response: ServerResponse, status: number, title: string, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  response.end(PAGE(title, text));
}

/** Only printable ASCII from the query string reaches a message, truncated. */
function clean(value: string | null): string {
  return (value ?? '').replace(/[^\x20-\x7e]/g, '').slice(0, 200);
}

export async function startLoopbackRedirect(
  timeoutMs = CALLBACK_TIMEOUT_MS,
): Promise<LoopbackRedirect> {
  let settle: { resolve(code: string): void; reject(error: Error): void } | null = null;
  let expected: string | null = null;
  let outcome: { code: string } | { error: Error } | null = null;

  const finish = (result: { code: string } | { error: Error }) => {
    if (outcome) return;
    outcome = result;
    if (settle) {
      if ('code' in result) settle.resolve(result.code);
      else settle.reject(result.error);
    }
  };

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method !== 'GET' || url.pathname !== CALLBACK_PATH || outcome) {
      answer(response, 404, 'Not found', 'This address only answers one sign-in callback.');
      return;
    }
    const error = url.searchParams.get('error');
    const code = url.searchParams.get('code');
    const state = url.searchParams.get('state');
    if (error) {
      answer(response, 200, 'Sign-in failed', 'Return to AppSync Workbench for details.');
      const description = clean(url.searchParams.get('error_description'));
      finish({
        error: new AppError(
          'SSO_LOGIN_FAILED',
          `IAM Identity Center refused the sign-in (${clean(error)}${description ? `: ${description}` : ''}). Try signing in again.`,
        ),
      });
    } else if (!code || state !== expected) {
      answer(
        response,
        400,
        'Sign-in rejected',
        'This callback does not belong to the sign-in in progress.',
      );
      finish({
        error: new AppError(
          'SSO_LOGIN_FAILED',
          'The browser came back with a state that does not match this sign-in (a stale or forged callback). Start the sign-in again.',
        ),
      });
    } else {
      answer(response, 200, 'Signed in', 'You can close this tab and return to AppSync Workbench.');
      finish({ code });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    redirectUri: `http://127.0.0.1:${port}${CALLBACK_PATH}`,
    close,
    waitForCode(expectedState, signal) {
      expected = expectedState;
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            finish({
              error: new AppError(
                'SSO_LOGIN_FAILED',
                'The browser did not come back within 10 minutes. Start the sign-in again.',
              ),
            }),
          timeoutMs,
        );
        const onAbort = () =>
          finish({ error: new AppError('CANCELLED', 'The sign-in was cancelled.') });
        const done = () => {
          clearTimeout(timer);
          signal?.removeEventListener('abort', onAbort);
        };
        settle = {
          resolve: (value) => (done(), resolve(value)),
          reject: (error) => (done(), reject(error)),
        };
        if (signal?.aborted) onAbort();
        else signal?.addEventListener('abort', onAbort, { once: true });
        if (outcome) {
          const result: { code: string } | { error: Error } = outcome;
          if ('code' in result) settle.resolve(result.code);
          else settle.reject(result.error);
        }
      });
    },
  };
}
