/**
 * What kind of profile a section of the AWS files is, in the order the AWS SDK's `fromIni`
 * checks, so that what the list says is what resolution will do.
 */
import type { ProfileKind } from '../../../shared/profiles.ts';
import type { IniSection } from './aws-files.ts';

export const has = (section: IniSection, key: string) => typeof section[key] === 'string';

export function isStaticKeys(section: IniSection | undefined): boolean {
  return !!section && has(section, 'aws_access_key_id') && has(section, 'aws_secret_access_key');
}

export function assumeRoleKind(section: IniSection): 'assume-role' | 'credential-source' | null {
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
  // `aws login` (console credentials, AWS CLI 2.32+): checked last, as the SDK's fromIni does.
  if (has(section, 'login_session')) return 'login';
  return 'incomplete';
}

const BASE_LABELS: Record<ProfileKind, string> = {
  static: 'static keys',
  'assume-role': 'assume role',
  'credential-source': 'credential source',
  sso: 'IAM Identity Center',
  'credential-process': 'credential process',
  'web-identity': 'web identity token',
  login: 'aws login session',
  incomplete: 'no credentials',
};

/** How a chain ending on a profile of this kind gets its credentials, in the user's words. */
export function baseLabel(kind: ProfileKind): string {
  return BASE_LABELS[kind];
}
