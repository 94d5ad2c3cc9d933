import assert from 'node:assert/strict';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CollectionsService } from '../../../main/core/collections/collections-service.ts';
import {
  MAX_RECENT,
  RecentCollections,
} from '../../../main/core/collections/recent-collections.ts';
import { SettingsStore } from '../../../main/core/settings/settings-store.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { MemoryVault } from './memory-vault.ts';

async function setup() {
  const dataDir = await makeTempDir('recent-data');
  const service = (settings = new SettingsStore(dataDir)) =>
    new CollectionsService({
      dataDir,
      vault: new MemoryVault(),
      watch: false,
      recent: new RecentCollections(settings),
    });
  return { dataDir, service };
}

describe('recent collections', () => {
  test('opened folders are remembered newest first, closed ones too, across restarts', async () => {
    const { service } = await setup();
    const a = await makeTempDir('recent-a');
    const b = await makeTempDir('recent-b');
    const first = service();
    await first.open(a);
    await first.open(b);
    await first.closeFolder(b);
    await first.open(a);
    const again = service();
    assert.deepEqual(
      (await again.recent()).map((r) => r.folder),
      [a, b],
    );
    assert.deepEqual(await again.list().then((l) => l.map((c) => c.folder)), [a]);
    first.close();
    again.close();
  });

  test(`at most ${MAX_RECENT} are kept`, async () => {
    const { dataDir } = await setup();
    const recent = new RecentCollections(new SettingsStore(dataDir));
    for (let i = 0; i < MAX_RECENT + 3; i++) await recent.touch(`/tmp/folder-${i}`);
    const list = await recent.list();
    assert.equal(list.length, MAX_RECENT);
    assert.equal(list[0]?.folder, `/tmp/folder-${MAX_RECENT + 2}`);
  });

  test('a folder that is gone shows as missing and can be removed', async () => {
    const { service } = await setup();
    const gone = join(await makeTempDir('recent-gone'), 'orders');
    await mkdir(gone);
    const collections = service();
    await collections.open(gone);
    await rm(gone, { recursive: true });
    assert.deepEqual(await collections.recent(), [{ folder: gone, name: 'orders', missing: true }]);
    assert.deepEqual(await collections.forgetRecent(gone), []);
    collections.close();
  });
});
