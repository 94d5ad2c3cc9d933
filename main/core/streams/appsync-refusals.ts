/**
 * How AppSync refuses over its WebSockets, in GraphQL real-time and Events alike: the `errors`
 * list of a `connection_error` or of a refused start, subscribe or publish, which of those
 * retrying cannot fix, and one AppError for each (secrets the server echoes scrubbed).
 */
import { AppError, type ErrorCode } from '../../../shared/errors.ts';

export interface ServerError {
  errorType?: string;
  message?: string;
  errorCode?: number;
}

const NON_RETRYABLE_CODES = new Set([400, 401, 403]);
const NON_RETRYABLE_TYPES = new Set([
  'BadRequestException',
  'UnauthorizedException',
  'Unauthorized',
]);

/** AppSync's rule (and Amplify's): a 400/401/403 or an auth/bad-request type is final. */
/**
 * AppSync's `errors` list as a hostile endpoint may send it: anything but an array is none, at
 * most 20 entries, each only its string and number fields, bounded in size.
 */
export function serverErrors(value: unknown): ServerError[] {
  if (!Array.isArray(value)) return [];
  return value.slice(0, 20).flatMap((raw) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return [];
    const e = raw as Record<string, unknown>;
    const out: ServerError = {};
    if (typeof e.errorType === 'string') out.errorType = e.errorType.slice(0, 200);
    if (typeof e.message === 'string') out.message = e.message.slice(0, 2000);
    if (typeof e.errorCode === 'number') out.errorCode = e.errorCode;
    return [out];
  });
}

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
