import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { HistoryRepository } from '../../../main/core/history/history-repository.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { aRun } from './history-fixtures.ts';

const WRITER = fileURLToPath(new URL('./history-writer.child.ts', import.meta.url));

describe('history survives damage', () => {
  test('a corrupt database is moved aside, reported, and history starts afresh', async () => {
    const dir = await makeTempDir('history-corrupt');
    const file = join(dir, 'history.sqlite');
    await writeFile(
      file,
      'this is not a database, it was overwritten by something else\n'.repeat(100),
    );
    const history = HistoryRepository.open(dir, { clock: { now: () => 1234 } });
    const availability = history.availability();
    assert.equal(availability.available, true);
    assert.equal(availability.movedAsideTo, `${file}.corrupt-1234`);
    assert.match(
      await readFile(`${file}.corrupt-1234`, 'utf8'),
      /not a database/,
      'kept for the user',
    );
    assert.ok(history.record(aRun()));
    assert.equal(history.list().groups.length, 1);
  });

  test('damage found after opening is handled the same way on the next call', async () => {
    const dir = await makeTempDir('history-corrupt-late');
    const history = HistoryRepository.open(dir);
    for (let i = 0; i < 200; i++) history.record(aRun({ response: 'x'.repeat(2000) }));
    history.close();
    // Scribble over the middle of the file, where table pages live.
    const file = join(dir, 'history.sqlite');
    const bytes = await readFile(file);
    bytes.fill(0xa5, 8192, bytes.length - 4096);
    await writeFile(file, bytes);
    const reopened = HistoryRepository.open(dir);
    assert.doesNotThrow(() => reopened.list({ text: 'order' }));
    assert.doesNotThrow(() => reopened.list());
    assert.ok(reopened.availability().available);
    assert.ok(reopened.availability().movedAsideTo, 'the damaged file was moved aside');
    assert.ok(reopened.record(aRun()), 'recording works again');
  });

  test('a database locked by another process makes history unavailable, not the app', async () => {
    const dir = await makeTempDir('history-locked');
    HistoryRepository.open(dir).close();
    const file = join(dir, 'history.sqlite');
    const holder = new DatabaseSync(file);
    holder.exec('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;');
    try {
      const history = HistoryRepository.open(dir, { busyTimeoutMs: 50 });
      const availability = history.availability();
      assert.equal(availability.available, false);
      assert.match(availability.problem!, /locked by another process/);
      assert.ok(availability.problem!.includes(file), 'the message names the file');
      assert.equal(history.record(aRun()), null, 'recording is skipped, the run still succeeds');
      assert.deepEqual(history.list().groups, []);
      assert.equal(history.list().availability.available, false);
      assert.throws(() => history.get(1), { code: 'HISTORY_UNAVAILABLE' });
      assert.equal(availability.movedAsideTo, null, 'a locked file is never moved aside');
      holder.exec('ROLLBACK');
      holder.close();
      assert.equal(history.reopen().available, true, 'retry works once the lock is gone');
      assert.ok(history.record(aRun()));
    } finally {
      if (holder.isOpen) holder.close();
    }
  });

  test('a writer killed by SIGKILL mid-write leaves a sound database with every committed run', async () => {
    const dir = await makeTempDir('history-kill');
    const child = spawn(process.execPath, [WRITER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let recorded = 0;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const lines = chunk.toString().trim().split('\n');
        recorded = Number(lines[lines.length - 1]);
        if (recorded >= 300) child.kill('SIGKILL');
      });
      child.once('exit', () => resolve());
    });
    assert.equal(child.signalCode, 'SIGKILL');
    assert.ok(existsSync(join(dir, 'history.sqlite-wal')), 'killed with writes still in the WAL');
    const db = new DatabaseSync(join(dir, 'history.sqlite'));
    assert.deepEqual(
      db
        .prepare('PRAGMA integrity_check')
        .all()
        .map((row) => row.integrity_check),
      ['ok'],
    );
    const { n } = db.prepare('SELECT count(*) AS n FROM entries').get() as { n: number };
    assert.ok(n >= recorded, `all ${recorded} reported runs are there (found ${n})`);
    db.exec(`INSERT INTO entries_fts(entries_fts, rank) VALUES ('integrity-check', 0)`);
    db.close();
    const history = HistoryRepository.open(dir);
    assert.equal(history.availability().movedAsideTo, null);
    assert.ok(history.list({ text: 'order' }).groups.length > 0);
  });
});
