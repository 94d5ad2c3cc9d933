/**
 * A JWT issuer for tests that need tokens the sandbox verifies without an identity provider:
 * an RS256 key pair, its public JWK for the sandbox's `keySet`, and signed tokens with the
 * lifetime a test wants (an OIDC provider's or a Cognito user pool's ID token, as AppSync sees
 * one).
 */
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export interface TokenClaims {
  sub?: string;
  /** Defaults to the issuer's audience. */
  audience?: string;
  /** ms since the epoch; defaults to ten minutes from `issuedAt`. */
  expiresAt?: number;
  /** ms since the epoch; defaults to now. */
  issuedAt?: number;
}

export interface JwtIssuer {
  issuer: string;
  audience: string;
  /** The public key as the sandbox's `keySet` takes it. */
  jwk: JWK;
  sign(claims?: TokenClaims): Promise<string>;
}

export async function jwtIssuer(issuer: string, audience: string, kid = 'k1'): Promise<JwtIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    issuer,
    audience,
    jwk,
    sign: (claims = {}) => signWith(privateKey, kid, issuer, audience, claims),
  };
}

function signWith(
  key: CryptoKey,
  kid: string,
  issuer: string,
  audience: string,
  claims: TokenClaims,
): Promise<string> {
  const issuedAt = claims.issuedAt ?? Date.now();
  return new SignJWT({ sub: claims.sub ?? 'user-1' })
    .setProtectedHeader({ alg: 'RS256', kid })
    .setIssuer(issuer)
    .setAudience(claims.audience ?? audience)
    .setIssuedAt(Math.floor(issuedAt / 1000))
    .setExpirationTime(Math.floor((claims.expiresAt ?? issuedAt + 600_000) / 1000))
    .sign(key);
}
