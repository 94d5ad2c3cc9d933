/**
 * IAM Identity Center in the app: what `aws sso login` / `aws sso logout` do, the token cache
 * shared with the AWS CLI and SDKs, token refresh, and the accounts and roles a session reaches.
 * Tokens never leave this module's callers in main; the renderer sees `SsoSessionDTO` only.
 */
import { GetRoleCredentialsCommand, LogoutCommand } from '@aws-sdk/client-sso';
import { AppError } from '../../../shared/errors.ts';
import type { SsoAccountDTO, SsoLoginFlow, SsoSessionDTO, SsoTarget } from '../../../shared/sso.ts';
import type { AwsCredentials } from '../credentials/credential-source.ts';
import type { CoreEnvironment } from '../environment.ts';
import { systemClock, type Clock, type Opener, type Prompter } from '../ports.ts';
import { authorizationCodeLogin } from './authorization-code-flow.ts';
import { deviceAuthorization } from './device-authorization.ts';
import { clientRegistration } from './oidc-registration.ts';
import {
  listAccountsAndRoles,
  portalError,
  withBackoff,
  type ListAccountsOptions,
} from './sso-accounts.ts';
import {
  cancelled,
  createSsoClients,
  describeServiceError,
  destroyClients,
  isAbort,
  type SsoClients,
} from './sso-clients.ts';
import { realWait, type Wait } from '../auth/device-code-polling.ts';
import {
  configuredEndpoint,
  findSession,
  loadSsoConfig,
  type SsoConfig,
  type SsoSessionConfig,
} from './sso-config.ts';
import { parseCacheTime, SsoTokenCache, type SsoCachedRegistration } from './sso-token-cache.ts';
import { SsoTokenKeeper } from './sso-token-keeper.ts';
import { virtualProfileName } from '../profiles/virtual-profile.ts';

export interface SsoServiceDeps {
  environment: CoreEnvironment;
  opener: Opener;
  prompter: Prompter;
  clock?: Clock;
  /** How the service waits between device polls and 429 retries (tests advance a fake clock). */
  wait?: Wait;
  /** Role lookups in flight at once while listing accounts. */
  portalConcurrency?: number;
}

export interface SsoLoginOptions {
  flow: SsoLoginFlow;
  signal?: AbortSignal;
}

export interface SsoRoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** An account and role reached through a session, usable like a profile without config edits. */
export interface VirtualSsoProfile {
  /** `sso:<session>/<accountId>/<roleName>`, the name the UI and the credentials engine use. */
  name: string;
  session: string;
  accountId: string;
  roleName: string;
  credentials(options?: { signal?: AbortSignal }): Promise<AwsCredentials>;
}

export { parseVirtualProfileName, virtualProfileName } from '../profiles/virtual-profile.ts';

export class SsoService {
  readonly #environment: CoreEnvironment;
  readonly #opener: Opener;
  readonly #prompter: Prompter;
  readonly #clock: Clock;
  readonly #wait: Wait;
  readonly #concurrency: number;
  readonly #cache: SsoTokenCache;
  readonly #keeper: SsoTokenKeeper;

  constructor(deps: SsoServiceDeps) {
    this.#environment = deps.environment;
    this.#opener = deps.opener;
    this.#prompter = deps.prompter;
    this.#clock = deps.clock ?? systemClock;
    this.#wait = deps.wait ?? realWait;
    this.#concurrency = deps.portalConcurrency ?? 4;
    this.#cache = new SsoTokenCache(deps.environment.homeDir);
    this.#keeper = new SsoTokenKeeper(this.#cache, this.#clock);
  }

  /** Every sso-session and legacy SSO start URL, with the state of its cached token. */
  async sessions(): Promise<SsoSessionDTO[]> {
    const config = await loadSsoConfig(this.#environment);
    return Promise.all(config.sessions.map((session) => this.#describe(session)));
  }

  async login(target: SsoTarget, options: SsoLoginOptions): Promise<SsoSessionDTO> {
    const { config, session } = await this.#session(target);
    // Like the CLI, the authorization-code flow needs an sso-session (its issuer and registration).
    const flow: SsoLoginFlow = session.sessionName === null ? 'device' : options.flow;
    const clients = this.#clients(config, session);
    const purpose =
      session.kind === 'sso-session'
        ? `IAM Identity Center session "${session.name}"`
        : `IAM Identity Center for profile "${session.name}"`;
    try {
      let registration: SsoCachedRegistration;
      try {
        registration = await clientRegistration({
          oidc: clients.oidc,
          cache: this.#cache,
          session,
          flow,
          clock: this.#clock,
          signal: options.signal,
        });
      } catch (error) {
        if (isAbort(error, options.signal)) throw cancelled();
        throw new AppError(
          'SSO_LOGIN_FAILED',
          `Could not register this app with IAM Identity Center in ${session.region} (${describeServiceError(error)}). Check sso_region and the network.`,
        );
      }
      const common = {
        oidc: clients.oidc,
        registration,
        purpose,
        prompter: this.#prompter,
        opener: this.#opener,
        signal: options.signal,
      };
      const token =
        flow === 'pkce'
          ? await authorizationCodeLogin({
              ...common,
              oidcBase: clients.oidcBase,
              scopes: session.scopes,
              now: () => this.#clock.now(),
            })
          : await deviceAuthorization({
              ...common,
              startUrl: session.startUrl,
              clock: this.#clock,
              wait: this.#wait,
            });
      await this.#cache.writeToken(session.startUrl, session.sessionName, {
        ...this.#keeper.tokenFields(session, token),
        clientId: registration.clientId,
        clientSecret: registration.clientSecret,
        registrationExpiresAt: registration.expiresAt,
        ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
      });
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (isAbort(error, options.signal)) throw cancelled();
      throw new AppError(
        'SSO_LOGIN_FAILED',
        `Signing in to IAM Identity Center failed (${describeServiceError(error)}).`,
      );
    } finally {
      destroyClients(clients);
    }
    return this.#describe(session);
  }

  /** Signs the session out at IAM Identity Center (best effort) and deletes its cached token. */
  async logout(target: SsoTarget): Promise<void> {
    const { config, session } = await this.#session(target);
    const token = await this.#cache.readToken(session.startUrl, session.sessionName);
    if (token) {
      const clients = this.#clients(config, session);
      try {
        await clients.portal.send(new LogoutCommand({ accessToken: token.accessToken }));
      } catch {
        // An expired or already revoked token cannot be revoked again; the file goes anyway.
      } finally {
        destroyClients(clients);
      }
    }
    await this.#cache.deleteToken(session.startUrl, session.sessionName);
  }

  /** A valid access token, refreshed (and written back) when it is about to expire. Core only. */
  async accessToken(target: SsoTarget, options: { signal?: AbortSignal } = {}): Promise<string> {
    const { config, session } = await this.#session(target);
    return (await this.#validToken(config, session, options.signal)).accessToken;
  }

  async listAccounts(
    target: SsoTarget,
    options: ListAccountsOptions = {},
  ): Promise<SsoAccountDTO[]> {
    const { config, session } = await this.#session(target);
    const token = await this.#validToken(config, session, options.signal);
    const clients = this.#clients(config, session);
    try {
      return await listAccountsAndRoles(
        clients.portal,
        token.accessToken,
        { wait: this.#wait, concurrency: this.#concurrency },
        options,
      );
    } finally {
      destroyClients(clients);
    }
  }

  /** Short-term credentials for one account and role (SSO GetRoleCredentials). Core only. */
  async roleCredentials(
    target: SsoTarget,
    accountId: string,
    roleName: string,
    options: { signal?: AbortSignal } = {},
  ): Promise<SsoRoleCredentials> {
    const { config, session } = await this.#session(target);
    const token = await this.#validToken(config, session, options.signal);
    const clients = this.#clients(config, session);
    try {
      const answer = await withBackoff(
        () =>
          clients.portal.send(
            new GetRoleCredentialsCommand({ accessToken: token.accessToken, accountId, roleName }),
            { abortSignal: options.signal },
          ),
        { wait: this.#wait },
        options.signal,
      ).catch((error: unknown) => {
        const name = (error as { name?: string }).name;
        if (name === 'ResourceNotFoundException' || name === 'ForbiddenException') {
          throw new AppError(
            'CREDENTIALS_UNRESOLVED',
            `Session "${session.name}" has no role "${roleName}" in account ${accountId}. Pick one from the account list.`,
          );
        }
        throw portalError(error);
      });
      const c = answer.roleCredentials;
      if (!c?.accessKeyId || !c.secretAccessKey || !c.sessionToken || !c.expiration) {
        throw new AppError(
          'CREDENTIALS_UNRESOLVED',
          'IAM Identity Center returned incomplete role credentials.',
        );
      }
      return {
        accessKeyId: c.accessKeyId,
        secretAccessKey: c.secretAccessKey,
        sessionToken: c.sessionToken,
        expiration: new Date(c.expiration),
      };
    } finally {
      destroyClients(clients);
    }
  }

  virtualProfile(session: string, accountId: string, roleName: string): VirtualSsoProfile {
    return {
      name: virtualProfileName(session, accountId, roleName),
      session,
      accountId,
      roleName,
      credentials: (options) => this.roleCredentials({ session }, accountId, roleName, options),
    };
  }

  async #session(target: SsoTarget): Promise<{ config: SsoConfig; session: SsoSessionConfig }> {
    const config = await loadSsoConfig(this.#environment);
    return { config, session: findSession(config, target) };
  }

  #clients(config: SsoConfig, session: SsoSessionConfig): SsoClients {
    const env = this.#environment.env;
    return createSsoClients({
      region: session.region,
      oidcEndpoint: configuredEndpoint('sso_oidc', env, config, session.endpointProfile),
      portalEndpoint: configuredEndpoint('sso', env, config, session.endpointProfile),
    });
  }

  async #describe(session: SsoSessionConfig): Promise<SsoSessionDTO> {
    const token =
      session.problem === null
        ? await this.#cache.readToken(session.startUrl, session.sessionName)
        : null;
    const expires = token ? parseCacheTime(token.expiresAt) : Number.NaN;
    return {
      name: session.name,
      kind: session.kind,
      startUrl: session.startUrl,
      region: session.region,
      profiles: session.profiles,
      status: this.#keeper.status(token),
      expiresAt: Number.isNaN(expires) ? null : new Date(expires).toISOString(),
      problem: session.problem,
    };
  }

  #validToken(config: SsoConfig, session: SsoSessionConfig, signal?: AbortSignal) {
    return this.#keeper.validToken(session, () => this.#clients(config, session), signal);
  }
}
