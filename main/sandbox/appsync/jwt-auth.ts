/**
 * OPENID_CONNECT and AMAZON_COGNITO_USER_POOLS: the `Authorization` header carries the raw JWT
 * (no `Bearer ` prefix — AppSync reserves "Bearer" and answers "Unable to parse JWT token.",
 * see aws/aws-appsync-community#96 and #198). Verified with jose against the provider's keys:
 * signature, issuer, audience (the API's client id), expiry with a small tolerance.
 */
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { AppSyncRefusal } from './appsync-response.ts';
import { unauthorized } from './appsync-response.ts';
import type { CallerIdentity, JwtProviderConfig } from './auth-config.ts';

type JwtMode = 'OPENID_CONNECT' | 'AMAZON_COGNITO_USER_POOLS';

export type JwtOutcome =
  { ok: true; identity: CallerIdentity } | { ok: false; refusal: AppSyncRefusal };

/** Unverified claims, or null when the value is not a JWT at all. */
export function peekClaims(token: string): JWTPayload | null {
  try {
    return decodeJwt(token);
  } catch {
    return null;
  }
}

export class JwtVerifier {
  readonly mode: JwtMode;
  readonly config: JwtProviderConfig;
  readonly #clock: { now(): number };
  #keys: Promise<JWTVerifyGetKey> | null = null;

  constructor(mode: JwtMode, config: JwtProviderConfig, clock: { now(): number }) {
    this.mode = mode;
    this.config = config;
    this.#clock = clock;
  }

  /** Whether this provider is the one the token names (`iss`), before any verification. */
  isIssuerOf(token: string): boolean {
    return peekClaims(token)?.iss === this.config.issuer;
  }

  async verify(token: string): Promise<JwtOutcome> {
    if (peekClaims(token) === null) return refuse('Unable to parse JWT token.');
    let payload: JWTPayload;
    try {
      const result = await jwtVerify(token, await this.#getKeys(), {
        issuer: this.config.issuer,
        currentDate: new Date(this.#clock.now()),
        clockTolerance: this.config.clockToleranceSeconds ?? 5,
        ...(this.config.issuedAtTtlMs === undefined
          ? {}
          : { maxTokenAge: `${Math.floor(this.config.issuedAtTtlMs / 1000)}s` }),
      });
      payload = result.payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return refuse('Token has expired.');
      return refuse();
    }
    // Observed AppSync answer for a client id that does not match (aws-appsync-community#115).
    if (!this.#audienceMatches(payload)) return refuse('Unauthorized');
    return {
      ok: true,
      identity: {
        mode: this.mode,
        sub: typeof payload.sub === 'string' ? payload.sub : null,
        issuer: this.config.issuer,
        claims: payload,
      },
    };
  }

  #audienceMatches(payload: JWTPayload): boolean {
    const expected = this.config.clientId;
    if (expected === undefined) return true;
    const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
    // Cognito access tokens carry the app client in `client_id`, not `aud`.
    if (this.mode === 'AMAZON_COGNITO_USER_POOLS' && typeof payload.client_id === 'string') {
      audiences.push(payload.client_id);
    }
    return audiences.some((aud) =>
      typeof expected === 'string'
        ? aud === expected
        : new RegExp(`^(?:${expected.source})$`).test(aud),
    );
  }

  #getKeys(): Promise<JWTVerifyGetKey> {
    this.#keys ??= this.#loadKeys().catch((error: unknown) => {
      this.#keys = null; // a provider that was down may be up on the next request
      throw error;
    });
    return this.#keys;
  }

  async #loadKeys(): Promise<JWTVerifyGetKey> {
    if (this.config.keySet) return createLocalJWKSet(this.config.keySet);
    if (this.config.jwksUrl) return createRemoteJWKSet(new URL(this.config.jwksUrl));
    const discovery = new URL(
      `${this.config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    );
    const response = await fetch(discovery, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) {
      throw new Error(`OIDC discovery at ${discovery.href} answered ${response.status}.`);
    }
    const document = (await response.json()) as { jwks_uri?: unknown };
    if (typeof document.jwks_uri !== 'string') {
      throw new Error(`OIDC discovery at ${discovery.href} has no jwks_uri.`);
    }
    return createRemoteJWKSet(new URL(document.jwks_uri));
  }
}

function refuse(message?: string): JwtOutcome {
  return { ok: false, refusal: unauthorized(message) };
}
