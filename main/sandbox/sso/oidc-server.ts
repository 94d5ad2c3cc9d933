import type { IncomingSignedRequest } from '../sigv4/sigv4-verifier.ts';
import type { WireResponse } from '../sts/sts-wire.ts';
import { createOidcClients } from './oidc-clients.ts';
import { createDeviceFlow } from './oidc-device-flow.ts';
import { createPkceFlow } from './oidc-pkce-flow.ts';
import { createOidcTokens, type PortalSession } from './oidc-tokens.ts';
import type { SsoCall, SsoFixture } from './sso-fixture.ts';
import { fixturePeople } from './sso-people.ts';
import { oidcErrors } from './sso-wire.ts';

/**
 * The local SSO-OIDC service (`oidc.<region>.amazonaws.com`): client registration, the device
 * authorization grant, the authorization-code grant with PKCE and a loopback redirect, and
 * refresh tokens that rotate on every use. This file routes; each grant lives in its own.
 */

export interface OidcServerOptions {
  fixture: SsoFixture;
  clock: { now(): number };
  record(call: SsoCall): void;
}

export function createOidcServer(options: OidcServerOptions) {
  const { fixture, clock, record } = options;
  const people = fixturePeople(fixture);
  const clients = createOidcClients(clock);
  const tokens = createOidcTokens({ fixture, clock, clients });
  const device = createDeviceFlow({ fixture, clock, people });
  const pkce = createPkceFlow({ fixture, clock, people, clients });

  function startDeviceAuthorization(
    body: Record<string, unknown>,
    base: string,
    call: SsoCall,
  ): WireResponse {
    clients.authenticate(body.clientId, body.clientSecret);
    call.clientId = String(body.clientId);
    return device.start(body, base);
  }

  function createToken(body: Record<string, unknown>, call: SsoCall): WireResponse {
    clients.authenticate(body.clientId, body.clientSecret);
    const clientId = String(body.clientId);
    call.clientId = clientId;
    call.grantType = String(body.grantType);
    return tokens.issue(clientId, grantedPerson(body, clientId));
  }

  /** Checks the grant CreateToken was given; returns the person to issue tokens for. */
  function grantedPerson(body: Record<string, unknown>, clientId: string): string {
    switch (body.grantType) {
      case 'urn:ietf:params:oauth:grant-type:device_code':
        return device.redeem(body, clientId);
      case 'authorization_code':
        return pkce.redeem(body, clientId);
      case 'refresh_token':
        return tokens.redeemRefreshToken(body, clientId);
      default:
        throw oidcErrors.unsupportedGrant(String(body.grantType));
    }
  }

  return {
    /** undefined when the path is not an SSO-OIDC one. */
    handle(request: IncomingSignedRequest, call: SsoCall): WireResponse | undefined {
      const [path = '', queryString = ''] = request.rawPath.split('?');
      const query = new URLSearchParams(queryString);
      const isForm = String(request.headers['content-type'] ?? '').startsWith(
        'application/x-www-form-urlencoded',
      );
      const form =
        request.method === 'POST' && isForm
          ? new URLSearchParams(request.body.toString('utf8'))
          : undefined;
      if (path === '/authorize') {
        call.action = 'Authorize';
        return pkce.authorize(request, query, form);
      }
      if (path === '/device') {
        call.action = 'DeviceVerification';
        return device.verificationPage(request, query, form);
      }
      const actions: Record<string, string> = {
        '/client/register': 'RegisterClient',
        '/device_authorization': 'StartDeviceAuthorization',
        '/token': 'CreateToken',
      };
      const action = actions[path];
      if (action === undefined || request.method !== 'POST') return undefined;
      call.action = action;
      let body: Record<string, unknown>;
      try {
        body = request.body.length
          ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>)
          : {};
      } catch {
        throw oidcErrors.invalidRequest('The request body is not JSON');
      }
      if (action === 'RegisterClient') return clients.register(body, call);
      if (action === 'StartDeviceAuthorization')
        return startDeviceAuthorization(body, `http://${String(request.headers.host)}`, call);
      return createToken(body, call);
    },
    approveDeviceCode(code: string, userName?: string): void {
      const approved = device.approve(code, userName);
      record({
        service: 'sso-oidc',
        action: 'ApproveDeviceCode',
        at: clock.now(),
        userName: approved.userName,
        clientId: approved.clientId,
        outcome: 'ok',
      });
    },
    denyDeviceCode(code: string): void {
      device.deny(code);
    },
    /** Logout: the access token stops working at once. */
    endSession(accessToken: string): void {
      tokens.end(accessToken);
    },
    /** The person behind a portal access token, while it is valid. */
    session(accessToken: string): PortalSession | undefined {
      return tokens.session(accessToken);
    },
  };
}

export type OidcServer = ReturnType<typeof createOidcServer>;
