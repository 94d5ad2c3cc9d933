/**
 * Runs a profile's `credential_process` the way the AWS CLI does (through the shell, with the
 * user's environment) and reads its Version 1 JSON. Our own runner rather than the SDK's
 * `fromProcess`, because that one runs in the process's own environment and reports a failure
 * as one string, losing the exit code the user needs to see.
 */
import { spawn } from 'node:child_process';
import { AppError } from '../../../shared/errors.ts';
import type { EnvVars } from '../environment.ts';
import { REDACTED } from '../redaction/redacted.ts';
import { scrubText } from '../redaction/secret-scrubber.ts';
import type { AwsCredentials } from './credential-source.ts';

const MAX_OUTPUT = 256 * 1024;
const MAX_STDERR_SHOWN = 2000;

export interface ProcessRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCredentialProcess(
  command: string,
  env: EnvVars,
  cwd: string,
  signal?: AbortSignal,
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, {
      shell: true,
      env: { ...env },
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (exitCode, exitSignal) =>
      resolve({ exitCode, signal: exitSignal, stdout, stderr }),
    );
  });
}

/** A flag or variable whose value is a secret: `--password`, `--mfa-token`, `API_KEY=`. */
const SECRET_NAME = /(pass|secret|token|key|pin|otp)/i;

/** The command line's words, unquoted the way a POSIX shell would (enough to find values). */
function commandWords(command: string): string[] {
  return [...command.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? '',
  );
}

/** The values a command line gives to secret-named flags or variables, to mask wherever echoed. */
function secretArguments(command: string): string[] {
  const words = commandWords(command);
  const values: string[] = [];
  words.forEach((word, index) => {
    const assignment = /^(-{0,2}[\w.-]+)=(.+)$/.exec(word);
    if (assignment?.[1] && SECRET_NAME.test(assignment[1])) values.push(assignment[2] ?? '');
    else if (/^--?[\w.-]+$/.test(word) && SECRET_NAME.test(word)) {
      const next = words[index + 1];
      if (next !== undefined && !next.startsWith('-')) values.push(next);
    }
  });
  return values.filter((value) => value.length >= 4);
}

/**
 * What a process printed on stderr, fit to show: trimmed, with what it may have echoed of its
 * secret arguments and anything shaped like a key or token masked (before capping, so no part of
 * one survives a cut), then capped.
 */
function stderrForDisplay(stderr: string, command: string): string {
  let masked = stderr.trim();
  for (const value of secretArguments(command)) masked = masked.split(value).join(REDACTED);
  masked = scrubText(masked).replace(/[A-Za-z0-9/+=]{40,}/g, REDACTED);
  return masked.length > MAX_STDERR_SHOWN ? `…${masked.slice(-MAX_STDERR_SHOWN)}` : masked;
}

function invalid(profile: string, why: string, next: string): AppError {
  return new AppError(
    'CREDENTIAL_PROCESS_FAILED',
    `The credential_process of profile "${profile}" ${why}.`,
    { why, next },
  );
}

/** The Version a process printed, described: a string there could be anything, even a key. */
function versionShown(version: unknown): string {
  if (typeof version === 'number') return `Version ${version}`;
  return version === undefined ? 'no Version' : 'a Version that is not a number';
}

/** Reads the Version 1 JSON a credential process prints (never echoing it: it holds secrets). */
export function parseProcessOutput(profile: string, stdout: string, now: number): AwsCredentials {
  let data: unknown;
  try {
    data = JSON.parse(stdout.trim());
  } catch (error) {
    const where = error instanceof SyntaxError ? ` (${error.message.replace(/".*"/s, '…')})` : '';
    throw invalid(
      profile,
      `printed output that is not valid JSON${where}`,
      'Run the command in a terminal: it must print one JSON object with Version 1, AccessKeyId and SecretAccessKey on standard output, and send anything else to standard error.',
    );
  }
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (record.Version !== 1) {
    throw invalid(
      profile,
      `printed JSON with ${versionShown(record.Version)}; only Version 1 is understood`,
      'Make the command print "Version": 1.',
    );
  }
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = record;
  if (typeof AccessKeyId !== 'string' || typeof SecretAccessKey !== 'string') {
    throw invalid(
      profile,
      'printed JSON without AccessKeyId and SecretAccessKey',
      'Make the command print both AccessKeyId and SecretAccessKey.',
    );
  }
  const credentials: AwsCredentials = {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
  };
  if (typeof SessionToken === 'string') credentials.sessionToken = SessionToken;
  if (Expiration !== undefined) {
    const expiration = new Date(String(Expiration));
    if (Number.isNaN(expiration.getTime())) {
      throw invalid(
        profile,
        `printed an Expiration that is not a date${/^[\d\-:.TZ+ ]{1,40}$/.test(String(Expiration)) ? ` (${String(Expiration)})` : ''}`,
        'Print Expiration as an ISO 8601 time, e.g. 2030-01-01T00:00:00Z.',
      );
    }
    if (expiration.getTime() <= now) {
      throw invalid(
        profile,
        `printed credentials that expired at ${expiration.toISOString()}`,
        'The tool behind credential_process handed out stale credentials; refresh its own login and try again.',
      );
    }
    credentials.expiration = expiration;
  }
  return credentials;
}

export async function credentialsFromProcess(
  profile: string,
  command: string,
  env: EnvVars,
  cwd: string,
  now: () => number,
  signal?: AbortSignal,
): Promise<AwsCredentials> {
  let run: ProcessRun;
  try {
    run = await runCredentialProcess(command, env, cwd, signal);
  } catch (error) {
    if (signal?.aborted) throw error;
    throw invalid(
      profile,
      `could not be started (${(error as Error).message})`,
      'Check the command in credential_process: the program must exist and be executable.',
    );
  }
  if (run.exitCode !== 0) {
    const stderr = stderrForDisplay(run.stderr, command);
    const how =
      run.exitCode === null
        ? `was stopped by ${run.signal ?? 'a signal'}`
        : `exited with code ${run.exitCode}`;
    throw new AppError(
      'CREDENTIAL_PROCESS_FAILED',
      `The credential_process of profile "${profile}" ${how}${stderr ? `: ${stderr}` : ' and printed nothing on stderr'}.`,
      {
        why: how,
        exitCode: run.exitCode,
        stderr,
        next: 'Run the command in a terminal to see what it needs (often a login of the tool behind it), then try again.',
      },
    );
  }
  return parseProcessOutput(profile, run.stdout, now());
}
