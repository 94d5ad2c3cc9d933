/**
 * The credentials use case: turn a profile into live credentials, keep them in memory until
 * 5 minutes before they expire, share one resolution among concurrent callers, say who they
 * are (STS GetCallerIdentity), and forget them on request or when ~/.aws changes.
 */
import type { CallerIdentityDTO, CredentialChainDTO } from '../../../shared/credentials.ts';
import type { CoreEnvironment } from '../environment.ts';
import { systemClock, type Clock, type Prompter } from '../ports.ts';
import { awsFilePaths } from '../profiles/aws-files.ts';
import type { AwsFilesWatcher } from '../profiles/aws-files-watcher.ts';
import { parseVirtualProfileName } from '../profiles/virtual-profile.ts';
import { resolveChain, type ChainResolution } from './chain-resolver.ts';
import {
  buildChain,
  chainToDTO,
  loadProfileData,
  type AwsProfileData,
  type CredentialChain,
} from './credential-chain.ts';
import { chainProblem, diagnose } from './credential-diagnosis.ts';
import type { AwsCredentials, CredentialSource, ResolveOptions } from './credential-source.ts';
import { isFresh, RoleSessions } from './role-sessions.ts';
import { serviceEndpoint, stsRegion } from './service-endpoint.ts';
import { SharedFlights } from './shared-flight.ts';
import { cachedSsoTokens, type SsoTokenSource } from './sso-credentials.ts';
import { getCallerIdentity, type StsTarget } from './sts-calls.ts';
import { exportText, type ExportFormat } from './terminal-export.ts';

/** The pseudo-profile for credentials given in AWS_ACCESS_KEY_ID & co. (as the AWS CLI uses them). */
export const ENVIRONMENT_PROFILE = '(environment)';

export interface CredentialsServiceDeps {
  environment: CoreEnvironment;
  prompter: Prompter;
  clock?: Clock;
  /** Where SSO sign-in tokens come from; defaults to the AWS CLI v2 token cache. */
  ssoTokens?: SsoTokenSource;
}

interface Resolved {
  credentials: AwsCredentials;
  sts: StsTarget;
  identity?: CallerIdentityDTO;
}

interface Plan {
  chain: CredentialChain;
  data: AwsProfileData;
}

const NO_DATA: AwsProfileData = { profiles: {}, ssoSessions: {}, services: {} };

/**
 * An account/role picked from an IAM Identity Center session (`sso:<session>/<account>/<role>`)
 * is resolved as if the user had written that profile: an SSO hop over the session's token.
 */
export function withVirtualProfile(data: AwsProfileData, profile: string): AwsProfileData {
  const virtual = parseVirtualProfileName(profile);
  if (!virtual || data.profiles[profile]) return data;
  const legacy = data.profiles[virtual.session];
  const base =
    data.ssoSessions[virtual.session] !== undefined
      ? { sso_session: virtual.session }
      : { sso_start_url: legacy?.sso_start_url, sso_region: legacy?.sso_region };
  return {
    ...data,
    profiles: {
      ...data.profiles,
      [profile]: { ...base, sso_account_id: virtual.accountId, sso_role_name: virtual.roleName },
    },
  };
}

export class CredentialsService implements CredentialSource {
  readonly #environment: CoreEnvironment;
  readonly #prompter: Prompter;
  readonly #clock: Clock;
  readonly #ssoTokens: SsoTokenSource;
  readonly #roles: RoleSessions;
  readonly #resolved = new Map<string, Resolved>();
  readonly #flights = new SharedFlights<AwsCredentials>();
  readonly #identities = new SharedFlights<CallerIdentityDTO>();
  readonly #roleKeys = new Map<string, Set<string>>();
  /** Bumped whenever cached credentials are dropped, so a resolution already running does not put stale ones back. */
  #generation = 0;

  constructor(deps: CredentialsServiceDeps) {
    this.#environment = deps.environment;
    this.#prompter = deps.prompter;
    this.#clock = deps.clock ?? systemClock;
    this.#ssoTokens = deps.ssoTokens ?? cachedSsoTokens(deps.environment.homeDir);
    this.#roles = new RoleSessions(this.#clock);
  }

  resolve(profile: string, options: ResolveOptions = {}): Promise<AwsCredentials> {
    const cached = this.#resolved.get(profile);
    if (!options.forceRefresh && cached && isFresh(cached.credentials, this.#clock.now())) {
      return Promise.resolve(cached.credentials);
    }
    const force = options.forceRefresh === true;
    return this.#flights.run(
      force ? `${profile}\u0000refresh` : profile,
      (signal) => this.#resolveCold(profile, force, signal),
      options.signal,
      `Resolving profile "${profile}"`,
    );
  }

  async region(profile: string): Promise<string | null> {
    const { env } = this.#environment;
    const fromEnv = env.AWS_REGION || env.AWS_DEFAULT_REGION;
    if (fromEnv) return fromEnv;
    if (profile === ENVIRONMENT_PROFILE) return null;
    const data = await loadProfileData(awsFilePaths(this.#environment));
    return data.profiles[profile]?.region ?? null;
  }

  /**
   * The profile's live credentials as a terminal takes them (`export` lines with the profile's
   * region, or credential_process JSON) and when they expire. The text holds the secret: it is
   * for the clipboard or stdout, never for a log or the renderer.
   */
  async terminalExport(
    profile: string,
    format: ExportFormat,
    options: ResolveOptions = {},
  ): Promise<{ text: string; expiresAt: number | null }> {
    const credentials = await this.resolve(profile, options);
    const region = format === 'credential-process' ? null : await this.region(profile);
    return {
      text: exportText(credentials, format, { region }),
      expiresAt: credentials.expiration?.getTime() ?? null,
    };
  }

  async identity(profile: string, options: ResolveOptions = {}): Promise<CallerIdentityDTO> {
    const credentials = await this.resolve(profile, options);
    const entry = this.#resolved.get(profile);
    if (entry?.credentials === credentials && entry.identity) return entry.identity;
    return this.#identities.run(
      `${profile}\u0000${credentials.accessKeyId}`,
      async (signal) => {
        const plan = await this.#plan(profile);
        const sts = entry?.credentials === credentials ? entry.sts : this.#stsTarget(plan);
        let who;
        try {
          who = await getCallerIdentity(credentials, sts, signal);
        } catch (error) {
          throw diagnose(error, plan.chain, 0, 'identity');
        }
        const identity: CallerIdentityDTO = {
          profile,
          ...who,
          expiresAt: credentials.expiration?.getTime() ?? null,
        };
        const current = this.#resolved.get(profile);
        if (current?.credentials === credentials) current.identity = identity;
        return identity;
      },
      options.signal,
      `Asking AWS who profile "${profile}" is`,
    );
  }

  /** The account a profile was last seen as, without any network call (null when unknown). */
  knownAccount(profile: string): string | null {
    return this.#resolved.get(profile)?.identity?.account ?? null;
  }

  async chain(profile: string): Promise<CredentialChainDTO> {
    return chainToDTO((await this.#plan(profile)).chain);
  }

  /** Where this profile's STS calls go, for a call the chain itself does not make. */
  async stsTarget(profile: string): Promise<StsTarget> {
    return this.#stsTarget(await this.#plan(profile));
  }

  forget(profile?: string): void {
    this.#generation += 1;
    if (profile === undefined) {
      this.#resolved.clear();
      this.#roles.forget();
      this.#flights.clear();
      this.#roleKeys.clear();
      return;
    }
    this.#resolved.delete(profile);
    this.#flights.clear(profile);
    this.#roles.forget(this.#roleKeys.get(profile) ?? []);
    this.#roleKeys.delete(profile);
  }

  /**
   * Drops resolved credentials whenever ~/.aws (or the SSO token cache) changes, so an edit or
   * a fresh `aws sso login` counts at once. Assumed-role sessions stay: they are keyed by what
   * was asked of STS, so an edited role simply misses, and an unrelated edit costs no MFA code.
   */
  watch(files: AwsFilesWatcher): () => void {
    return files.subscribe(() => this.#filesChanged());
  }

  #filesChanged(): void {
    this.#generation += 1;
    this.#resolved.clear();
    this.#flights.clear();
  }

  async #plan(profile: string): Promise<Plan> {
    if (profile === ENVIRONMENT_PROFILE) {
      return {
        data: NO_DATA,
        chain: {
          profile,
          hops: [
            {
              profile,
              kind: 'environment',
              roleArn: null,
              source: null,
              mfaSerial: null,
              region: null,
              settings: {},
              credentialSource: null,
            },
          ],
          problem: null,
          problemProfile: null,
        },
      };
    }
    const data = withVirtualProfile(
      await loadProfileData(awsFilePaths(this.#environment)),
      profile,
    );
    return { data, chain: buildChain(profile, data) };
  }

  #stsTarget({ chain, data }: Plan): StsTarget {
    const top = chain.hops[0]?.settings;
    const { env } = this.#environment;
    return {
      endpoint: serviceEndpoint('sts', env, data, top),
      region: stsRegion(env, top),
      clock: this.#clock,
    };
  }

  async #resolveCold(
    profile: string,
    force: boolean,
    signal: AbortSignal,
  ): Promise<AwsCredentials> {
    const generation = this.#generation;
    const plan = await this.#plan(profile);
    if (plan.chain.problem) throw chainProblem(plan.chain);
    const sts = this.#stsTarget(plan);
    const run: ChainResolution = {
      chain: plan.chain,
      data: plan.data,
      environment: this.#environment,
      prompter: this.#prompter,
      clock: this.#clock,
      roles: this.#roles,
      ssoTokens: this.#ssoTokens,
      sts,
      ssoEndpoint: serviceEndpoint(
        'sso',
        this.#environment.env,
        plan.data,
        plan.chain.hops[0]?.settings,
      ),
      forceRefresh: force,
      roleKeys: new Set(),
    };
    const credentials = await resolveChain(run, signal);
    this.#roleKeys.set(profile, run.roleKeys);
    if (generation === this.#generation) this.#resolved.set(profile, { credentials, sts });
    return credentials;
  }
}
