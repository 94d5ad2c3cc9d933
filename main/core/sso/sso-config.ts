/**
 * IAM Identity Center settings from `~/.aws/config`: `[sso-session x]` sections and legacy
 * profiles carrying `sso_start_url` themselves, plus the endpoint overrides the SDK honours.
 */
import { loadSharedConfigFiles } from '@smithy/core/config';
import { AppError } from '../../../shared/errors.ts';
import type { SsoTarget } from '../../../shared/sso.ts';
import type { CoreEnvironment, EnvVars } from '../environment.ts';
import {
  awsFilePaths,
  loadAwsFiles,
  type IniData,
  type IniSection,
} from '../profiles/aws-files.ts';

export interface SsoSessionConfig {
  /** The sso-session name, or the (first) legacy profile's name. */
  name: string;
  kind: 'sso-session' | 'legacy-profile';
  /** The cache is keyed by this for sso-session logins; null for legacy ones (start URL). */
  sessionName: string | null;
  startUrl: string;
  region: string;
  /** `sso_registration_scopes`, parsed as the CLI does; null when not set. */
  scopes: string[] | null;
  profiles: string[];
  /** Whose `endpoint_url` / `services` apply to this login. */
  endpointProfile: string | null;
  problem: string | null;
}

export interface SsoConfig {
  sessions: SsoSessionConfig[];
  profiles: IniData;
  services: IniData;
}

export async function loadSsoConfig(environment: CoreEnvironment): Promise<SsoConfig> {
  const paths = awsFilePaths(environment);
  const [files, raw] = await Promise.all([
    loadAwsFiles(paths),
    loadSharedConfigFiles({
      configFilepath: paths.configFile,
      filepath: paths.credentialsFile,
      ignoreCache: true,
    }),
  ]);
  // The shared loader keeps `[services x]` under "services.x"; aws-files.ts drops them.
  const services: IniData = {};
  for (const [key, section] of Object.entries(raw.configFile as IniData)) {
    if (key.startsWith('services.')) services[key.slice('services.'.length)] = section;
  }
  const profiles = files.config;
  const defaultProfile = environment.env.AWS_PROFILE || 'default';
  const sessions: SsoSessionConfig[] = [];

  for (const [name, section] of Object.entries(files.ssoSessions)) {
    const users = Object.keys(profiles)
      .filter((profile) => profiles[profile]?.sso_session === name)
      .sort();
    sessions.push(
      sessionEntry(name, 'sso-session', name, section, users, defaultProfile, profiles),
    );
  }

  const legacyByUrl = new Map<string, string[]>();
  for (const [profile, section] of Object.entries(profiles)) {
    const url = section?.sso_start_url;
    if (!url || section?.sso_session) continue;
    legacyByUrl.set(url, [...(legacyByUrl.get(url) ?? []), profile]);
  }
  for (const users of legacyByUrl.values()) {
    users.sort();
    const first = users[0] as string;
    sessions.push(
      sessionEntry(first, 'legacy-profile', null, profiles[first] ?? {}, users, first, profiles),
    );
  }
  return { sessions, profiles, services };
}

function sessionEntry(
  name: string,
  kind: SsoSessionConfig['kind'],
  sessionName: string | null,
  section: IniSection,
  users: string[],
  endpointProfile: string,
  profiles: IniData,
): SsoSessionConfig {
  const startUrl = section.sso_start_url ?? '';
  const region = section.sso_region ?? '';
  const missing = [!startUrl && 'sso_start_url', !region && 'sso_region'].filter(Boolean);
  const where = kind === 'sso-session' ? `[sso-session ${name}]` : `profile "${name}"`;
  return {
    name,
    kind,
    sessionName,
    startUrl,
    region,
    scopes:
      section.sso_registration_scopes === undefined
        ? null
        : parseRegistrationScopes(section.sso_registration_scopes),
    profiles: users,
    endpointProfile: profiles[endpointProfile] ? endpointProfile : null,
    problem: missing.length
      ? `${where} has no ${missing.join(' and ')}; add it to the config file.`
      : null,
  };
}

/** The CLI's `parse_sso_registration_scopes`: comma-separated, trimmed, empties dropped. */
export function parseRegistrationScopes(raw: string): string[] {
  return raw
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
}

/** The session a target names; the profile's own endpoint settings win for a profile target. */
export function findSession(config: SsoConfig, target: SsoTarget): SsoSessionConfig {
  let session: SsoSessionConfig | undefined;
  if ('session' in target) {
    // A legacy entry is named after its profile, so every SsoSessionDTO name is a valid target.
    session =
      config.sessions.find((s) => s.kind === 'sso-session' && s.name === target.session) ??
      config.sessions.find((s) => s.kind === 'legacy-profile' && s.name === target.session);
    if (!session) {
      throw new AppError(
        'NOT_FOUND',
        `There is no [sso-session ${target.session}] in the AWS config file. Add one, or pick a session from the list.`,
      );
    }
  } else {
    const section = config.profiles[target.profile];
    if (!section) {
      throw new AppError(
        'PROFILE_NOT_FOUND',
        `There is no profile "${target.profile}" in the AWS config file.`,
      );
    }
    session = config.sessions.find((s) =>
      section.sso_session
        ? s.sessionName === section.sso_session
        : s.profiles.includes(target.profile),
    );
    if (!session) {
      const why = section.sso_session
        ? `names sso_session "${section.sso_session}", which is not defined`
        : 'has neither sso_session nor sso_start_url';
      throw new AppError(
        'SSO_LOGIN_FAILED',
        `Profile "${target.profile}" ${why}. Fix the AWS config file, then sign in again.`,
      );
    }
    session = { ...session, endpointProfile: target.profile };
  }
  if (session.problem) throw new AppError('SSO_LOGIN_FAILED', session.problem);
  return session;
}

export type SsoServiceKey = 'sso_oidc' | 'sso';

/**
 * The endpoint the SDK would use for this service, in its documented order: AWS_ENDPOINT_URL_<SERVICE>,
 * AWS_ENDPOINT_URL, the profile's `[services]` entry, the profile's `endpoint_url`. Undefined means
 * the real AWS endpoint for the region. Passed explicitly so nothing depends on process.env.
 */
export function configuredEndpoint(
  service: SsoServiceKey,
  env: EnvVars,
  config: SsoConfig,
  profileName: string | null,
): string | undefined {
  const profile = profileName ? config.profiles[profileName] : undefined;
  const ignore =
    (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS ?? profile?.ignore_configured_endpoint_urls ?? '')
      .trim()
      .toLowerCase() === 'true';
  if (ignore) return undefined;
  const fromServices = profile?.services
    ? config.services[profile.services]?.[`${service}.endpoint_url`]
    : undefined;
  return (
    env[`AWS_ENDPOINT_URL_${service.toUpperCase()}`] ||
    env.AWS_ENDPOINT_URL ||
    fromServices ||
    profile?.endpoint_url ||
    undefined
  );
}
