/**
 * Starts the real web host (`main/web/start.mjs`) as a child process with a temporary HOME and
 * data dir, the way a user would run it. It exits when this process's stdin pipe closes, so it
 * never outlives the test run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshBundle } from '../../main/hosting/fresh-bundle.mjs';

const START = fileURLToPath(new URL('../../main/web/start.mjs', import.meta.url));

export interface RunningWebHost {
  /** The launch URL the host printed: its code lets one browser in, once. */
  url: string;
  origin: string;
  port: number;
  home: string;
  dataDir: string;
  /** The host process's id (benchmarks read its memory). */
  pid: number;
  /** Asks the host for another single-use launch URL, as a user pressing Enter does. */
  newLaunchUrl(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * For benchmarks: the host they start is the bundle users run. A stale dist/web makes the host
 * run its sources instead, without a word, and the figures would be the sources' (twice the
 * start, half again the memory).
 */
export function requireFreshWebBundle(): void {
  if (freshBundle('web', 'serve.mjs')) return;
  throw new Error(
    'dist/web is missing or older than its sources (or APPSYNC_WORKBENCH_SOURCES is set): run `npm run build` first',
  );
}

const tempDirs: string[] = [];
process.once('exit', () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A temporary folder removed when the test process exits. */
export async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `awb-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

// A whole line, so a URL split across two chunks of output is never taken half-read.
const LAUNCH_LINE = /web host: (http:\/\/127\.0\.0\.1:\d+\/\?code=[\w-]+)\r?\n/g;

export async function startWebHostProcess(
  home: string,
  extraEnv: Record<string, string> = {},
  args: string[] = [],
): Promise<RunningWebHost> {
  const dataDir = join(home, 'app-data');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    APPSYNC_WORKBENCH_DATA_DIR: dataDir,
    ...extraEnv,
  };
  const child: ChildProcess = spawn(process.execPath, [START, '--exit-on-stdin-end', ...args], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // Launch URLs in the order the host prints them, each handed to the first caller waiting.
  const waiting: Array<{ resolve(url: string): void; reject(error: Error): void }> = [];
  let output = '';
  let scanned = 0;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    LAUNCH_LINE.lastIndex = scanned;
    for (let match = LAUNCH_LINE.exec(output); match; match = LAUNCH_LINE.exec(output)) {
      scanned = LAUNCH_LINE.lastIndex;
      waiting.shift()?.resolve(match[1] ?? '');
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.once('exit', (code) => {
    for (const { reject } of waiting.splice(0)) {
      reject(new Error(`web host exited (${code}): ${output}`));
    }
  });
  const nextUrl = () =>
    new Promise<string>((resolve, reject) => {
      waiting.push({ resolve, reject });
      setTimeout(() => reject(new Error(`web host printed no URL: ${output}`)), 15_000).unref();
    });
  // A host that never printed its URL must not outlive the failure (it would hold the test open).
  const url = await nextUrl().catch((error: unknown) => {
    child.kill();
    throw error;
  });
  return {
    url,
    origin: new URL(url).origin,
    port: Number(new URL(url).port),
    home,
    dataDir,
    pid: child.pid ?? -1,
    newLaunchUrl() {
      const next = nextUrl();
      child.stdin?.write('\n');
      return next;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.stdin?.end();
        await exited;
      }
    },
  };
}
