import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingSignedRequest } from '../sigv4/sigv4-verifier.ts';
import type { WireResponse } from '../sts/sts-wire.ts';
import { authorizePage, devicePage, doneDevicePage } from './sso-pages.ts';
import type { SsoCall, SsoFixture } from './sso-fixture.ts';
import { json, oidcErrors, redirect, SsoError } from './sso-wire.ts';

/**
 * The local SSO-OIDC service (`oidc.<region>.amazonaws.com`): client registration, the device
 * authorization grant, the authorization-code grant with PKCE and a loopback redirect, and
 * refresh tokens that rotate on every use.
 */

interface Client {
  secret: string;
  scopes: string[];
  redirectUris: string[];
}
interface DeviceGrant {
  clientId: string;
  userCode: string;
  expiresAt: number;
  interval: number;
  lastPollAt?: number;
  state: 'pending' | 'approved' | 'denied' | 'used';
  userName?: string;
}
interface AuthCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
  userName: string;
  expiresAt: number;
}
export interface PortalSession {
  userName: string;
  expiresAt: number;
}

export interface OidcServerOptions {
  fixture: SsoFixture;
  clock: { now(): number };
  record(call: SsoCall): void;
}

const opaque = (prefix: string) => `${prefix}${randomBytes(32).toString('base64url')}`;
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

function userCode(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

const normalizeUserCode = (code: string) => code.toUpperCase().replace(/[^A-Z]/g, '');

/** Loopback redirect URIs match whatever the port (RFC 8252 §7.3), as AWS does. */
function redirectAllowed(client: Client, uri: string): boolean {
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

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function createOidcServer(options: OidcServerOptions) {
  const { fixture, clock, record } = options;
  const clients = new Map<string, Client>();
  const devices = new Map<string, DeviceGrant>();
  const authCodes = new Map<string, AuthCode>();
  const accessTokens = new Map<string, PortalSession>();
  const refreshTokens = new Map<string, { clientId: string; userName: string }>();
  const users = fixture.users?.length ? fixture.users : [{ userName: 'sandbox-user' }];
  const codeSeconds = fixture.deviceCodeSeconds ?? 600;
  const interval = fixture.pollIntervalSeconds ?? 1;

  function person(userName?: string): string {
    if (userName === undefined) return users[0]!.userName;
    if (!users.some((u) => u.userName === userName))
      throw new Error(`No SSO user "${userName}" in the fixture.`);
    return userName;
  }

  function client(clientId: unknown, clientSecret: unknown): Client {
    const found = typeof clientId === 'string' ? clients.get(clientId) : undefined;
    if (!found || typeof clientSecret !== 'string' || !sameString(found.secret, clientSecret))
      throw oidcErrors.invalidClient();
    return found;
  }

  function grantTokens(clientId: string, userName: string) {
    const accessToken = opaque('aoa');
    const expiresIn = fixture.accessTokenSeconds ?? 28800;
    accessTokens.set(accessToken, { userName, expiresAt: clock.now() + expiresIn * 1000 });
    // AWS issues refresh tokens only to clients registered for sso:account:access.
    const withRefresh = clients.get(clientId)!.scopes.includes('sso:account:access');
    const refreshToken = withRefresh ? opaque('aor') : undefined;
    if (refreshToken) refreshTokens.set(refreshToken, { clientId, userName });
    return json(200, { accessToken, tokenType: 'Bearer', expiresIn, refreshToken });
  }

  function findDevice(code: string): DeviceGrant {
    const wanted = normalizeUserCode(code);
    const grant = [...devices.values()].find((d) => normalizeUserCode(d.userCode) === wanted);
    if (!grant || grant.state !== 'pending' || grant.expiresAt <= clock.now()) {
      throw new Error(
        `No pending device authorization with user code "${code}" (unknown, expired or already decided).`,
      );
    }
    return grant;
  }

  function registerClient(body: Record<string, unknown>, call: SsoCall): WireResponse {
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
  }

  function startDeviceAuthorization(
    body: Record<string, unknown>,
    base: string,
    call: SsoCall,
  ): WireResponse {
    client(body.clientId, body.clientSecret);
    call.clientId = String(body.clientId);
    if (fixture.startUrl !== undefined && body.startUrl !== fixture.startUrl) {
      throw oidcErrors.invalidRequest(`Unknown start URL ${String(body.startUrl)}`);
    }
    const deviceCode = opaque('dc');
    const code = userCode();
    devices.set(deviceCode, {
      clientId: String(body.clientId),
      userCode: code,
      expiresAt: clock.now() + codeSeconds * 1000,
      interval,
      state: 'pending',
    });
    return json(200, {
      deviceCode,
      userCode: code,
      verificationUri: `${base}/device`,
      verificationUriComplete: `${base}/device?user_code=${code}`,
      expiresIn: codeSeconds,
      interval,
    });
  }

  function deviceGrant(body: Record<string, unknown>, clientId: string): WireResponse {
    const grant = typeof body.deviceCode === 'string' ? devices.get(body.deviceCode) : undefined;
    if (!grant || grant.clientId !== clientId || grant.state === 'used')
      throw oidcErrors.invalidGrant('Invalid device code provided');
    const now = clock.now();
    if (grant.expiresAt <= now) throw oidcErrors.expired();
    if (grant.state === 'denied') throw oidcErrors.denied();
    const tooSoon =
      grant.lastPollAt !== undefined && now - grant.lastPollAt < grant.interval * 1000;
    grant.lastPollAt = now;
    if (tooSoon) {
      grant.interval += 5; // RFC 8628 §3.5: the client must add 5 seconds from now on.
      throw oidcErrors.slowDown();
    }
    if (grant.state === 'pending') throw oidcErrors.pending();
    grant.state = 'used';
    return grantTokens(clientId, grant.userName!);
  }

  function codeGrant(body: Record<string, unknown>, clientId: string): WireResponse {
    const entry = typeof body.code === 'string' ? authCodes.get(body.code) : undefined;
    if (typeof body.code === 'string') authCodes.delete(body.code); // single use, even when refused
    if (!entry || entry.clientId !== clientId || entry.expiresAt <= clock.now())
      throw oidcErrors.invalidGrant('Invalid authorization code provided');
    if (body.redirectUri !== entry.redirectUri)
      throw oidcErrors.invalidGrant('Redirect URI does not match the authorization request');
    const verifier = typeof body.codeVerifier === 'string' ? body.codeVerifier : '';
    const computed = createHash('sha256').update(verifier).digest('base64url');
    if (!sameString(computed, entry.challenge))
      throw oidcErrors.invalidGrant('Code verifier does not match the code challenge (PKCE S256)');
    return grantTokens(clientId, entry.userName);
  }

  function refreshGrant(body: Record<string, unknown>, clientId: string): WireResponse {
    const token = typeof body.refreshToken === 'string' ? body.refreshToken : '';
    const entry = refreshTokens.get(token);
    if (!entry || entry.clientId !== clientId)
      throw oidcErrors.invalidGrant('Invalid refresh token provided');
    refreshTokens.delete(token); // rotation: the old refresh token is spent
    return grantTokens(clientId, entry.userName);
  }

  function createToken(body: Record<string, unknown>, call: SsoCall): WireResponse {
    client(body.clientId, body.clientSecret);
    const clientId = String(body.clientId);
    call.clientId = clientId;
    call.grantType = String(body.grantType);
    switch (body.grantType) {
      case 'urn:ietf:params:oauth:grant-type:device_code':
        return deviceGrant(body, clientId);
      case 'authorization_code':
        return codeGrant(body, clientId);
      case 'refresh_token':
        return refreshGrant(body, clientId);
      default:
        throw oidcErrors.unsupportedGrant(String(body.grantType));
    }
  }

  function authorize(
    request: IncomingSignedRequest,
    query: URLSearchParams,
    form: URLSearchParams | undefined,
  ): WireResponse {
    const params = form ?? query;
    const get = (name: string) => params.get(name) ?? '';
    const found = clients.get(get('client_id'));
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
    if (request.method === 'GET')
      return authorizePage(
        params,
        users.map((u) => u.userName),
      );
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
      userName: person(params.get('user') ?? undefined),
      expiresAt: clock.now() + codeSeconds * 1000,
    });
    target.searchParams.set('code', code);
    return redirect(target.href);
  }

  function device(
    request: IncomingSignedRequest,
    query: URLSearchParams,
    form: URLSearchParams | undefined,
  ): WireResponse {
    if (request.method === 'GET' || !form)
      return devicePage(
        query.get('user_code') ?? '',
        users.map((u) => u.userName),
      );
    const code = form.get('user_code') ?? '';
    try {
      const grant = findDevice(code);
      grant.state = form.get('decision') === 'approve' ? 'approved' : 'denied';
      grant.userName = person(form.get('user') ?? undefined);
      return doneDevicePage(grant.state === 'approved');
    } catch (error) {
      return devicePage(
        code,
        users.map((u) => u.userName),
        (error as Error).message,
      );
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
      if (path === '/authorize')
        return ((call.action = 'Authorize'), authorize(request, query, form));
      if (path === '/device')
        return ((call.action = 'DeviceVerification'), device(request, query, form));
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
      if (action === 'RegisterClient') return registerClient(body, call);
      if (action === 'StartDeviceAuthorization')
        return startDeviceAuthorization(body, `http://${String(request.headers.host)}`, call);
      return createToken(body, call);
    },
    approveDeviceCode(code: string, userName?: string): void {
      const grant = findDevice(code);
      grant.userName = person(userName);
      grant.state = 'approved';
      record({
        service: 'sso-oidc',
        action: 'ApproveDeviceCode',
        at: clock.now(),
        userName: grant.userName,
        clientId: grant.clientId,
        outcome: 'ok',
      });
    },
    denyDeviceCode(code: string): void {
      findDevice(code).state = 'denied';
    },
    /** Logout: the access token stops working at once. */
    endSession(accessToken: string): void {
      accessTokens.delete(accessToken);
    },
    /** The person behind a portal access token, while it is valid. */
    session(accessToken: string): PortalSession | undefined {
      const session = accessTokens.get(accessToken);
      return session && session.expiresAt > clock.now() ? session : undefined;
    },
  };
}

export type OidcServer = ReturnType<typeof createOidcServer>;
