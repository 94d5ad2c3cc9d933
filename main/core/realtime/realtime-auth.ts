/**
 * The auth header object of each real-time step, per mode, built at the moment it is sent:
 *   API key        → { host, x-api-key }
 *   OIDC / Cognito / Lambda → { host, Authorization }   (the raw token, no `Bearer `)
 *   IAM            → SigV4 headers for `POST <graphql url>/connect` over `{}` (the connect step),
 *                    and for `POST <graphql url>` over the exact `payload.data` (every start):
 *                    accept, content-encoding, content-type, host, x-amz-date,
 *                    X-Amz-Security-Token (temporary credentials), Authorization.
 * `host` is always the GraphQL endpoint's, never the real-time host. Signing reuses the requests
 * engine's signer (@smithy/signature-v4) and its mode/secret/profile rules.
 */
import { checkAuthMode } from '../../../shared/auth-mode-check.ts';
import type { AuthMode, AuthModeInput, AuthModeType } from '../../../shared/endpoints.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AwsCredentials, CredentialSource } from '../credentials/credential-source.ts';
import type { EnvVars } from '../environment.ts';
import type { Clock, Prompter, SecretVault } from '../ports.ts';
import {
  describeSecret,
  iamProfile,
  iamTarget,
  readSecret,
  resolveCredentials,
  type IamTarget,
  type OidcTokenSource,
} from '../requests/request-auth.ts';
import { KnownSecrets } from '../redaction/known-secrets.ts';
import { connectUrl } from '../requests/connect-to.ts';
import { RunConsent } from '../requests/run-consent.ts';
import { SigningHostGuard, type SigningSettings } from '../requests/signing-host-guard.ts';
import { signRequest } from '../requests/sigv4-signer.ts';
import { connectSigningUrl } from './realtime-url.ts';

/** What AppSync's real-time clients sign with (amplify-js AWS_APPSYNC_REALTIME_HEADERS). */
const IAM_BASE_HEADERS = {
  accept: 'application/json, text/javascript',
  'content-encoding': 'amz-1.0',
  'content-type': 'application/json; charset=UTF-8',
};

/** AppSync's documented spelling of the two capitalised names in the header object. */
const WIRE_NAMES: Record<string, string> = {
  authorization: 'Authorization',
  'x-amz-security-token': 'X-Amz-Security-Token',
};

export interface RealtimeAuthDeps {
  credentials: CredentialSource;
  vault: SecretVault;
  env: EnvVars;
  /** See RequestServiceDeps.envPrefix. */
  envPrefix?: string | undefined;
  clock: Clock;
  activeProfile: () => Promise<string | null>;
  oidcTokens?: OidcTokenSource | undefined;
}

/** What a stream's auth needs beyond the mode: where secrets come from, who is asked. */
export type StreamAuthDeps = RealtimeAuthDeps & { signingHosts: SigningHostGuard };

/** A service's deps as a stream's auth needs them (a service builds this once). */
export function streamAuthDeps(
  deps: Omit<RealtimeAuthDeps, 'clock' | 'activeProfile'> & {
    activeProfile?: (() => Promise<string | null>) | undefined;
    prompter?: Prompter | undefined;
    settings?: SigningSettings | undefined;
  },
  clock: Clock,
): StreamAuthDeps {
  return {
    credentials: deps.credentials,
    vault: deps.vault,
    env: deps.env,
    envPrefix: deps.envPrefix,
    clock,
    activeProfile: deps.activeProfile ?? (async () => null),
    oidcTokens: deps.oidcTokens,
    signingHosts: new SigningHostGuard(deps.settings, deps.prompter),
  };
}

/** The mode as given, checked: a bad one is refused before anything else is looked at. */
export function checkedMode(input: AuthModeInput): AuthMode {
  const parsed = checkAuthMode(input);
  if (!parsed.ok) {
    throw new AppError('INVALID_INPUT', `The auth mode is not valid: ${parsed.problem}.`);
  }
  return parsed.mode;
}

export class RealtimeAuth {
  readonly mode: AuthModeType;
  readonly profile: string | null;
  readonly #authMode: AuthMode;
  readonly #graphqlUrl: URL;
  readonly #deps: RealtimeAuthDeps;
  readonly #iam: IamTarget | null;
  #credentials: AwsCredentials | null = null;
  readonly #secrets = new Set<string>();
  #known: KnownSecrets | null = null;
  #knownOf = 0;
  #renewToken = false;

  private constructor(
    mode: AuthMode,
    graphqlUrl: URL,
    deps: RealtimeAuthDeps,
    iam: IamTarget | null,
  ) {
    this.mode = mode.type;
    this.profile = iam?.profile ?? null;
    this.#authMode = mode;
    this.#graphqlUrl = graphqlUrl;
    this.#deps = deps;
    this.#iam = iam;
  }

  /**
   * A stream's auth (a subscription, a channel, a publish), checked before anything is sent: for
   * IAM the person is asked first when the session token would go to a host that is not AWS's,
   * a private API's address being where it goes.
   */
  static async forStream(
    mode: AuthMode,
    url: URL,
    deps: StreamAuthDeps,
    target: {
      profile?: string | undefined;
      connectTo: string | null;
      signal?: AbortSignal | undefined;
      consent?: RunConsent | undefined;
    },
  ): Promise<RealtimeAuth> {
    const { profile, signal } = target;
    if (mode.type === 'AWS_IAM') {
      const iam = await iamProfile(mode, profile, deps.activeProfile);
      await deps.signingHosts.check(
        {
          url: target.connectTo ? connectUrl(url, target.connectTo) : url,
          endpoint: null,
          profile: iam,
        },
        target.consent ?? new RunConsent(),
        signal,
      );
    }
    return RealtimeAuth.create(mode, url, deps, {
      ...(profile ? { profile } : {}),
      ...(signal ? { signal } : {}),
    });
  }

  /** Checks up front what can fail before any socket opens: the profile, the region, the secret. */
  static async create(
    mode: AuthMode,
    graphqlUrl: URL,
    deps: RealtimeAuthDeps,
    options: { profile?: string; signal?: AbortSignal } = {},
  ): Promise<RealtimeAuth> {
    if (mode.type !== 'AWS_IAM') {
      const auth = new RealtimeAuth(mode, graphqlUrl, deps, null);
      await auth.#secret();
      return auth;
    }
    const profile = await iamProfile(mode, options.profile, deps.activeProfile);
    const auth = new RealtimeAuth(
      mode,
      graphqlUrl,
      deps,
      await iamTarget(mode, graphqlUrl, profile, deps.credentials),
    );
    await auth.#resolve({
      forceRefresh: false,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return auth;
  }

  /** The connect step's header object. */
  connectHeaders(): Promise<Record<string, string>> {
    return this.#headers(connectSigningUrl(this.#graphqlUrl), '{}');
  }

  /**
   * A start's header object, signed (for IAM) over exactly `data` as a `POST` to the endpoint's
   * URL with `base` among the signed headers (AppSync Events' HTTP publish signs its own).
   */
  startHeaders(
    data: string,
    base: Record<string, string> = IAM_BASE_HEADERS,
  ): Promise<Record<string, string>> {
    return this.#headers(this.#graphqlUrl, data, base);
  }

  /**
   * After AppSync said the credentials or the token expired: resolve the profile again,
   * skipping the cache; an OIDC sign-in's token is renewed at its next read.
   */
  async refresh(): Promise<void> {
    if (this.#iam) await this.#resolve({ forceRefresh: true });
    else this.#renewToken = true;
  }

  /** Values to scrub from anything the server says before it reaches a person. */
  secrets(): string[] {
    return [...this.#secrets];
  }

  /** The secrets as one matcher, rebuilt only when a new one (a renewed token) was used. */
  known(): KnownSecrets {
    if (!this.#known || this.#knownOf !== this.#secrets.size) {
      this.#known = new KnownSecrets(this.#secrets);
      this.#knownOf = this.#secrets.size;
    }
    return this.#known;
  }

  async #headers(
    url: URL,
    body: string,
    base: Record<string, string> = IAM_BASE_HEADERS,
  ): Promise<Record<string, string>> {
    const host = this.#graphqlUrl.host;
    if (this.#authMode.type === 'API_KEY') return { host, 'x-api-key': await this.#secret() };
    if (!this.#iam) return { host, Authorization: await this.#secret() };
    // The credential source caches until shortly before expiry, so asking on every signature
    // is what re-resolves expired credentials after a long-lived subscription reconnects.
    const credentials = await this.#resolve({ forceRefresh: false });
    const signed = await signRequest(
      { method: 'POST', url, headers: { ...base, host }, body: Buffer.from(body) },
      { ...this.#iam, credentials, signingDate: new Date(this.#deps.clock.now()) },
    );
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(signed)) out[WIRE_NAMES[name] ?? name] = value;
    return out;
  }

  async #resolve(options: {
    forceRefresh: boolean;
    signal?: AbortSignal;
  }): Promise<AwsCredentials> {
    const iam = this.#iam as IamTarget;
    const credentials = await resolveCredentials(this.#deps.credentials, iam.profile, options);
    if (credentials !== this.#credentials) {
      this.#credentials = credentials;
      this.#secrets.add(credentials.secretAccessKey);
      if (credentials.sessionToken) this.#secrets.add(credentials.sessionToken);
    }
    return credentials;
  }

  async #secret(): Promise<string> {
    const mode = this.#authMode;
    if (mode.type === 'AWS_IAM') throw new Error('IAM has no secret value');
    // Read at each use: a refreshed token or a rotated key in the vault applies on reconnect.
    const forceRefresh = this.#renewToken;
    this.#renewToken = false;
    const value = await readSecret(
      mode.source,
      describeSecret(mode),
      {
        vault: this.#deps.vault,
        env: this.#deps.env,
        envPrefix: this.#deps.envPrefix,
        oidcTokens: this.#deps.oidcTokens,
      },
      { forceRefresh },
    );
    this.#secrets.add(value);
    return value;
  }
}
