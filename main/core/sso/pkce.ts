/**
 * PKCE (RFC 7636, S256) and the authorize URL of IAM Identity Center's authorization-code flow,
 * built as the AWS CLI v2 builds it (SSOTokenFetcherAuth), so the service sees the same request.
 */
import { createHash, randomInt, randomUUID } from 'node:crypto';

const VERIFIER_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

export interface PkcePair {
  verifier: string;
  challenge: string;
}

/** 64 unreserved characters, as the CLI draws them (43–128 allowed by RFC 7636). */
export function createPkcePair(): PkcePair {
  let verifier = '';
  for (let i = 0; i < 64; i++) verifier += VERIFIER_CHARS[randomInt(VERIFIER_CHARS.length)];
  return { verifier, challenge: pkceChallenge(verifier) };
}

/** BASE64URL(SHA256(verifier)) without padding. */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createState(): string {
  return randomUUID();
}

export const DEFAULT_AUTH_CODE_SCOPE = 'sso:account:access';
/** Registered without a port: RFC 8252 lets a loopback redirect use any port at login time. */
export const REDIRECT_URI_WITHOUT_PORT = 'http://127.0.0.1/oauth/callback';

/** RFC 3986 encoding, as botocore's `percent_encode_sequence` does (spaces as %20, not +). */
function encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function authorizeUrl(args: {
  /** Scheme and host of the SSO-OIDC endpoint in use (`https://oidc.<region>.amazonaws.com`). */
  oidcBase: string;
  clientId: string;
  redirectUri: string;
  state: string;
  challenge: string;
  scopes: string[] | null;
}): string {
  const base = new URL(args.oidcBase);
  const params: Array<[string, string]> = [
    ['response_type', 'code'],
    ['client_id', args.clientId],
    ['redirect_uri', args.redirectUri],
    ['state', args.state],
    ['code_challenge_method', 'S256'],
    ['scopes', args.scopes?.length ? args.scopes.join(' ') : DEFAULT_AUTH_CODE_SCOPE],
    ['code_challenge', args.challenge],
  ];
  const query = params.map(([k, v]) => `${k}=${encode(v)}`).join('&');
  return `${base.protocol}//${base.host}/authorize?${query}`;
}
