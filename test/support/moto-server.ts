/**
 * `moto` (Python, from the image) as an independent AWS control plane: its server mode on
 * 127.0.0.1 and a free port, and boto3 to put things into it — a second implementation of the
 * wire protocol, so our client is not only checked against our own idea of it.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export interface MotoServer {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Runs a Python snippet with boto3 pointed at this server; `boto(service, region)` makes a client. Returns stdout. */
  python(code: string): Promise<string>;
  close(): Promise<void>;
}

export const MOTO_KEYS = { accessKeyId: 'AKIAMOTOTEST00000000', secretAccessKey: 'moto-secret' };

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    'python3',
    ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)],
    {
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // No python3 on PATH: said here, not as an uncaught spawn error.
  let failed: Error | null = null;
  child.once('error', (error) => (failed = error));
  const missing = (why: string) =>
    new Error(
      `moto could not start (${why}): the first python3 on PATH must import moto (pip install "moto[server]"); these tests compare with it`,
    );
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (failed) throw missing((failed as Error).message);
    if (child.exitCode !== null) throw missing(stderr.trim().split('\n').at(-1) ?? 'it exited');
    try {
      const res = await fetch(`${url}/moto-api/`);
      await res.body?.cancel();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`moto did not start: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return {
    url,
    python: (code) =>
      new Promise((resolve, reject) => {
        const prelude = [
          'import boto3, json',
          `def boto(service, region): return boto3.client(service, region_name=region, endpoint_url=${JSON.stringify(url)}, aws_access_key_id=${JSON.stringify(MOTO_KEYS.accessKeyId)}, aws_secret_access_key=${JSON.stringify(MOTO_KEYS.secretAccessKey)})`,
        ].join('\n');
        execFile(
          'python3',
          ['-c', `${prelude}\n${code}`],
          { timeout: 20_000 },
          (error, stdout, err) =>
            error ? reject(new Error(`${error.message}\n${err}`)) : resolve(stdout),
        );
      }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
