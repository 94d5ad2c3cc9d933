import { createHash } from 'node:crypto';
import type { IncomingSignedRequest } from '../sigv4/sigv4-verifier.ts';
import type { WireResponse } from '../sts/sts-wire.ts';
import type { OidcClient, OidcClients } from './oidc-clients.ts';
import { opaque, sameString } from './oidc-secrets.ts';
import type { SsoFixture } from './sso-fixture.ts';
import { authorizePage } from './sso-pages.ts';
import type { SsoPeople } from './sso-people.ts';
import { json, oidcErrors, redirect } from './sso-wire.ts';

/**
 * The authorization-code grant with PKCE (S256) and a loopback redirect: /authorize shows the
 * consent page and sends the browser back with a code, which CreateToken redeems once.
 */

interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  userName: string;
  expiresAt: number;
}

export interface PkceFlowOptions {
  fixture: SsoFixture;
  clock: { now(): number };
  people: SsoPeople;
  clients: OidcClients;
}

/** Loopback redirect URIs match whatever the port (RFC 8252 §7.3), as AWS does. */
function redirectAllowed(client: OidcClient, uri: string): boolean {
  let target: URL;
  try {
    target = new URL(uri);
  } catch {
    return false;
  }
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) return false;
  return client.redirectUris.some((registered) => {
    const r = new URL(registered);
    return (
      r.protocol === target.protocol &&
      r.hostname === target.hostname &&
      r.pathname === target.pathname
    );
  });
}

export function createPkceFlow(options: PkceFlowOptions) {
  const { fixture, clock, people, clients } = options;
  const authCodes = new Map<string, AuthCode>();
  const codeSeconds = fixture.deviceCodeSeconds ?? 600;

  return {
    /** GET shows the consent page; POST redirects back with a code, or with access_denied. */
    authorize(
      request: IncomingSignedRequest,
      query: URLSearchParams,
      form: URLSearchParams | undefined,
    ): WireResponse {
      const params = form ?? query;
      const get = (name: string) => params.get(name) ?? '';
      const found = clients.find(get('client_id'));
      if (!found)
        return json(400, { error: 'invalid_client', error_description: 'Invalid client provided' });
      if (!redirectAllowed(found, get('redirect_uri'))) {
        return json(400, {
          error: 'invalid_request',
          error_description: 'redirect_uri is not a registered loopback URI',
        });
      }
      if (
        get('response_type') !== 'code' ||
        get('code_challenge_method') !== 'S256' ||
        get('code_challenge') === ''
      ) {
        return json(400, {
          error: 'invalid_request',
          error_description: 'response_type=code with a S256 code_challenge is required',
        });
      }
      if (request.method === 'GET') return authorizePage(params, people.names);
      const target = new URL(get('redirect_uri'));
      target.searchParams.set('state', get('state'));
      if (get('decision') !== 'approve') {
        target.searchParams.set('error', 'access_denied');
        return redirect(target.href);
      }
      const code = opaque('ac');
      authCodes.set(code, {
        clientId: get('client_id'),
        redirectUri: get('redirect_uri'),
        challenge: get('code_challenge'),
        userName: people.resolve(params.get('user') ?? undefined),
        expiresAt: clock.now() + codeSeconds * 1000,
      });
      target.searchParams.set('code', code);
      return redirect(target.href);
    },
    /** The authorization_code grant: the person who consented, for the same redirect and verifier. */
    redeem(body: Record<string, unknown>, clientId: string): string {
      const entry = typeof body.code === 'string' ? authCodes.get(body.code) : undefined;
      if (typeof body.code === 'string') authCodes.delete(body.code); // single use, even when refused
      if (!entry || entry.clientId !== clientId || entry.expiresAt <= clock.now())
        throw oidcErrors.invalidGrant('Invalid authorization code provided');
      if (body.redirectUri !== entry.redirectUri)
        throw oidcErrors.invalidGrant('Redirect URI does not match the authorization request');
      const verifier = typeof body.codeVerifier === 'string' ? body.codeVerifier : '';
      const computed = createHash('sha256').update(verifier).digest('base64url');
      if (!sameString(computed, entry.challenge))
        throw oidcErrors.invalidGrant(
          'Code verifier does not match the code challenge (PKCE S256)',
        );
      return entry.userName;
    },
  };
}
