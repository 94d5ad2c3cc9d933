/**
 * Starts the real web host (`main/web/start.ts`) as a child process with a temporary HOME and
 * data dir, the way a user would run it. It exits when this process's stdin pipe closes, so it
 * never outlives the test run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const START = fileURLToPath(new URL('../../main/web/start.ts', import.meta.url));

export interface RunningWebHost {
  url: string;
  origin: string;
  home: string;
  dataDir: string;
  stop(): Promise<void>;
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

export async function startWebHostProcess(
  home: string,
  extraEnv: Record<string, string> = {},
): Promise<RunningWebHost> {
  const dataDir = join(home, 'app-data');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    APPSYNC_WORKBENCH_DATA_DIR: dataDir,
    ...extraEnv,
  };
  const child: ChildProcess = spawn(process.execPath, [START, '--exit-on-stdin-end'], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /web host: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web host exited (${code}): ${output}`)));
    setTimeout(() => reject(new Error(`web host did not start: ${output}`)), 15_000).unref();
  });
  return {
    url,
    origin: new URL(url).origin,
    home,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.stdin?.end();
        await exited;
      }
    },
  };
}
