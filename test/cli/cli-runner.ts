/**
 * Runs the real `appsync-workbench` process: to completion (`runCli`), or live (`startCli`)
 * for commands that wait on a person or a stream (login, subscribe), reading their output as
 * it comes. Every output is checked for the secrets a test names.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshBundle } from '../../main/hosting/fresh-bundle.mjs';
import { writeDemoAwsFiles } from '../../main/sandbox/demo-fixture.ts';
import {
  startSandbox,
  type Sandbox,
  type SandboxOptions,
} from '../../main/sandbox/sandbox-server.ts';
import { makeTempDir } from '../support/web-host-process.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const NODE = join(ROOT, 'node_modules/.bin/node');
export const BIN = join(ROOT, 'main/cli/bin.mjs');

/** What bin.mjs checks before it runs dist/cli: built, and no source changed since. */
export function cliBundleIsFresh(): boolean {
  return freshBundle('cli', 'main.mjs') !== null;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function noSecrets(secrets: () => string[], args: string[], stdout: string, stderr: string) {
  for (const secret of secrets()) {
    assert.ok(
      !stdout.includes(secret) && !stderr.includes(secret),
      `a secret was printed by ${args.slice(0, 2).join(' ')}`,
    );
  }
}

export function cliRunner(env: () => Record<string, string>, secrets: () => string[] = () => []) {
  const run = (...args: string[]): Promise<CliRun> =>
    new Promise((resolve) => {
      execFile(NODE, [BIN, ...args], { env: env(), timeout: 30_000 }, (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? -1) : 0;
        noSecrets(secrets, args, stdout, stderr);
        resolve({ code: typeof code === 'number' ? code : -1, stdout, stderr });
      });
    });

  /** A running command: wait for a line on stdout/stderr, then for its exit. */
  const start = (...args: string[]) => {
    const child = spawn(NODE, [BIN, ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const waiters: (() => void)[] = [];
    const wake = () => waiters.splice(0).forEach((w) => w());
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      wake();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      wake();
    });
    const exited = new Promise<CliRun>((resolve) =>
      child.once('close', (code) => {
        noSecrets(secrets, args, stdout, stderr);
        wake();
        resolve({ code: code ?? -1, stdout, stderr });
      }),
    );
    return {
      child,
      exited,
      /** Resolves with the first match of `pattern` in stderr (or stdout), or rejects after `ms`. */
      async waitFor(pattern: RegExp, ms = 15_000): Promise<RegExpExecArray> {
        const deadline = Date.now() + ms;
        for (;;) {
          const match = pattern.exec(stderr) ?? pattern.exec(stdout);
          if (match) return match;
          if (child.exitCode !== null || Date.now() > deadline) {
            throw new Error(`no ${pattern} in the output:\n${stdout}\n${stderr}`);
          }
          await new Promise<void>((resolve) => {
            waiters.push(resolve);
            setTimeout(resolve, 100);
          });
        }
      },
    };
  };
  return { run, start };
}

/**
 * The world most CLI tests run in: the sandbox (AppSync + STS) and a HOME whose AWS files are
 * the sandbox's demo profiles, with the secrets no output may contain.
 */
export async function demoCliWorld(
  prefix: string,
  extraEnv: (sandbox: Sandbox) => Record<string, string> = () => ({}),
  sandboxOptions: SandboxOptions = {},
): Promise<{ sandbox: Sandbox; home: string; env: Record<string, string>; secrets: string[] }> {
  const sandbox = await startSandbox(sandboxOptions);
  const home = await makeTempDir(prefix);
  const files = await writeDemoAwsFiles(join(home, 'aws'), {
    endpointUrl: sandbox.url,
    fixture: sandbox.demo,
  });
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    APPSYNC_WORKBENCH_DATA_DIR: join(home, 'data'),
    AWS_CONFIG_FILE: files.configFile,
    AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
    ...extraEnv(sandbox),
  };
  return { sandbox, home, env, secrets: [sandbox.demo.user.secretAccessKey, sandbox.apiKey] };
}
