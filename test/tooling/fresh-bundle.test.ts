/**
 * Which code a host runs (main/hosting/fresh-bundle.mjs, used by main/cli/bin.mjs and
 * main/web/start.mjs): its bundle while no source it was built from has changed, else the
 * sources. Played on a bundle folder of its own under dist/.
 */
import assert from 'node:assert/strict';
import { mkdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { freshBundle } from '../../main/hosting/fresh-bundle.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HOST = `fresh-bundle-test-${process.pid}`;
const DIR = join(ROOT, 'dist', HOST);
const SOURCE = `dist/${HOST}/source.ts`;

async function built(at: number, sources = [SOURCE]): Promise<void> {
  await writeFile(join(DIR, 'sources.json'), JSON.stringify({ builtAt: at, sources }));
}

async function editedAt(ms: number): Promise<void> {
  await utimes(join(ROOT, SOURCE), ms / 1000, ms / 1000);
}

describe('fresh-bundle', () => {
  beforeEach(async () => {
    await rm(DIR, { recursive: true, force: true });
    await mkdir(DIR, { recursive: true });
    await writeFile(join(ROOT, SOURCE), 'export {};\n');
    await editedAt(Date.now() - 60_000);
  });

  after(() => rm(DIR, { recursive: true, force: true }));

  test('a bundle built after its sources were last edited runs', async () => {
    await built(Date.now());
    assert.equal(
      freshBundle(HOST, 'main.mjs'),
      new URL(`dist/${HOST}/main.mjs`, `file://${ROOT}`).href,
    );
  });

  test('a source edited at or after the build makes the sources run', async () => {
    const at = Date.now();
    await built(at);
    await editedAt(at);
    assert.equal(freshBundle(HOST, 'main.mjs'), null);
  });

  test('no bundle, a removed source or a broken record: the sources run', async () => {
    assert.equal(freshBundle(HOST, 'main.mjs'), null, 'not built');
    await built(Date.now(), [SOURCE, `dist/${HOST}/gone.ts`]);
    assert.equal(freshBundle(HOST, 'main.mjs'), null, 'a source removed');
    await writeFile(join(DIR, 'sources.json'), '{"builtAt":');
    assert.equal(freshBundle(HOST, 'main.mjs'), null, 'a broken record');
  });

  test('APPSYNC_WORKBENCH_SOURCES=1 runs the sources', async () => {
    await built(Date.now());
    process.env.APPSYNC_WORKBENCH_SOURCES = '1';
    try {
      assert.equal(freshBundle(HOST, 'main.mjs'), null);
    } finally {
      delete process.env.APPSYNC_WORKBENCH_SOURCES;
    }
  });
});
