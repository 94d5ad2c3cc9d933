/**
 * A real OpenID Provider for integration and e2e tests: panva's `oidc-provider` v9 on
 * 127.0.0.1 and a free port, with a native public client (PKCE, loopback redirects on any
 * port as RFC 8252 §7.3 asks), a confidential client, refresh tokens rotated on every use,
 * device authorization, revocation, and an in-memory user. Its own sign-in and consent pages
 * (the "devInteractions") are what a person sees: `completeLogin` and `approveDevice` fill
 * them over HTTP, and e2e tests drive the same pages in Chromium.
 *
 * Plain http is fine for oidc-provider (cookies are marked secure only on https requests);
 * the client side needs openid-client's `allowInsecureRequests` for such issuers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
// oidc-provider ships no type declarations; the few members used here are typed below.
// @ts-expect-error -- untyped JavaScript module
import ProviderModule from 'oidc-provider';

export interface TestOidcUser {
  sub: string;
  name: string;
  email: string;
  /** Anything is accepted by the development sign-in page; kept for realism. */
  password: string;
}

export interface TestOidcProviderOptions {
  /** Seconds. Short lifetimes drive expiry tests. Defaults: ID 3600, access 3600, refresh 14 days. */
  idTokenTtl?: number;
  accessTokenTtl?: number;
  refreshTokenTtl?: number;
  users?: TestOidcUser[];
  /**
   * Changes the parameters of authorization requests before the provider sees them, as an
   * attacker in the middle would (e.g. a different `nonce`).
   */
  rewriteAuthorizationParams?: (params: URLSearchParams) => void;
  /** Answer `slow_down` instead of `authorization_pending` to this many device-code polls. */
  slowDownPolls?: number;
}

export interface TestOidcProvider {
  /** `http://127.0.0.1:PORT` */
  issuer: string;
  /** The native public client (no secret, PKCE, any loopback port on `/callback`). */
  clientId: string;
  /** A confidential client authenticating with `client_secret_basic`. */
  confidentialClient: { clientId: string; clientSecret: string };
  user: TestOidcUser;
  /** Every authorization request's parameters, as the provider received them. */
  authorizationRequests: URLSearchParams[];
  /** Successful token grants by `grant_type` (e.g. `refresh_token`). */
  grants: Record<string, number>;
  /** Device-code polls answered so far (pending, slow_down or success). */
  devicePolls: number;
  /**
   * Signs in on the provider's pages as a person would (login, then consent), starting from the
   * authorization URL the client opened. The browser's final redirect (the client's callback)
   * is delivered with a GET unless `deliver` is false; its URL and answer are returned.
   */
  completeLogin(
    authorizationUrl: string,
    options?: { login?: string; deliver?: boolean },
  ): Promise<{ callbackUrl: URL; status: number | null; page: string | null }>;
  /** Enters the user code on the verification page, confirms, signs in and consents. */
  approveDevice(userCode: string, options?: { login?: string }): Promise<void>;
  /** Revokes a token at the revocation endpoint, as a sign-out elsewhere or an admin would. */
  revoke(token: string): Promise<void>;
  close(): Promise<void>;
}

interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  querystring: string;
  status: number;
  body: unknown;
  oidc?: { params?: Record<string, unknown> };
}

interface OidcProviderInstance {
  issuer: string;
  use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
  on(event: string, listener: (ctx: KoaContext, ...rest: unknown[]) => void): void;
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
}

const Provider = ProviderModule as new (
  issuer: string,
  configuration: Record<string, unknown>,
) => OidcProviderInstance;

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export const DEFAULT_TEST_USER: TestOidcUser = {
  sub: 'alice',
  name: 'Alice Example',
  email: 'alice@example.com',
  password: 'correct horse battery staple',
};

export async function startOidcProvider(
  options: TestOidcProviderOptions = {},
): Promise<TestOidcProvider> {
  const users = options.users ?? [DEFAULT_TEST_USER];
  const user = users[0] ?? DEFAULT_TEST_USER;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: 'test-1' };
  const clientId = 'workbench-native';
  const confidentialClient = {
    clientId: 'workbench-confidential',
    clientSecret: randomBytes(24).toString('base64url'),
  };
  const grantTypes = ['authorization_code', 'refresh_token', DEVICE_GRANT];

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/callback', 'http://localhost/callback'],
        grant_types: grantTypes,
        response_types: ['code'],
      },
      {
        client_id: confidentialClient.clientId,
        client_secret: confidentialClient.clientSecret,
        application_type: 'native',
        token_endpoint_auth_method: 'client_secret_basic',
        redirect_uris: ['http://127.0.0.1/callback', 'http://localhost/callback'],
        grant_types: grantTypes,
        response_types: ['code'],
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    scopes: ['openid', 'offline_access', 'profile', 'email'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    // The ID token carries the profile claims (AppSync sees them; the identity shows them).
    conformIdTokenClaims: false,
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      revocation: { enabled: true },
    },
    // A refresh token is issued whenever `offline_access` is granted; rotated on every use.
    issueRefreshToken: async (
      _ctx: unknown,
      client: { grantTypeAllowed(t: string): boolean },
      code: { scopes: Set<string> },
    ) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    rotateRefreshToken: () => true,
    ttl: {
      IdToken: options.idTokenTtl ?? 3600,
      AccessToken: options.accessTokenTtl ?? 3600,
      RefreshToken: options.refreshTokenTtl ?? 14 * 24 * 3600,
      DeviceCode: 600,
      Interaction: 3600,
      Session: 14 * 24 * 3600,
      Grant: 14 * 24 * 3600,
    },
    findAccount: (_ctx: unknown, sub: string) => {
      const found = users.find((candidate) => candidate.sub === sub);
      if (!found) return undefined;
      return {
        accountId: found.sub,
        claims: () => ({
          sub: found.sub,
          name: found.name,
          preferred_username: found.sub,
          email: found.email,
          email_verified: true,
        }),
      };
    },
  });

  const authorizationRequests: URLSearchParams[] = [];
  const grants: Record<string, number> = {};
  let slowDownLeft = options.slowDownPolls ?? 0;
  let devicePolls = 0;

  provider.use(async (ctx, next) => {
    if (ctx.method === 'GET' && ctx.path === '/auth') {
      const params = new URLSearchParams(ctx.querystring);
      options.rewriteAuthorizationParams?.(params);
      ctx.querystring = params.toString();
      authorizationRequests.push(params);
    }
    await next();
    if (
      ctx.method === 'POST' &&
      ctx.path === '/token' &&
      ctx.oidc?.params?.grant_type === DEVICE_GRANT
    ) {
      devicePolls += 1;
      const body = ctx.body as { error?: string } | undefined;
      if (body?.error === 'authorization_pending' && slowDownLeft > 0) {
        slowDownLeft -= 1;
        ctx.body = { error: 'slow_down', error_description: 'you are polling too quickly' };
      }
    }
  });
  provider.on('grant.success', (ctx) => {
    const type = String(ctx.oidc?.params?.grant_type ?? 'unknown');
    grants[type] = (grants[type] ?? 0) + 1;
  });
  server.on('request', provider.callback());

  const helper: TestOidcProvider = {
    issuer,
    clientId,
    confidentialClient,
    user,
    authorizationRequests,
    grants,
    get devicePolls() {
      return devicePolls;
    },
    async completeLogin(authorizationUrl, loginOptions = {}) {
      const browser = new FormBrowser(issuer);
      const login = loginOptions.login ?? user.sub;
      const callbackUrl = await browser.run(authorizationUrl, { login, password: user.password });
      if (!callbackUrl) throw new Error('The provider never redirected back to the client.');
      if (loginOptions.deliver === false) return { callbackUrl, status: null, page: null };
      const response = await fetch(callbackUrl, { redirect: 'manual' });
      return { callbackUrl, status: response.status, page: await response.text() };
    },
    async approveDevice(userCode, deviceOptions = {}) {
      const browser = new FormBrowser(issuer);
      const start = `${issuer}/device?user_code=${encodeURIComponent(userCode)}`;
      await browser.run(start, {
        login: deviceOptions.login ?? user.sub,
        password: user.password,
        user_code: userCode,
      });
      if (!browser.lastPage.includes('Sign-in Success')) {
        throw new Error(`Device approval did not succeed: ${browser.lastPage.slice(0, 300)}`);
      }
    },
    async revoke(token) {
      const response = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, client_id: clientId }),
      });
      if (!response.ok) throw new Error(`Revocation answered ${response.status}.`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return helper;
}

/**
 * Just enough of a browser for the provider's pages: follows redirects, keeps cookies, and
 * submits the first form on each page with its hidden fields plus the fields we fill in. It
 * stops at the first redirect that leaves the provider (the client's callback).
 */
class FormBrowser {
  readonly #origin: string;
  readonly #cookies = new Map<string, string>();
  lastPage = '';

  constructor(issuer: string) {
    this.#origin = new URL(issuer).origin;
  }

  async run(start: string, fill: Record<string, string>): Promise<URL | null> {
    let url = new URL(start);
    let body: URLSearchParams | null = null;
    for (let step = 0; step < 25; step += 1) {
      const response = await fetch(url, {
        method: body ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(body ? { body } : {}),
      });
      this.#keepCookies(response);
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        const next = new URL(location, url);
        if (next.origin !== this.#origin) return next;
        url = next;
        body = null;
        continue;
      }
      this.lastPage = await response.text();
      const form = firstForm(this.lastPage);
      if (!form) return null;
      for (const [name, value] of Object.entries(fill)) {
        if (form.fields.has(name) && !form.fields.get(name)) form.fields.set(name, value);
      }
      url = new URL(form.action, url);
      body = new URLSearchParams([...form.fields]);
    }
    throw new Error('Too many steps on the provider pages.');
  }

  #keepCookies(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }
}

function decodeHtml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match ? decodeHtml(match[1] ?? '') : null;
}

function firstForm(html: string): { action: string; fields: Map<string, string> } | null {
  const open = /<form\b[^>]*>/i.exec(html);
  if (!open) return null;
  const end = html.indexOf('</form>', open.index);
  const inner = html.slice(open.index, end === -1 ? undefined : end);
  const fields = new Map<string, string>();
  for (const input of inner.match(/<input\b[^>]*>/gi) ?? []) {
    const name = attribute(input, 'name');
    if (name) fields.set(name, attribute(input, 'value') ?? '');
  }
  return { action: attribute(open[0], 'action') ?? '', fields };
}
