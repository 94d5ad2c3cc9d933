import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '../../support/web-host-process.ts';

const WRITER = fileURLToPath(new URL('./collection-writer.child.ts', import.meta.url));

describe('collection writes under SIGKILL', () => {
  test('a writer killed mid-save leaves every request file whole', async () => {
    const folder = await makeTempDir('collection-kill');
    const child = spawn(process.execPath, [WRITER, folder], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => {
      let saves = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        saves += chunk.toString().split('\n').length - 1;
        if (saves >= 40) child.kill('SIGKILL');
      });
      child.once('exit', () => resolve());
    });
    assert.equal(child.signalCode, 'SIGKILL');
    const files = (await readdir(folder)).filter((name) => !name.startsWith('.'));
    assert.deepEqual(files.sort(), ['Big.graphql', 'Big.request.json']);
    const graphql = await readFile(join(folder, 'Big.graphql'), 'utf8');
    assert.match(graphql, /^query Big\d+ \{[\s\S]*\}\n$/, 'the document is one whole version');
    const sidecar = JSON.parse(await readFile(join(folder, 'Big.request.json'), 'utf8')) as {
      variables: { blob: string };
    };
    assert.equal(sidecar.variables.blob.length, 200_000, 'the sidecar is one whole version');
  });
});
