/**
 * Resolved credentials as text for a terminal: shell variable lines (bash/zsh, PowerShell, fish)
 * or the JSON a `credential_process` prints. The same variables and format as
 * `aws configure export-credentials`. Pure functions: the desktop shell puts the text on the
 * clipboard on an explicit user action; it never goes to the renderer.
 */
import type { AwsCredentials } from './credential-source.ts';

export const TERMINAL_SHELLS = ['bash', 'powershell', 'fish'] as const;
export type TerminalShell = (typeof TERMINAL_SHELLS)[number];

export interface ExportOptions {
  /** Also set AWS_REGION (and AWS_DEFAULT_REGION) when given. */
  region?: string | null;
}

type Variable = [name: string, value: string | null];

function variables(credentials: AwsCredentials, options: ExportOptions): Variable[] {
  const vars: Variable[] = [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
    // Unset rather than left alone: a stale token from an earlier export would break the keys.
    ['AWS_SESSION_TOKEN', credentials.sessionToken ?? null],
    ['AWS_CREDENTIAL_EXPIRATION', credentials.expiration?.toISOString() ?? null],
  ];
  if (options.region) {
    vars.push(['AWS_REGION', options.region], ['AWS_DEFAULT_REGION', options.region]);
  }
  return vars;
}

/** POSIX single quotes: nothing inside is interpreted; a quote is closed, escaped, reopened. */
function bashQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** PowerShell single-quoted strings double their quotes (including the typographic ones). */
function powershellQuote(value: string): string {
  return `'${value.replace(/['‘’‚‛]/g, (q) => q + q)}'`;
}

/** fish single quotes: only backslash and quote are special. */
function fishQuote(value: string): string {
  return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

function line(shell: TerminalShell, [name, value]: Variable): string {
  if (shell === 'bash')
    return value === null ? `unset ${name}` : `export ${name}=${bashQuote(value)}`;
  if (shell === 'powershell') {
    return value === null
      ? `Remove-Item Env:${name} -ErrorAction SilentlyContinue`
      : `$Env:${name} = ${powershellQuote(value)}`;
  }
  return value === null ? `set -e ${name}` : `set -gx ${name} ${fishQuote(value)}`;
}

/** The lines to paste into a shell (bash/zsh, PowerShell or fish), ending with a newline. */
export function shellExport(
  credentials: AwsCredentials,
  shell: TerminalShell,
  options: ExportOptions = {},
): string {
  return `${variables(credentials, options)
    .map((variable) => line(shell, variable))
    .join('\n')}\n`;
}

/** The Version 1 JSON a `credential_process` prints for these credentials. */
export function credentialProcessJson(credentials: AwsCredentials): string {
  return `${JSON.stringify(
    {
      Version: 1,
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { SessionToken: credentials.sessionToken } : {}),
      ...(credentials.expiration ? { Expiration: credentials.expiration.toISOString() } : {}),
    },
    null,
    2,
  )}\n`;
}

export const EXPORT_FORMATS = [...TERMINAL_SHELLS, 'credential-process'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The text for one export format: shell lines, or credential_process JSON. */
export function exportText(
  credentials: AwsCredentials,
  format: ExportFormat,
  options: ExportOptions = {},
): string {
  return format === 'credential-process'
    ? credentialProcessJson(credentials)
    : shellExport(credentials, format, options);
}
