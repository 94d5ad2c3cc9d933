/**
 * The lines of an AWS file that the SDK's loader skips or misreads, with their line numbers.
 * A report says what is wrong without quoting the line: in the credentials file any line may be
 * a key, and in the config file a token, a password or a credential_process argument may sit on
 * a broken line too. Only well-formed section names (which the profile list shows anyway) and
 * the names of AWS's own settings are ever repeated.
 */
import type { ConfigFileProblem } from '../../../shared/profiles.ts';

/** The settings AWS documents for the shared files: safe to name, as they are AWS's words. */
const SETTING_NAMES = new Set([
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
  'aws_account_id',
  'region',
  'output',
  'role_arn',
  'source_profile',
  'credential_source',
  'credential_process',
  'mfa_serial',
  'external_id',
  'role_session_name',
  'duration_seconds',
  'web_identity_token_file',
  'sso_session',
  'sso_start_url',
  'sso_region',
  'sso_account_id',
  'sso_role_name',
  'sso_registration_scopes',
  'endpoint_url',
  'ignore_configured_endpoint_urls',
  'services',
  'ca_bundle',
  'max_attempts',
  'retry_mode',
  'sts_regional_endpoints',
  'use_dualstack_endpoint',
  'use_fips_endpoint',
  'defaults_mode',
  'cli_pager',
]);

/** Settings whose value is a credential: checked for the ways the SDK misreads a value. */
const CREDENTIAL_SETTINGS = new Set([
  'aws_access_key_id',
  'aws_secret_access_key',
  'aws_session_token',
]);

/** Mirrors the loader's own comment rule, so we flag exactly the lines it would ignore. */
function stripComment(line: string): string {
  return (line.split(/(^|\s)[;#]/)[0] ?? '').trim();
}

const CONFIG_SECTION = /^(default|profile \S+|sso-session \S+|services \S+)$/;
const IGNORED = 'it is not a "key = value" line and is ignored';

function sectionProblem(name: string, kind: 'config' | 'credentials'): string | null {
  if (name === '__proto__' || name === 'profile __proto__') {
    return `"${name}" is not an allowed profile name: the AWS SDK ignores this whole file.`;
  }
  if (kind === 'config' && !CONFIG_SECTION.test(name)) {
    return `[${name}] is ignored in the config file: write it as [profile ${name}].`;
  }
  if (kind === 'credentials' && name.startsWith('profile ')) {
    return `[${name}] is ignored in the credentials file: write it as [${name.slice(8)}].`;
  }
  return null;
}

/** What is wrong with a line that has no usable "=", naming at most an AWS setting it starts with. */
function notKeyValue(content: string): string {
  if (content.startsWith('=')) return `This line has nothing before its "="; ${IGNORED}.`;
  const word = /^[A-Za-z0-9_.-]+/.exec(content)?.[0] ?? '';
  const setting = SETTING_NAMES.has(word.toLowerCase()) ? word : null;
  const subject = setting ? `This ${setting} line` : 'This line';
  if (content.includes(':')) return `${subject} has ":" where "=" is needed; ${IGNORED}.`;
  return `${subject} has no "="; ${IGNORED}.`;
}

/** A credential the SDK reads, but not as the user meant it. */
function credentialValueProblem(key: string, value: string): string | null {
  if (!CREDENTIAL_SETTINGS.has(key)) return null;
  if (value === '') {
    return `${key} has no value on this line: the SDK reads "${key} =" as the start of nested settings, so ${key} is not set.`;
  }
  if (/^(["']).*\1$/.test(value)) {
    return `The value of ${key} is in quotes; the SDK keeps the quotes as part of it, so AWS will refuse it: remove them.`;
  }
  return null;
}

export function findIgnoredLines(
  text: string,
  file: string,
  kind: 'config' | 'credentials',
): ConfigFileProblem[] {
  const problems: ConfigFileProblem[] = [];
  const report = (line: number, message: string) => problems.push({ file, line, message });
  // The section the loader is in: a broken header does not end it (the SDK reads on into it).
  let section: string | null = null;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = stripComment(raw);
    if (content === '') return;
    if (content.startsWith('[')) {
      if (!content.endsWith(']')) {
        const below = section === null ? '' : `, and the settings below it count for [${section}]`;
        report(
          line,
          `This line has no closing "]", so it is not a section header; it is ignored${below}.`,
        );
        return;
      }
      section = content.slice(1, -1).trim();
      const problem = sectionProblem(section, kind);
      if (problem) report(line, problem);
      return;
    }
    if (section === null) {
      report(line, 'This line is outside any [section]; it is ignored.');
      return;
    }
    const equals = content.indexOf('=');
    if (equals <= 0) {
      report(line, notKeyValue(content));
      return;
    }
    const problem = credentialValueProblem(
      content.slice(0, equals).trim(),
      content.slice(equals + 1).trim(),
    );
    if (problem) report(line, problem);
  });
  return problems;
}
