import { randomUUID } from 'node:crypto';
import type { WireResponse } from '../sts/sts-wire.ts';

/**
 * restJson answers as @aws-sdk/client-sso-oidc and @aws-sdk/client-sso parse them: the error
 * type in `x-amzn-errortype`, OIDC errors as `{error, error_description}`, portal errors as
 * `{message}`.
 */
export class SsoError extends Error {
  readonly type: string;
  readonly status: number;
  /** The OAuth `error` member (OIDC only), e.g. `authorization_pending`. */
  readonly oauthError: string | undefined;
  constructor(type: string, status: number, message: string, oauthError?: string) {
    super(message);
    this.type = type;
    this.status = status;
    this.oauthError = oauthError;
  }
}

export function json(
  status: number,
  body: unknown,
  extra: Record<string, string> = {},
): WireResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID(), ...extra },
    body: JSON.stringify(body),
  };
}

export function ssoErrorResponse(error: SsoError): WireResponse {
  const body =
    error.oauthError !== undefined
      ? { error: error.oauthError, error_description: error.message }
      : { message: error.message };
  return json(error.status, body, { 'x-amzn-errortype': error.type });
}

export function html(
  status: number,
  body: string,
  extra: Record<string, string> = {},
): WireResponse {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy':
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://127.0.0.1:* http://localhost:*",
      ...extra,
    },
    body,
  };
}

export function redirect(location: string): WireResponse {
  return { status: 302, headers: { location }, body: '' };
}

export function htmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** OIDC error shortcuts with AWS's wording. */
export const oidcErrors = {
  invalidClient: () =>
    new SsoError('InvalidClientException', 401, 'Invalid client provided', 'invalid_client'),
  invalidGrant: (why: string) => new SsoError('InvalidGrantException', 400, why, 'invalid_grant'),
  invalidRequest: (why: string) =>
    new SsoError('InvalidRequestException', 400, why, 'invalid_request'),
  pending: () =>
    new SsoError(
      'AuthorizationPendingException',
      400,
      'Authorization is still pending',
      'authorization_pending',
    ),
  slowDown: () =>
    new SsoError('SlowDownException', 400, 'Client is polling too quickly', 'slow_down'),
  expired: () =>
    new SsoError('ExpiredTokenException', 400, 'Device code has expired', 'expired_token'),
  denied: () =>
    new SsoError(
      'AccessDeniedException',
      400,
      'The user denied the authorization request',
      'access_denied',
    ),
  unsupportedGrant: (grant: string) =>
    new SsoError(
      'UnsupportedGrantTypeException',
      400,
      `Unsupported grant type: ${grant}`,
      'unsupported_grant_type',
    ),
};
