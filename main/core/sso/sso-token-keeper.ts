/**
 * Keeps an SSO session's cached access token usable: says whether it is valid, refreshable or
 * gone, and refreshes it with the refresh token (one refresh at a time per cache file, the
 * rotated refresh token written back atomically) as the AWS SDKs and botocore do.
 */
import { CreateTokenCommand, type CreateTokenCommandOutput } from '@aws-sdk/client-sso-oidc';
import { AppError } from '../../../shared/errors.ts';
import type { SsoTokenStatus } from '../../../shared/sso.ts';
import { signInAgain } from '../credentials/sso-credentials.ts';
import type { Clock } from '../ports.ts';
import {
  cancelled,
  describeServiceError,
  destroyClients,
  isAbort,
  isClientFault,
  type SsoClients,
} from './sso-clients.ts';
import type { SsoSessionConfig } from './sso-config.ts';
import {
  formatCacheTime,
  parseCacheTime,
  type SsoCachedToken,
  type SsoTokenCache,
} from './sso-token-cache.ts';

/** Refresh this long before expiry, as the AWS SDK for JavaScript does. */
export const TOKEN_REFRESH_WINDOW_MS = 5 * 60 * 1000;

export class SsoTokenKeeper {
  readonly #cache: SsoTokenCache;
  readonly #clock: Clock;
  /** One refresh at a time per cache file: a rotated refresh token is used exactly once. */
  readonly #refreshing = new Map<string, Promise<SsoCachedToken>>();

  constructor(cache: SsoTokenCache, clock: Clock) {
    this.#cache = cache;
    this.#clock = clock;
  }

  /** The cache fields of a token the service just issued. */
  tokenFields(session: SsoSessionConfig, answer: CreateTokenCommandOutput) {
    if (!answer.accessToken || !answer.expiresIn) {
      throw new AppError('SSO_LOGIN_FAILED', 'IAM Identity Center returned no access token.');
    }
    return {
      startUrl: session.startUrl,
      region: session.region,
      accessToken: answer.accessToken,
      expiresAt: formatCacheTime(this.#clock.now() + answer.expiresIn * 1000),
    };
  }

  status(token: SsoCachedToken | null): SsoTokenStatus {
    if (!token) return 'none';
    if (parseCacheTime(token.expiresAt) > this.#clock.now()) return 'valid';
    return this.refreshable(token) ? 'refreshable' : 'expired';
  }

  /** botocore refreshes only with all four fields and a registration that has not expired. */
  refreshable(token: SsoCachedToken): boolean {
    return (
      typeof token.refreshToken === 'string' &&
      typeof token.clientId === 'string' &&
      typeof token.clientSecret === 'string' &&
      parseCacheTime(token.registrationExpiresAt) > this.#clock.now()
    );
  }

  /** A usable token, refreshed when it is within the refresh window; SSO_LOGIN_REQUIRED if none. */
  async validToken(
    session: SsoSessionConfig,
    clientsFor: () => SsoClients,
    signal?: AbortSignal,
  ): Promise<SsoCachedToken> {
    const token = await this.#cache.readToken(session.startUrl, session.sessionName);
    const loginAgain = (why: string) =>
      signInAgain(
        session.kind === 'sso-session'
          ? { session: session.name, startUrl: session.startUrl }
          : { session: null, startUrl: session.startUrl, profile: session.name },
        why,
      );
    if (!token) throw loginAgain('There is no cached sign-in for this session.');
    const expiresAt = parseCacheTime(token.expiresAt);
    if (expiresAt - this.#clock.now() > TOKEN_REFRESH_WINDOW_MS) return token;
    if (!this.refreshable(token)) {
      if (expiresAt > this.#clock.now()) return token;
      throw loginAgain('The sign-in has expired and cannot be refreshed.');
    }
    const path = this.#cache.tokenPath(session.startUrl, session.sessionName);
    let refresh = this.#refreshing.get(path);
    if (!refresh) {
      refresh = this.#refresh(session, token, clientsFor(), signal).finally(() =>
        this.#refreshing.delete(path),
      );
      this.#refreshing.set(path, refresh);
    }
    try {
      return await refresh;
    } catch (error) {
      // Still valid for a few minutes: use it, and try refreshing again next time.
      if (expiresAt > this.#clock.now()) return token;
      if (error instanceof AppError) throw error;
      if (isClientFault(error)) {
        throw loginAgain(
          `IAM Identity Center refused to refresh the sign-in (${describeServiceError(error)}).`,
        );
      }
      throw new AppError(
        'NETWORK',
        `Could not refresh the IAM Identity Center sign-in for "${session.name}" (${describeServiceError(error)}). Check the network and try again.`,
      );
    }
  }

  async #refresh(
    session: SsoSessionConfig,
    token: SsoCachedToken,
    clients: SsoClients,
    signal?: AbortSignal,
  ): Promise<SsoCachedToken> {
    try {
      const answer = await clients.oidc
        .send(
          new CreateTokenCommand({
            grantType: 'refresh_token',
            clientId: token.clientId,
            clientSecret: token.clientSecret,
            refreshToken: token.refreshToken,
          }),
          { abortSignal: signal },
        )
        .catch((error: unknown) => {
          throw isAbort(error, signal) ? cancelled() : error;
        });
      const refreshed: SsoCachedToken = {
        ...token,
        ...this.tokenFields(session, answer),
        // RFC 6749 §6: a new refresh token replaces the old; without one, the old stays valid.
        refreshToken: answer.refreshToken ?? token.refreshToken,
      };
      await this.#cache.writeToken(session.startUrl, session.sessionName, refreshed);
      return refreshed;
    } finally {
      destroyClients(clients);
    }
  }
}
