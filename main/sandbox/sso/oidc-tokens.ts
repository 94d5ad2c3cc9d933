import type { WireResponse } from '../sts/sts-wire.ts';
import type { OidcClients } from './oidc-clients.ts';
import { opaque } from './oidc-secrets.ts';
import type { SsoFixture } from './sso-fixture.ts';
import { json, oidcErrors } from './sso-wire.ts';

/**
 * What CreateToken hands out once a grant checks out: a portal access token, and a refresh
 * token that rotates on every use.
 */

export interface PortalSession {
  userName: string;
  expiresAt: number;
}

export interface OidcTokensOptions {
  fixture: SsoFixture;
  clock: { now(): number };
  clients: OidcClients;
}

export function createOidcTokens(options: OidcTokensOptions) {
  const { fixture, clock, clients } = options;
  const accessTokens = new Map<string, PortalSession>();
  const refreshTokens = new Map<string, { clientId: string; userName: string }>();

  return {
    /** CreateToken's answer for a person, to a client whose grant has been checked. */
    issue(clientId: string, userName: string): WireResponse {
      const accessToken = opaque('aoa');
      const expiresIn = fixture.accessTokenSeconds ?? 28800;
      accessTokens.set(accessToken, { userName, expiresAt: clock.now() + expiresIn * 1000 });
      // AWS issues refresh tokens only to clients registered for sso:account:access.
      const withRefresh = clients.find(clientId)!.scopes.includes('sso:account:access');
      const refreshToken = withRefresh ? opaque('aor') : undefined;
      if (refreshToken) refreshTokens.set(refreshToken, { clientId, userName });
      return json(200, { accessToken, tokenType: 'Bearer', expiresIn, refreshToken });
    },
    /** The refresh_token grant: the person it was issued for; the token is spent (rotation). */
    redeemRefreshToken(body: Record<string, unknown>, clientId: string): string {
      const token = typeof body.refreshToken === 'string' ? body.refreshToken : '';
      const entry = refreshTokens.get(token);
      if (!entry || entry.clientId !== clientId)
        throw oidcErrors.invalidGrant('Invalid refresh token provided');
      refreshTokens.delete(token);
      return entry.userName;
    },
    /** The person behind a portal access token, while it is valid. */
    session(accessToken: string): PortalSession | undefined {
      const session = accessTokens.get(accessToken);
      return session && session.expiresAt > clock.now() ? session : undefined;
    },
    /** Logout: the access token stops working at once. */
    end(accessToken: string): void {
      accessTokens.delete(accessToken);
    },
  };
}
