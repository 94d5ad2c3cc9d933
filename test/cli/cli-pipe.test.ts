/** The CLI writing into a pipe whose reader leaves early (`appsync-workbench profiles | head`). */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { makeTempDir } from '../support/web-host-process.ts';
import { BIN, NODE } from './cli-runner.ts';

test('profiles into a pipe closed after the first chunk exits quietly, with no stack trace', async () => {
  const home = await makeTempDir('cli-pipe-');
  await mkdir(join(home, '.aws'));
  const profiles = Array.from(
    { length: 5000 },
    (_, i) => `[profile p${i}]\nregion = eu-west-1\ncredential_process = /bin/false ${i}\n`,
  );
  await writeFile(join(home, '.aws', 'config'), profiles.join(''));
  const child = spawn(NODE, [BIN, 'profiles'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      APPSYNC_WORKBENCH_DATA_DIR: join(home, 'data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Like `head -1`: read the first chunk, then close our end of the pipe.
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});
