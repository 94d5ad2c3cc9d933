/** History retention is a setting: saved with the others, applied to the database at once and at start. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HistoryRepository } from '../../../main/core/history/history-repository.ts';
import { HistoryRetentionSetting } from '../../../main/core/history/retention-setting.ts';
import { SettingsStore } from '../../../main/core/settings/settings-store.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { aRun } from './history-fixtures.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2025, 4, 20);

async function opened(dir?: string) {
  const dataDir = dir ?? (await makeTempDir('retention-setting'));
  const settings = new SettingsStore(dataDir);
  const history = HistoryRepository.open(dataDir, { clock: { now: () => NOW } });
  return { dataDir, settings, history, retention: new HistoryRetentionSetting(settings, history) };
}

test('choosing a retention saves it and trims history to it, saying how many went', async () => {
  const { settings, history, retention } = await opened();
  for (let day = 10; day > 0; day--) history.record(aRun({ time: NOW - day * DAY }));
  const chosen = { maxEntries: 4, maxAgeDays: null };
  assert.deepEqual(await retention.set(chosen), { ...chosen, removed: 6 });
  assert.deepEqual((await settings.get()).historyRetention, chosen);
  assert.deepEqual(await retention.get(), chosen);
  assert.equal(history.list().groups.flatMap((g) => g.entries).length, 4);
  history.close();
});

test('at start the saved choice is applied to a history that grew beyond it', async () => {
  const first = await opened();
  await first.retention.set({ maxEntries: null, maxAgeDays: 3 });
  first.history.close();
  const again = await opened(first.dataDir);
  for (let day = 6; day > 0; day--) again.history.record(aRun({ time: NOW - day * DAY }));
  // A fresh repository keeps everything until it is told the user's limits.
  assert.equal(again.history.list().groups.flatMap((g) => g.entries).length, 6);
  await again.retention.applySaved();
  const left = again.history.list().groups.flatMap((g) => g.entries);
  assert.deepEqual(
    left.map((entry) => (NOW - entry.time) / DAY),
    [1, 2, 3],
  );
  again.history.close();
});
