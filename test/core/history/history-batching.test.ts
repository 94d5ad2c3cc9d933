import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openHistoryDatabase } from '../../../main/core/history/history-connection.ts';
import { HistoryRepository } from '../../../main/core/history/history-repository.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { aRun } from './history-fixtures.ts';

const BURST = fileURLToPath(new URL('./history-burst.child.ts', import.meta.url));

/** Runs the burst writer to its end; resolves with its exit code. */
function burst(dir: string, tag: string, count: number, ending: string): Promise<number | null> {
  const child = spawn(process.execPath, [BURST, dir, tag, String(count), ending], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** What another process sees in the file: only committed runs. */
function committedNames(dir: string): string[] {
  const db = new DatabaseSync(join(dir, 'history.sqlite'), { readOnly: true });
  try {
    return db
      .prepare('SELECT operation_name FROM entries ORDER BY id')
      .all()
      .map((row) => row.operation_name as string);
  } finally {
    db.close();
  }
}

describe('history writes runs in batches without losing one', () => {
  test('a burst of runs in one tick is all recorded, found by a search right after, and committed', async () => {
    const dir = await makeTempDir('history-burst');
    const history = HistoryRepository.open(dir);
    for (let i = 0; i < 300; i++) {
      history.record(aRun({ operationName: `Burst${i}`, query: `query Burst${i} { burst${i} }` }));
    }
    const found = history.list({ text: 'Burst123' }).groups.flatMap((g) => g.entries);
    assert.deepEqual(
      found.map((entry) => entry.operationName),
      ['Burst123'],
    );
    assert.equal(committedNames(dir).length, 300, 'the search committed the burst first');
    const db = new DatabaseSync(join(dir, 'history.sqlite'), { readOnly: true });
    const words = db
      .prepare(`SELECT term FROM entries_terms WHERE term LIKE 'burst%'`)
      .all()
      .map((row) => row.term);
    db.close();
    assert.equal(words.length, 300, "the burst's words were committed with it (prefix search)");
    history.close();
  });

  for (const ending of ['exit', 'throw']) {
    test(`a process that ends right after recording (${ending}) has committed its runs`, async () => {
      const dir = await makeTempDir(`history-${ending}`);
      const code = await burst(dir, 'Last', 40, ending);
      assert.equal(code, ending === 'exit' ? 0 : 1);
      assert.equal(committedNames(dir).length, 40);
    });
  }

  test('two processes recording bursts into one file at once both get every run in', async () => {
    const dir = await makeTempDir('history-two-writers');
    HistoryRepository.open(dir).close();
    const codes = await Promise.all([
      burst(dir, 'Left', 400, 'close'),
      burst(dir, 'Right', 400, 'close'),
    ]);
    assert.deepEqual(codes, [0, 0]);
    const names = committedNames(dir);
    assert.equal(names.filter((name) => name.startsWith('Left')).length, 400);
    assert.equal(names.filter((name) => name.startsWith('Right')).length, 400);
  });

  test('a write that fails mid-burst (disk full) loses none of the runs recorded before it', async () => {
    const dir = await makeTempDir('history-full');
    const connections: DatabaseSync[] = [];
    const history = HistoryRepository.open(dir, {
      connect: (file, busyTimeoutMs) => {
        const db = openHistoryDatabase(file, busyTimeoutMs);
        connections.push(db);
        return db;
      },
    });
    const ids = [1, 2, 3].map((i) => history.record(aRun({ operationName: `Before${i}` })));
    assert.ok(ids.every((id) => id !== null));
    // The file may not grow any more on this connection: the next big row finds the disk full.
    const db = connections[0]!;
    const { page_count } = db.prepare('PRAGMA page_count').get() as { page_count: number };
    db.exec(`PRAGMA max_page_count = ${page_count}`);
    const failed = history.record(aRun({ operationName: 'TooBig', response: 'x'.repeat(200_000) }));
    assert.equal(failed, null, 'the run that hit the full disk is reported as not recorded');
    assert.match(history.availability().problem ?? '', /free disk space/);
    assert.equal(history.reopen().available, true, 'space is back');
    const names = history
      .list()
      .groups.flatMap((g) => g.entries)
      .map((entry) => entry.operationName);
    assert.deepEqual(names, ['Before3', 'Before2', 'Before1']);
    history.close();
  });
});
