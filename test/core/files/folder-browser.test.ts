import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { listFolder } from '../../../main/core/files/folder-browser.ts';
import { filesHandlers } from '../../../main/ipc/files-handlers.ts';
import { createRouter, type Handlers } from '../../../main/ipc/router.ts';
import type { WorkbenchCore } from '../../../main/core/workbench-core.ts';
import { AppError } from '../../../shared/errors.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

describe('folder browser (home-rooted)', () => {
  let home: string;
  let outside: string;

  before(async () => {
    home = await makeTempDir('browse-home');
    outside = await makeTempDir('browse-outside');
    await mkdir(join(home, 'src', 'orders-api', 'collection'), { recursive: true });
    await mkdir(join(home, 'Downloads'));
    await mkdir(join(home, '.ssh'));
    await writeFile(join(home, '.ssh', 'id_rsa'), 'PRIVATE KEY');
    await writeFile(join(home, 'Downloads', 'orders.postman_collection.json'), '{"secret":1}');
    await writeFile(join(home, 'Downloads', 'notes.txt'), 'x');
    await symlink(join(home, 'src'), join(home, 'code'));
    await symlink(outside, join(home, 'escape'));
  });

  const names = (entries: { name: string }[]) => entries.map((e) => e.name);

  test('starts at home, lists sub-folders by name, hides dot-folders and files', async () => {
    const listing = await listFolder(home, null);
    assert.equal(listing.parent, null);
    assert.deepEqual(names(listing.crumbs), ['~']);
    // `code` leads into home and counts as a folder; `escape` leads outside and is not listed.
    assert.deepEqual(names(listing.folders), ['code', 'Downloads', 'src']);
    assert.deepEqual(listing.files, []);
  });

  test('dot-folders show when asked', async () => {
    const listing = await listFolder(home, null, { showHidden: true });
    assert.ok(names(listing.folders).includes('.ssh'));
  });

  test('descends with a breadcrumb and a parent', async () => {
    const listing = await listFolder(home, join(home, 'src', 'orders-api'));
    assert.deepEqual(names(listing.crumbs), ['~', 'src', 'orders-api']);
    assert.equal(listing.parent, join(listing.home, 'src'));
    assert.deepEqual(names(listing.folders), ['collection']);
  });

  test('a file pick lists .json files by name only', async () => {
    const listing = await listFolder(home, join(home, 'Downloads'), { kind: 'file' });
    assert.deepEqual(names(listing.files), ['orders.postman_collection.json']);
    assert.doesNotMatch(JSON.stringify(listing), /secret/);
  });

  test('refuses a folder outside home, also through a link or ..', async () => {
    for (const path of [outside, join(home, 'escape'), join(home, '..'), '/']) {
      await assert.rejects(listFolder(home, path), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'INVALID_INPUT');
        assert.match(error.message, /outside your home folder/);
        return true;
      });
    }
  });

  test('outside home, a missing path is refused like an existing one: nothing is learnt of it', async () => {
    for (const path of [join(outside, 'no-such-folder'), '/no/such/place']) {
      await assert.rejects(listFolder(home, path), /outside your home folder/, path);
    }
  });

  test('a missing folder or a file says so', async () => {
    await assert.rejects(listFolder(home, join(home, 'nope')), /does not exist/);
    await assert.rejects(listFolder(home, join(home, 'Downloads', 'notes.txt')), /is a file/);
  });

  test('the contract refuses a relative path before the browser runs', async () => {
    const core = { environment: { homeDir: home } } as unknown as WorkbenchCore;
    const router = createRouter(filesHandlers(() => core, undefined) as Handlers);
    const bad = await router.dispatch('files.listFolders', { path: 'src' });
    assert.equal(bad.ok, false);
    assert.match(JSON.stringify(bad), /absolute path/);
    const good = await router.dispatch('files.listFolders', { path: null });
    assert.equal(good.ok, true);
    const pick = await router.dispatch('files.pick', { kind: 'folder', title: 'Open' });
    assert.deepEqual(pick, { ok: true, value: { native: false, path: null } });
  });

  test("a host with its own dialog answers with the person's choice", async () => {
    const core = { environment: { homeDir: home } } as unknown as WorkbenchCore;
    const asked: string[] = [];
    const picker = {
      pick: async (kind: string, title: string) => {
        asked.push(`${kind}: ${title}`);
        return kind === 'file' ? null : join(home, 'src');
      },
    };
    const router = createRouter(filesHandlers(() => core, picker) as Handlers);
    assert.deepEqual(await router.dispatch('files.pick', { kind: 'folder', title: 'Open' }), {
      ok: true,
      value: { native: true, path: join(home, 'src') },
    });
    assert.deepEqual(await router.dispatch('files.pick', { kind: 'file', title: 'Import' }), {
      ok: true,
      value: { native: true, path: null },
    });
    assert.deepEqual(asked, ['folder: Open', 'file: Import']);
  });
});
