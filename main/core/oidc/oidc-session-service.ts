/**
 * Signed-in OIDC sessions: sign in (browser or device code), hand out a live JWT for the
 * Authorization header, renew it before it expires, sign out. Tokens live in the SecretVault
 * (the source of truth, shared with the CLI or the desktop app) and in memory; only the
 * identity (claims a person recognises) ever leaves this service.
 *
 * Renewal: one refresh at a time per provider, shared by every caller; the rotated refresh
 * token is written to the vault before the new tokens are used, and the old one is never sent
 * again. A refused refresh forgets the tokens and asks the user to sign in again.
 */
import * as client from 'openid-client';
import { AppError } from '../../../shared/errors.ts';
import type { OidcIdentityDTO, OidcLoginFlow } from '../../../shared/oidc.ts';
import { systemClock, type Clock, type Opener, type Prompter, type SecretVault } from '../ports.ts';
import { browserLogin, type OidcTokenResponse } from './browser-login.ts';
import { realWait, type Wait } from '../auth/device-code-polling.ts';
import { deviceLogin } from './device-login.ts';
import { OidcClients, describeOidcError, untilAborted } from './oidc-client.ts';
import {
  expiryOf,
  identityOf,
  parseTokens,
  serialiseTokens,
  tokenToSend,
  tokensFromResponse,
  tokensKey,
  type OidcTokenSet,
} from './oidc-tokens.ts';
import type { OidcProviderStore, StoredOidcProvider } from './provider-store.ts';

/** Renew this long before the token expires (at most half its lifetime). */
export const DEFAULT_REFRESH_MARGIN_MS = 60_000;

export interface OidcSessionServiceOptions {
  providers: OidcProviderStore;
  vault: SecretVault;
  opener: Opener;
  prompter: Prompter;
  clock?: Clock;
  refreshMarginMs?: number;
  /** The pause between device-code polls; tests shorten it. */
  wait?: Wait;
  /** How long a browser sign-in waits for the browser to come back. */
  callbackTimeoutMs?: number;
}

export interface OidcLoginOptions {
  flow?: OidcLoginFlow;
  signal?: AbortSignal;
  /** Device flow: also open the verification page in this machine's browser. */
  openBrowser?: boolean;
}

export interface OidcTokenOptions {
  signal?: AbortSignal;
  /** Renew even if the current token looks valid (e.g. after an API answered 401). */
  forceRefresh?: boolean;
}

export class OidcSessionService {
  readonly #providers: OidcProviderStore;
  readonly #vault: SecretVault;
  readonly #opener: Opener;
  readonly #prompter: Prompter;
  readonly #clock: Clock;
  readonly #margin: number;
  readonly #wait: Wait;
  readonly #callbackTimeoutMs: number | undefined;
  readonly #clients = new OidcClients();
  readonly #memory = new Map<string, OidcTokenSet>();
  readonly #refreshing = new Map<string, Promise<OidcTokenSet>>();

  constructor(options: OidcSessionServiceOptions) {
    this.#providers = options.providers;
    this.#vault = options.vault;
    this.#opener = options.opener;
    this.#prompter = options.prompter;
    this.#clock = options.clock ?? systemClock;
    this.#margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
    this.#wait = options.wait ?? realWait;
    this.#callbackTimeoutMs = options.callbackTimeoutMs;
  }

  /** Signs in with the provider and keeps the tokens; returns who signed in. */
  async login(name: string, options: OidcLoginOptions = {}): Promise<OidcIdentityDTO> {
    const provider = await this.#providers.get(name);
    const config = await this.#config(provider, options.signal);
    const common = { config, provider, opener: this.#opener, signal: options.signal };
    const response: OidcTokenResponse =
      options.flow === 'device'
        ? await deviceLogin({
            ...common,
            prompter: this.#prompter,
            clock: this.#clock,
            wait: this.#wait,
            openBrowser: options.openBrowser ?? false,
          })
        : await browserLogin({ ...common, callbackTimeoutMs: this.#callbackTimeoutMs });
    const tokens = this.#fromResponse(provider, response);
    await this.#keep(name, tokens);
    return identityOf(name, tokens, provider.tokenUse);
  }

  /**
   * The JWT to send in the Authorization header (ID or access token per the provider), renewed
   * first when it expires within the refresh margin. Core-only: never hand this to the renderer.
   */
  async tokenFor(name: string, options: OidcTokenOptions = {}): Promise<string> {
    const provider = await this.#providers.get(name);
    let tokens = await this.#current(name, provider);
    if (!tokens) throw notSignedIn(provider);
    if (options.forceRefresh || this.#needsRenewal(tokens, provider)) {
      tokens = await untilAborted(this.#renew(name, provider, tokens), options.signal);
    }
    const token = tokenToSend(tokens, provider.tokenUse);
    if (!token) throw loginRequired(provider, 'the provider returned no ID token');
    return token;
  }

  /** Who is signed in with the provider, or null. Never a token. */
  async identity(name: string): Promise<OidcIdentityDTO | null> {
    const provider = await this.#providers.get(name);
    const tokens = await this.#current(name, provider);
    return tokens ? identityOf(name, tokens, provider.tokenUse) : null;
  }

  /**
   * Revokes the tokens where the provider supports revocation (RFC 7009) and forgets them.
   * `revoked` says whether the provider confirmed; the tokens are forgotten either way.
   */
  async signOut(name: string): Promise<{ wasSignedIn: boolean; revoked: boolean }> {
    const provider = await this.#providers.get(name).catch(() => null);
    const tokens = provider ? await this.#current(name, provider) : null;
    await this.#forget(name);
    if (!provider || !tokens) return { wasSignedIn: tokens !== null, revoked: false };
    let revoked = false;
    try {
      const config = await this.#config(provider);
      if (config.serverMetadata().revocation_endpoint) {
        // The refresh token first: revoking it ends the grant at most providers.
        if (tokens.refreshToken) {
          await client.tokenRevocation(config, tokens.refreshToken, {
            token_type_hint: 'refresh_token',
          });
        }
        await client.tokenRevocation(config, tokens.accessToken, {
          token_type_hint: 'access_token',
        });
        revoked = true;
      }
    } catch {
      // Forgotten locally is what the user asked for; an unreachable provider cannot stop it.
    }
    return { wasSignedIn: true, revoked };
  }

  /** Signs out of a provider and removes it with its client secret. */
  async removeProvider(name: string): Promise<void> {
    await this.signOut(name);
    await this.#providers.remove(name);
    this.#clients.forget(name);
  }

  #needsRenewal(tokens: OidcTokenSet, provider: StoredOidcProvider): boolean {
    const expiresAt = expiryOf(tokens, provider.tokenUse);
    if (expiresAt === null) return false;
    // Short-lived tokens are renewed half-way, not on every call.
    const margin = Math.min(this.#margin, (expiresAt - tokens.obtainedAt) / 2);
    return expiresAt - this.#clock.now() <= margin;
  }

  #renew(name: string, provider: StoredOidcProvider, seen: OidcTokenSet): Promise<OidcTokenSet> {
    let flight = this.#refreshing.get(name);
    if (!flight) {
      // Not cancellable on purpose: a rotation cut short would lose the new refresh token.
      flight = this.#refresh(name, provider, seen).finally(() => this.#refreshing.delete(name));
      this.#refreshing.set(name, flight);
    }
    return flight;
  }

  async #refresh(
    name: string,
    provider: StoredOidcProvider,
    seen: OidcTokenSet,
  ): Promise<OidcTokenSet> {
    // The CLI or the desktop app may have renewed already: the vault holds the latest tokens,
    // and a rotated-away refresh token must not be sent again.
    const latest = (await this.#fromVault(name, provider)) ?? seen;
    if (latest.refreshToken !== seen.refreshToken && !this.#needsRenewal(latest, provider)) {
      this.#memory.set(name, latest);
      return latest;
    }
    if (!latest.refreshToken) {
      throw loginRequired(
        provider,
        `it expired and no refresh token is held${provider.scopes.includes('offline_access') ? '' : ' (add the offline_access scope to renew it automatically)'}`,
      );
    }
    const config = await this.#config(provider);
    let response: OidcTokenResponse;
    try {
      response = await client.refreshTokenGrant(config, latest.refreshToken);
    } catch (error) {
      if (error instanceof client.ResponseBodyError && error.error === 'invalid_grant') {
        await this.#forget(name);
        throw loginRequired(provider, 'the provider no longer accepts it (revoked or expired)');
      }
      throw describeOidcError(error, provider, 'refresh');
    }
    const next = this.#fromResponse(provider, response, latest);
    await this.#keep(name, next);
    if (this.#needsRenewal(next, provider) && provider.tokenUse === 'id' && !response.id_token) {
      throw loginRequired(provider, 'the provider renews the access token but not the ID token');
    }
    return next;
  }

  #fromResponse(
    provider: StoredOidcProvider,
    response: OidcTokenResponse,
    previous?: OidcTokenSet,
  ): OidcTokenSet {
    return tokensFromResponse(response, {
      issuer: provider.issuer,
      clientId: provider.clientId,
      now: this.#clock.now(),
      ...(previous ? { previous } : {}),
    });
  }

  async #config(provider: StoredOidcProvider, signal?: AbortSignal): Promise<client.Configuration> {
    const secret = await this.#providers.clientSecret(provider);
    return this.#clients.configuration(provider, secret, signal);
  }

  async #keep(name: string, tokens: OidcTokenSet): Promise<void> {
    await this.#vault.put(tokensKey(name), serialiseTokens(tokens));
    this.#memory.set(name, tokens);
  }

  async #forget(name: string): Promise<void> {
    this.#memory.delete(name);
    await this.#vault.delete(tokensKey(name));
  }

  async #current(name: string, provider: StoredOidcProvider): Promise<OidcTokenSet | null> {
    const held = this.#memory.get(name) ?? (await this.#fromVault(name, provider));
    if (!held) return null;
    // Tokens of a provider that was since redefined (other issuer or client) are not its tokens.
    if (held.issuer !== provider.issuer || held.clientId !== provider.clientId) {
      await this.#forget(name);
      return null;
    }
    this.#memory.set(name, held);
    return held;
  }

  async #fromVault(name: string, provider: StoredOidcProvider): Promise<OidcTokenSet | null> {
    const text = await this.#vault.get(tokensKey(name));
    if (text === null) return null;
    const tokens = parseTokens(text);
    if (!tokens || tokens.issuer !== provider.issuer || tokens.clientId !== provider.clientId) {
      return null;
    }
    return tokens;
  }
}

function notSignedIn(provider: StoredOidcProvider): AppError {
  return new AppError(
    'UNAUTHORIZED',
    `You are not signed in to OIDC provider "${provider.name}". Sign in first (appsync-workbench login ${provider.name}).`,
    { provider: provider.name, loginRequired: true },
  );
}

function loginRequired(provider: StoredOidcProvider, why: string): AppError {
  return new AppError(
    'UNAUTHORIZED',
    `Your sign-in to OIDC provider "${provider.name}" has ended: ${why}. Sign in again (appsync-workbench login ${provider.name}).`,
    { provider: provider.name, loginRequired: true },
  );
}
