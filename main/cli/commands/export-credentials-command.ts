/**
 * `appsync-workbench export-credentials [--profile P] [--format F]`: a profile's live credentials
 * for another tool, like `aws configure export-credentials`: `process` (the JSON a
 * `credential_process` prints, the default), `env` (bash/zsh export lines), `powershell`, `fish`.
 * It prints secrets on purpose: stdout only, never to a log, and only when asked.
 */
import { parseArgs } from 'node:util';
import type { ExportFormat } from '../../core/credentials/terminal-export.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

/** The AWS CLI's names for the formats, mapped to ours. */
const FORMATS: Record<string, ExportFormat> = {
  process: 'credential-process',
  'credential-process': 'credential-process',
  env: 'bash',
  bash: 'bash',
  powershell: 'powershell',
  fish: 'fish',
};

export async function exportCredentialsCommand(args: string[], cli: CliContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { profile: { type: 'string' }, format: { type: 'string' } },
    strict: true,
  });
  const format = FORMATS[values.format ?? 'process'];
  if (!format) {
    throw new UsageError(
      `--format is one of process, env, powershell, fish (not "${values.format}").`,
    );
  }
  const profile = values.profile ?? (await (await cli.profiles()).list()).active;
  if (!profile) throw new UsageError('no profile: pass --profile NAME (or set AWS_PROFILE).');
  const { text } = await (
    await cli.credentials()
  ).terminalExport(profile, format, { signal: cli.io.signal });
  cli.io.stdout.write(text);
  return EXIT.ok;
}
