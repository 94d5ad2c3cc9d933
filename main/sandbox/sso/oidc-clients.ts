import { randomUUID } from 'node:crypto';
import type { WireResponse } from '../sts/sts-wire.ts';
import { opaque, sameString } from './oidc-secrets.ts';
import type { SsoCall } from './sso-fixture.ts';
import { json, oidcErrors, SsoError } from './sso-wire.ts';

/** The applications registered with the local SSO-OIDC (RegisterClient), and their credentials. */

export interface OidcClient {
  secret: string;
  scopes: string[];
  redirectUris: string[];
}

export function createOidcClients(clock: { now(): number }) {
  const clients = new Map<string, OidcClient>();

  return {
    register(body: Record<string, unknown>, call: SsoCall): WireResponse {
      if (typeof body.clientName !== 'string' || typeof body.clientType !== 'string') {
        throw new SsoError(
          'InvalidClientMetadataException',
          400,
          'clientName and clientType are required',
          'invalid_client_metadata',
        );
      }
      const clientId = randomUUID().replace(/-/g, '');
      const secret = opaque('cs');
      const strings = (v: unknown) =>
        Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
      clients.set(clientId, {
        secret,
        scopes: strings(body.scopes),
        redirectUris: strings(body.redirectUris),
      });
      call.clientId = clientId;
      const issuedAt = Math.floor(clock.now() / 1000);
      return json(200, {
        clientId,
        clientSecret: secret,
        clientIdIssuedAt: issuedAt,
        clientSecretExpiresAt: issuedAt + 90 * 86400,
      });
    },
    /** The client whose id and secret these are; invalid_client otherwise. */
    authenticate(clientId: unknown, clientSecret: unknown): OidcClient {
      const found = typeof clientId === 'string' ? clients.get(clientId) : undefined;
      if (!found || typeof clientSecret !== 'string' || !sameString(found.secret, clientSecret))
        throw oidcErrors.invalidClient();
      return found;
    },
    find(clientId: string): OidcClient | undefined {
      return clients.get(clientId);
    },
  };
}

export type OidcClients = ReturnType<typeof createOidcClients>;
