import { createLocalJWKSet, errors, importSPKI, jwtVerify, type JWTPayload } from 'jose';
import { StsError } from './sts-wire.ts';
import type { WebIdentityTrust } from './sts-fixture.ts';

/**
 * Verifies the JWT of AssumeRoleWithWebIdentity the way STS does: signature against the
 * provider's keys, then issuer, audience and expiry, with STS's error codes.
 */
export async function verifyWebIdentityToken(
  token: string,
  trust: WebIdentityTrust,
  now: number,
): Promise<JWTPayload & { sub: string }> {
  let payload: JWTPayload;
  try {
    const options = { issuer: trust.issuer, audience: trust.audience, currentDate: new Date(now) };
    if (trust.jwks) {
      ({ payload } = await jwtVerify(token, createLocalJWKSet(trust.jwks), options));
    } else if (trust.publicKey !== undefined) {
      const key =
        typeof trust.publicKey === 'string'
          ? await importSPKI(trust.publicKey, trust.algorithm ?? 'RS256')
          : trust.publicKey;
      ({ payload } = await jwtVerify(token, key, options));
    } else {
      throw new Error(
        `StsFixture: web identity trust for ${trust.issuer} has neither jwks nor publicKey.`,
      );
    }
  } catch (error) {
    if (error instanceof errors.JWTExpired) {
      const exp = Math.floor(Number((error.payload as JWTPayload).exp ?? 0));
      throw new StsError(
        'ExpiredTokenException',
        400,
        `Token expired: current date/time ${Math.floor(now / 1000)} must be before the expiration date/time${exp}`,
      );
    }
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') {
      throw new StsError('InvalidIdentityToken', 400, 'Incorrect token audience');
    }
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') {
      throw new StsError(
        'InvalidIdentityToken',
        400,
        'No OpenIDConnect provider found in your account for the token issuer',
      );
    }
    if (error instanceof errors.JOSEError) {
      throw new StsError(
        'InvalidIdentityToken',
        400,
        "Couldn't verify the web identity token's signature",
      );
    }
    throw error;
  }
  if (typeof payload.sub !== 'string') {
    throw new StsError(
      'InvalidIdentityToken',
      400,
      'The web identity token has no subject (sub) claim',
    );
  }
  return payload as JWTPayload & { sub: string };
}
