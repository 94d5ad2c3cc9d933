/**
 * Error codes that cross the IPC boundary. They are stable: the UI and the CLI act on them,
 * so a code is never renamed, only added.
 */
export const ERROR_CODES = [
  // contract and plumbing
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'CANCELLED',
  'INTERNAL',
  // profiles and credentials
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
  // requests
  'ENDPOINT_NOT_FOUND',
  'SIGNATURE_MISMATCH',
  'CLOCK_SKEW',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NETWORK',
  'TIMEOUT',
  'SECRET_MISSING',
  'ENV_VARIABLE_REFUSED',
  'SIGNING_HOST_DECLINED',
  'PRODUCTION_DECLINED',
  // schema
  'INTROSPECTION_DISABLED',
  // storage
  'HISTORY_UNAVAILABLE',
  'WORKSPACE_CHANGED',
  'COLLECTION_CONFLICT',
  'COLLECTION_INVALID',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface IpcError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** An error the core raises on purpose: its message is written for the user. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toIpcError(): IpcError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}
