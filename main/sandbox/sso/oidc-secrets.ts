import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The opaque strings the local SSO-OIDC hands out (client secrets, device and authorization
 * codes, access and refresh tokens), and how one presented back is compared.
 */

export const opaque = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;

/** Constant-time, so a guessed secret or PKCE challenge learns nothing from the timing. */
export function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
