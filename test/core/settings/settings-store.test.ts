import assert from 'node:assert/strict';
import { readdir, readFile, mkdir, writeFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { SettingsStore } from '../../../main/core/settings/settings-store.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

describe('settings store', () => {
  test('persists settings as readable JSON, written atomically', async () => {
    const dir = await makeTempDir('settings');
    await new SettingsStore(dir).update({ activeProfile: 'dev' });
    const saved = JSON.parse(await readFile(`${dir}/settings.json`, 'utf8'));
    assert.equal(saved.version, 1);
    assert.equal(saved.activeProfile, 'dev');
    assert.deepEqual(await readdir(dir), ['settings.json'], 'no temp file left behind');
    assert.equal((await new SettingsStore(dir).get()).activeProfile, 'dev');
  });

  test('a file from before pins and tags existed still reads, with defaults', async () => {
    const dir = await makeTempDir('settings');
    await writeFile(`${dir}/settings.json`, '{"version":1,"activeProfile":"old"}');
    const settings = await new SettingsStore(dir).get();
    assert.equal(settings.activeProfile, 'old');
    assert.deepEqual(settings.pinnedProfiles, []);
    assert.ok(settings.environmentPatterns.production.length > 0);
  });

  test('a corrupt settings file is moved aside, never lost, and defaults are used', async () => {
    const dir = await makeTempDir('settings');
    await mkdir(dir, { recursive: true });
    await writeFile(`${dir}/settings.json`, '{ "version": 1, "activeProf');
    const store = new SettingsStore(dir);
    assert.equal((await store.get()).activeProfile, null);
    assert.ok(store.recovered);
    assert.equal(await readFile(store.recovered, 'utf8'), '{ "version": 1, "activeProf');
  });
});

describe('history retention as a setting', () => {
  test('is saved with the other settings and read back after a restart', async () => {
    const dir = await makeTempDir('settings');
    await new SettingsStore(dir).update({ historyRetention: { maxEntries: 500, maxAgeDays: 30 } });
    assert.deepEqual((await new SettingsStore(dir).get()).historyRetention, {
      maxEntries: 500,
      maxAgeDays: 30,
    });
  });
});
