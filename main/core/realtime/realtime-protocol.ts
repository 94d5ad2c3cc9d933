/**
 * AppSync's real-time protocol, client side: the handshake (the auth header object as a
 * `header-<base64url>` subprotocol beside `graphql-ws`, or the `?header=…&payload=e30=` query
 * form), the frames we send, the frames AppSync sends, and which refusals retrying cannot fix.
 */
import { AppError, type ErrorCode } from '../../../shared/errors.ts';

export const SUBPROTOCOL = 'graphql-ws';

/** How the connect step's auth header travels. The subprotocol keeps it out of URL logs. */
export type HandshakeForm = 'subprotocol' | 'query';

export interface Handshake {
  url: string;
  protocols: string[];
  /** Open the socket to this address instead, naming the URL's host in `x-appsync-domain`. */
  connectTo?: string | null;
}

export function handshake(
  realtime: URL,
  header: Record<string, string>,
  form: HandshakeForm,
): Handshake {
  const json = JSON.stringify(header);
  if (form === 'subprotocol') {
    return {
      url: realtime.href,
      protocols: [SUBPROTOCOL, `header-${Buffer.from(json).toString('base64url')}`],
    };
  }
  const url = new URL(realtime.href);
  url.searchParams.set('header', Buffer.from(json).toString('base64'));
  url.searchParams.set('payload', 'e30=');
  return { url: url.href, protocols: [SUBPROTOCOL] };
}

export const connectionInit = () => '{"type":"connection_init"}';

export const startMessage = (id: string, data: string, authorization: Record<string, string>) =>
  JSON.stringify({ id, payload: { data, extensions: { authorization } }, type: 'start' });

export const stopMessage = (id: string) => JSON.stringify({ id, type: 'stop' });

export interface ServerError {
  errorType?: string;
  message?: string;
  errorCode?: number;
}

export type ServerMessage =
  | { type: 'connection_ack'; payload?: { connectionTimeoutMs?: number } }
  | { type: 'connection_error'; payload?: { errors?: ServerError[] } }
  | { type: 'ka' }
  | { type: 'start_ack'; id: string }
  | { type: 'data'; id: string; payload: unknown }
  | { type: 'error'; id?: string; payload?: { errors?: ServerError[] } }
  | { type: 'complete'; id: string };

export function readServerMessage(text: string): ServerMessage | null {
  try {
    const value: unknown = JSON.parse(text);
    if (
      typeof value === 'object' &&
      value !== null &&
      typeof (value as { type?: unknown }).type === 'string'
    ) {
      return value as ServerMessage;
    }
  } catch {
    // not ours
  }
  return null;
}

const NON_RETRYABLE_CODES = new Set([400, 401, 403]);
const NON_RETRYABLE_TYPES = new Set([
  'BadRequestException',
  'UnauthorizedException',
  'Unauthorized',
]);

/** AppSync's rule (and Amplify's): a 400/401/403 or an auth/bad-request type is final. */
export function isRetryable(errors: readonly ServerError[]): boolean {
  return !errors.some(
    (e) =>
      (e.errorCode !== undefined && NON_RETRYABLE_CODES.has(e.errorCode)) ||
      NON_RETRYABLE_TYPES.has(e.errorType ?? ''),
  );
}

export function isExpiredToken(errors: readonly ServerError[]): boolean {
  return errors.some(
    (e) => e.errorType === 'ExpiredTokenException' || /token.{0,40}expired/i.test(e.message ?? ''),
  );
}

function codeFor(errors: readonly ServerError[]): ErrorCode {
  const first = errors[0] ?? {};
  if (isExpiredToken(errors)) return 'EXPIRED_TOKEN';
  if (/signature/i.test(`${first.errorType} ${first.message}`)) return 'SIGNATURE_MISMATCH';
  if (
    first.errorType === 'UnauthorizedException' ||
    first.errorType === 'Unauthorized' ||
    first.errorCode === 401
  )
    return 'UNAUTHORIZED';
  if (first.errorCode === 403) return 'FORBIDDEN';
  if (first.errorType === undefined || first.errorCode === 400) return 'INVALID_INPUT';
  return 'NETWORK';
}

const NEXT_STEP: Partial<Record<ErrorCode, string>> = {
  UNAUTHORIZED:
    'Check the credential for this auth mode (API key, token or profile) and that the API enables the mode.',
  FORBIDDEN: 'The identity is known but not allowed; check its IAM policy for appsync:GraphQL.',
  SIGNATURE_MISMATCH: 'Check the signing region and the clock of this machine.',
  EXPIRED_TOKEN: 'Refresh the credentials (sign in again) and start the subscription again.',
  INVALID_INPUT: 'Fix the subscription document or its variables and start it again.',
};

/**
 * One AppError for AppSync's `errors` list. `scrub` removes secrets the server may echo (a
 * SigV4 mismatch quotes the canonical request, session token included).
 */
export function refusalError(
  where: string,
  errors: readonly ServerError[],
  scrub: (text: string) => string,
  nextSteps: Partial<Record<ErrorCode, string>> = {},
): AppError {
  const code = codeFor(errors);
  const described = errors
    .map((e) => [e.errorType, e.message].filter(Boolean).join(': '))
    .filter(Boolean)
    .join('; ')
    // AppSync's messages end in a period; the sentence below adds its own.
    .replace(/\.+$/, '');
  const next =
    nextSteps[code] ?? NEXT_STEP[code] ?? 'Try again; if it keeps failing, check the endpoint.';
  return new AppError(code, scrub(`${where} refused: ${described || 'no reason given'}. ${next}`), {
    errors: errors.map((e) => ({
      errorType: e.errorType ?? null,
      errorCode: e.errorCode ?? null,
      message: scrub(e.message ?? ''),
    })),
  });
}
