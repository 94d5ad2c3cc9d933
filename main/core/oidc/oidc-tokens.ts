/**
 * A provider's tokens as the core keeps them (in memory and, serialised, in the SecretVault
 * under `oidc:<name>:tokens`), and the identity derived from them — the only part that may
 * leave main.
 */
import { decodeJwt } from 'jose';
import type * as client from 'openid-client';
import * as z from '../../../shared/zod.ts';
import type { OidcIdentityDTO, OidcTokenUse } from '../../../shared/oidc.ts';

const claimsSchema = z.object({
  sub: z.string(),
  name: z.optional(z.string()),
  email: z.optional(z.string()),
  preferred_username: z.optional(z.string()),
});

const tokenSetSchema = z.object({
  version: z.literal(1),
  issuer: z.string(),
  clientId: z.string(),
  idToken: z.nullable(z.string()),
  accessToken: z.string(),
  refreshToken: z.nullable(z.string()),
  /** ms since the epoch, or null when the provider did not say. */
  accessTokenExpiresAt: z.nullable(z.number()),
  idTokenExpiresAt: z.nullable(z.number()),
  /** When these tokens were issued to us (ms), to size the renewal margin to their lifetime. */
  obtainedAt: z.number(),
  claims: claimsSchema,
});

export type OidcTokenSet = z.infer<typeof tokenSetSchema>;

export function tokensKey(name: string): string {
  return `oidc:${name}:tokens`;
}

export function serialiseTokens(tokens: OidcTokenSet): string {
  return JSON.stringify(tokens);
}

/** Null when the vault entry is not a token set we wrote (then it is best forgotten). */
export function parseTokens(text: string): OidcTokenSet | null {
  try {
    return tokenSetSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

function jwtExpiry(token: string): number | null {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : null;
  } catch {
    return null; // an opaque access token
  }
}

type TokenResponse = client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

/**
 * The token set after a grant. A refresh response may omit the ID token or the refresh token:
 * the previous ones stay (a refresh token is only replaced when the provider rotates it).
 */
export function tokensFromResponse(
  response: TokenResponse,
  context: { issuer: string; clientId: string; now: number; previous?: OidcTokenSet },
): OidcTokenSet {
  const { previous, now } = context;
  const fresh = response.claims();
  const claims = fresh ? claimsSchema.parse(fresh) : previous?.claims;
  if (!claims)
    throw new Error('The provider returned no ID token (is the "openid" scope granted?).');
  const idToken = response.id_token ?? previous?.idToken ?? null;
  const expiresIn = response.expiresIn();
  return {
    version: 1,
    issuer: context.issuer,
    clientId: context.clientId,
    idToken,
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? previous?.refreshToken ?? null,
    accessTokenExpiresAt:
      expiresIn === undefined ? jwtExpiry(response.access_token) : now + expiresIn * 1000,
    idTokenExpiresAt: fresh
      ? typeof fresh.exp === 'number'
        ? fresh.exp * 1000
        : null
      : (previous?.idTokenExpiresAt ?? null),
    obtainedAt: now,
    claims,
  };
}

/** The token that goes into the Authorization header, per the provider's setting. */
export function tokenToSend(tokens: OidcTokenSet, use: OidcTokenUse): string | null {
  return use === 'id' ? tokens.idToken : tokens.accessToken;
}

export function expiryOf(tokens: OidcTokenSet, use: OidcTokenUse): number | null {
  return use === 'id' ? tokens.idTokenExpiresAt : tokens.accessTokenExpiresAt;
}

export function identityOf(
  provider: string,
  tokens: OidcTokenSet,
  use: OidcTokenUse,
): OidcIdentityDTO {
  return {
    provider,
    issuer: tokens.issuer,
    subject: tokens.claims.sub,
    name: tokens.claims.name ?? null,
    email: tokens.claims.email ?? null,
    preferredUsername: tokens.claims.preferred_username ?? null,
    expiresAt: expiryOf(tokens, use),
    refreshable: tokens.refreshToken !== null,
    tokenUse: use,
  };
}
