/**
 * Turns the parsed AWS files into the profiles the user sees: kind, region and source chain.
 * The classification mirrors the AWS SDK's `fromIni` (same order, same cycle rule), so what the
 * list says is what resolution will do.
 */
import type {
  EnvironmentTag,
  ProfileDTO,
  ProfileFileKind,
  ProfileKind,
} from '../../../shared/profiles.ts';
import type { IniData, IniSection } from './aws-files.ts';

const has = (section: IniSection, key: string) => typeof section[key] === 'string';

export function isStaticKeys(section: IniSection | undefined): boolean {
  return !!section && has(section, 'aws_access_key_id') && has(section, 'aws_secret_access_key');
}

function assumeRoleKind(section: IniSection): 'assume-role' | 'credential-source' | null {
  if (!has(section, 'role_arn')) return null;
  const source = has(section, 'source_profile');
  const credentialSource = has(section, 'credential_source');
  if (source && !credentialSource) return 'assume-role';
  if (credentialSource && !source) return 'credential-source';
  return null;
}

export function profileKind(section: IniSection): ProfileKind {
  const role = assumeRoleKind(section);
  if (role) return role;
  if (isStaticKeys(section)) return 'static';
  if (has(section, 'web_identity_token_file') && has(section, 'role_arn')) return 'web-identity';
  if (has(section, 'credential_process')) return 'credential-process';
  if (
    ['sso_start_url', 'sso_session', 'sso_account_id', 'sso_role_name', 'sso_region'].some((k) =>
      has(section, k),
    )
  )
    return 'sso';
  return 'incomplete';
}

const BASE_LABELS: Record<ProfileKind, string> = {
  static: 'static keys',
  'assume-role': 'assume role',
  'credential-source': 'credential source',
  sso: 'IAM Identity Center',
  'credential-process': 'credential process',
  'web-identity': 'web identity token',
  incomplete: 'no credentials',
};

interface Chain {
  chain: string[];
  base: string | null;
  problem: string | null;
}

/** Follows `source_profile` the way the SDK's `fromIni` does, step for step. */
export function sourceChain(name: string, profiles: IniData): Chain {
  const chain = [name];
  const visited = new Set<string>();
  let currentName = name;
  let viaCredentialSource = false;
  for (;;) {
    const data = profiles[currentName];
    if (!data) return { chain, base: null, problem: `Profile "${currentName}" does not exist.` };
    if (visited.size > 0 && isStaticKeys(data))
      return { chain, base: 'static keys', problem: null };
    if (viaCredentialSource || assumeRoleKind(data)) {
      const source = data.source_profile;
      if (source === undefined)
        return { chain, base: data.credential_source ?? null, problem: null };
      if (visited.has(source)) {
        const loop = [...chain, source];
        return {
          chain: loop,
          base: null,
          problem: `The source_profile chain loops back to "${source}" (${loop.join(' → ')}).`,
        };
      }
      chain.push(source);
      const next = profiles[source];
      if (!next) {
        return {
          chain,
          base: null,
          problem: `Profile "${currentName}" names source_profile "${source}", which does not exist.`,
        };
      }
      visited.add(source);
      viaCredentialSource = !has(next, 'role_arn') && has(next, 'credential_source');
      currentName = source;
      continue;
    }
    const kind = profileKind(data);
    if (kind !== 'incomplete') return { chain, base: BASE_LABELS[kind], problem: null };
    const both = has(data, 'source_profile') && has(data, 'credential_source');
    return {
      chain,
      base: null,
      problem: both
        ? `Profile "${currentName}" sets both source_profile and credential_source; keep one.`
        : `Profile "${currentName}" has no credentials: no keys, role, SSO or process.`,
    };
  }
}

export function buildProfiles(
  config: IniData,
  credentials: IniData,
  environmentOf: (name: string) => EnvironmentTag | null = () => null,
): ProfileDTO[] {
  const merged: IniData = {};
  const files = new Map<string, ProfileFileKind[]>();
  for (const [kind, data] of [
    ['config', config],
    ['credentials', credentials],
  ] as const) {
    for (const [name, section] of Object.entries(data)) {
      merged[name] = { ...merged[name], ...section };
      files.set(name, [...(files.get(name) ?? []), kind]);
    }
  }
  return Object.keys(merged)
    .sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)))
    .map((name) => {
      const section = merged[name] as IniSection;
      const { chain, base, problem } = sourceChain(name, merged);
      return {
        name,
        kind: profileKind(section),
        region: section.region ?? null,
        chain,
        chainBase: base,
        chainProblem: problem,
        roleArn: section.role_arn ?? null,
        mfaSerial: section.mfa_serial ?? null,
        ssoStartUrl: section.sso_start_url ?? null,
        ssoSession: section.sso_session ?? null,
        files: files.get(name) ?? [],
        environment: environmentOf(name),
      };
    });
}
