/**
 * A profile's chain as data: the hops from the asked-for profile down to the base credentials,
 * with everything each hop needs to resolve. Computed from the files alone (no network), with
 * the same walk as the SDK's `fromIni` (source-chains' `sourceChain`), so cycles and missing
 * sources are known before anything is sent.
 */
import { loadSharedConfigFiles } from '@smithy/core/config';
import type { CredentialChainDTO, CredentialHopDTO } from '../../../shared/credentials.ts';
import type { AwsFilePaths, IniData, IniSection } from '../profiles/aws-files.ts';
import { has, isStaticKeys, profileKind } from '../profiles/profile-kind.ts';
import { sourceChain } from '../profiles/source-chains.ts';

export const CREDENTIAL_SOURCES = ['Environment', 'Ec2InstanceMetadata', 'EcsContainer'] as const;

/** A hop plus the raw settings of its profile (which may hold keys: never leaves main). */
export interface CredentialHop extends CredentialHopDTO {
  settings: IniSection;
  /** `credential_source` when this hop's credentials come from one. */
  credentialSource: string | null;
}

export interface CredentialChain {
  profile: string;
  hops: CredentialHop[];
  problem: string | null;
  problemProfile: string | null;
}

/** What the loader gives: profiles merged from both files, plus `[sso-session]`/`[services]`. */
export interface AwsProfileData {
  profiles: IniData;
  ssoSessions: IniData;
  services: IniData;
}

export async function loadProfileData(paths: AwsFilePaths): Promise<AwsProfileData> {
  const loaded = await loadSharedConfigFiles({
    configFilepath: paths.configFile,
    filepath: paths.credentialsFile,
    ignoreCache: true,
  });
  const profiles: IniData = {};
  const ssoSessions: IniData = {};
  const services: IniData = {};
  for (const [name, section] of Object.entries(loaded.configFile as IniData)) {
    if (name.startsWith('sso-session.')) ssoSessions[name.slice(12)] = section;
    else if (name.startsWith('services.')) services[name.slice(9)] = section;
    else profiles[name] = section;
  }
  // The SDK merges per profile with the credentials file winning, key by key.
  for (const [name, section] of Object.entries(loaded.credentialsFile as IniData)) {
    profiles[name] = { ...profiles[name], ...section };
  }
  return { profiles, ssoSessions, services };
}

function hopOf(
  name: string,
  section: IniSection,
  next: string | undefined,
  index: number,
): CredentialHop {
  const isRole = has(section, 'role_arn');
  const base = {
    profile: name,
    settings: section,
    region: section.region ?? null,
    mfaSerial: null,
    roleArn: null,
    source: null,
    credentialSource: null,
  };
  // A profile reached as a source with static keys is a leaf, whatever else it says (fromIni).
  if (index > 0 && isStaticKeys(section)) return { ...base, kind: 'static' };
  const kind = profileKind(section);
  if (
    kind === 'assume-role' ||
    kind === 'credential-source' ||
    (index > 0 && !isRole && has(section, 'credential_source'))
  ) {
    const credentialSource = has(section, 'source_profile')
      ? null
      : (section.credential_source ?? null);
    const hop: CredentialHop = {
      ...base,
      kind: credentialSource ? 'credential-source' : 'assume-role',
      source: credentialSource ?? next ?? section.source_profile ?? null,
      credentialSource,
    };
    if (!isRole) return hop;
    hop.roleArn = section.role_arn ?? null;
    hop.mfaSerial = section.mfa_serial ?? null;
    if (section.external_id !== undefined) hop.externalId = section.external_id;
    if (section.role_session_name !== undefined) hop.roleSessionName = section.role_session_name;
    hop.durationSeconds = Number.parseInt(section.duration_seconds || '3600', 10);
    return hop;
  }
  if (kind === 'web-identity') {
    const hop: CredentialHop = { ...base, kind, roleArn: section.role_arn ?? null };
    if (section.role_session_name !== undefined) hop.roleSessionName = section.role_session_name;
    return hop;
  }
  if (kind === 'sso') {
    const session = section.sso_session ?? section.sso_start_url;
    return session === undefined ? { ...base, kind } : { ...base, kind, ssoSession: session };
  }
  return { ...base, kind };
}

export function buildChain(profile: string, data: AwsProfileData): CredentialChain {
  const walk = sourceChain(profile, data.profiles);
  const names = walk.chain;
  const hops: CredentialHop[] = [];
  const seen = new Set<string>();
  names.forEach((name, index) => {
    const section = data.profiles[name];
    // The last name of a looping chain repeats an earlier hop; a missing one has no settings.
    // Without a loop a name may come back once as a source: a role profile whose source_profile
    // is itself uses its own keys for the first hop, as the SDKs and the CLI do.
    if (!section || (walk.problem !== null && index > 0 && seen.has(name))) return;
    seen.add(name);
    hops.push(hopOf(name, section, names[index + 1], index));
  });
  let problem = walk.problem;
  let problemProfile: string | null = null;
  if (problem) {
    // sourceChain names the offending profile in quotes; the hop before a missing one holds the
    // broken reference, and a loop is fixed where it closes.
    const last = hops.at(-1);
    problemProfile = last?.profile ?? profile;
  }
  const base = hops.at(-1);
  if (
    !problem &&
    base?.credentialSource &&
    !(CREDENTIAL_SOURCES as readonly string[]).includes(base.credentialSource)
  ) {
    problem = `Profile "${base.profile}" has credential_source = ${base.credentialSource}; it must be one of ${CREDENTIAL_SOURCES.join(', ')}.`;
    problemProfile = base.profile;
  }
  if (!problem && base?.kind === 'sso') {
    const ssoProblem = ssoSettingsProblem(base, data);
    if (ssoProblem) [problem, problemProfile] = [ssoProblem, base.profile];
  }
  return { profile, hops, problem, problemProfile };
}

function ssoSettingsProblem(hop: CredentialHop, data: AwsProfileData): string | null {
  const s = hop.settings;
  const missing = (keys: string[]) => keys.filter((k) => !s[k]);
  if (s.sso_session) {
    const session = data.ssoSessions[s.sso_session];
    if (!session) {
      return `Profile "${hop.profile}" uses sso_session "${s.sso_session}", but there is no [sso-session ${s.sso_session}] section.`;
    }
    const gaps = [
      ...missing(['sso_account_id', 'sso_role_name']),
      ...['sso_start_url', 'sso_region']
        .filter((k) => !session[k])
        .map((k) => `${k} (in [sso-session ${s.sso_session}])`),
    ];
    return gaps.length ? `Profile "${hop.profile}" lacks ${gaps.join(', ')}.` : null;
  }
  const gaps = missing(['sso_start_url', 'sso_region', 'sso_account_id', 'sso_role_name']);
  return gaps.length ? `Profile "${hop.profile}" lacks ${gaps.join(', ')}.` : null;
}

export function chainToDTO(chain: CredentialChain): CredentialChainDTO {
  return {
    profile: chain.profile,
    hops: chain.hops.map(({ settings: _settings, credentialSource: _source, ...hop }) => hop),
    problem: chain.problem,
    problemProfile: chain.problemProfile,
  };
}
