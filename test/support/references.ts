/**
 * Independent references (botocore, moto, Chromium) that cross-checks compare against. On a
 * developer's machine a missing reference skips its test with the reason; under `CI=true` it
 * fails, so a green CI never hides a cross-check that did not run.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const cache = new Map<string, boolean>();

/** True when the first `python3` on PATH imports every one of `modules`. */
export function hasPythonModules(...modules: string[]): boolean {
  const key = modules.join(',');
  let found = cache.get(key);
  if (found === undefined) {
    try {
      // No module named: python3 itself (`import ` alone would be a syntax error, never found).
      const code = modules.length > 0 ? `import ${key}` : 'pass';
      execFileSync('python3', ['-c', code], { stdio: 'ignore' });
      found = true;
    } catch {
      found = false;
    }
    cache.set(key, found);
  }
  return found;
}

/**
 * The `skip` option of a cross-check that needs these Python modules: a reason to skip here,
 * `false` (run, and fail on the missing module) under CI.
 */
export function skipWithoutPython(...modules: string[]): string | false {
  if (hasPythonModules(...modules)) return false;
  if (process.env.CI === 'true') return false;
  return `python3 lacks ${modules.join(', ')} (the reference this test compares against)`;
}

/** For a check inside a test: throws under CI when the reference is missing, else says so. */
export function requirePython(...modules: string[]): boolean {
  if (hasPythonModules(...modules)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`python3 lacks ${modules.join(', ')}: this cross-check must run under CI.`);
  }
  return false;
}

/** True when `command` is on PATH. */
export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The `skip` option of a test that needs a command-line tool: fails instead under CI. */
export function skipWithoutCommand(command: string, why: string): string | false {
  if (hasCommand(command) || process.env.CI === 'true') return false;
  return `${command} is not installed (${why})`;
}

const runFile = promisify(execFile);

/**
 * Runs a reference tool (python3, curl through `sh -c`) with PATH and `env` only, so nothing of
 * the shell the tests run in (AWS_PROFILE, keys, endpoints) reaches it.
 */
export function runReference(
  command: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ stdout: string; stderr: string }> {
  return runFile(command, args, {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
  });
}
