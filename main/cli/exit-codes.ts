/** The CLI's exit codes: scripts and CI act on them, so they never change meaning. */
import type { ErrorCode } from '../../shared/errors.ts';

export const EXIT = {
  ok: 0,
  graphqlErrors: 1,
  usage: 2,
  authRefused: 3,
  network: 4,
  interrupted: 130,
} as const;

const AUTH_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'PROFILE_NOT_FOUND',
  'CONFIG_FILE_UNREADABLE',
  'PROFILE_CHAIN_INVALID',
  'CREDENTIALS_UNRESOLVED',
  'MFA_REQUIRED',
  'PROMPT_CANCELLED',
  'ASSUME_ROLE_DENIED',
  'EXPIRED_TOKEN',
  'INVALID_CLIENT_TOKEN',
  'CREDENTIAL_PROCESS_FAILED',
  'SSO_LOGIN_REQUIRED',
  'SSO_LOGIN_FAILED',
  'CONSOLE_SIGNIN_FAILED',
  'SIGNATURE_MISMATCH',
  'CLOCK_SKEW',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'SECRET_MISSING',
  'ENV_VARIABLE_REFUSED',
  'INTROSPECTION_DISABLED',
]);

export function exitCodeFor(code: ErrorCode): number {
  if (code === 'INVALID_INPUT' || code === 'ENDPOINT_NOT_FOUND') return EXIT.usage;
  // Not confirmed (declined, or no terminal to ask on and no --yes): run it again with --yes.
  if (code === 'PRODUCTION_DECLINED' || code === 'SIGNING_HOST_DECLINED') return EXIT.usage;
  if (code === 'NETWORK' || code === 'TIMEOUT') return EXIT.network;
  if (code === 'CANCELLED') return EXIT.interrupted;
  if (AUTH_CODES.has(code)) return EXIT.authRefused;
  return EXIT.graphqlErrors;
}
