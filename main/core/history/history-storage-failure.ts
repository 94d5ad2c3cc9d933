/**
 * When the history file itself is the problem: which SQLite failures mean damaged, locked or
 * unreachable, moving a damaged file aside, and what to tell the user in each case.
 */
import { existsSync, renameSync } from 'node:fs';

export type StorageFailure = 'corrupt' | 'locked' | 'io';

/** SQLite's primary result codes that mean the file itself is the problem; null for any other error. */
export function classifyStorageFailure(error: unknown): StorageFailure | null {
  const code = (error as { errcode?: unknown }).errcode;
  if (typeof code !== 'number') return null;
  switch (code & 0xff) {
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
      return 'corrupt';
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
      return 'locked';
    case 8: // SQLITE_READONLY
    case 10: // SQLITE_IOERR
    case 13: // SQLITE_FULL
    case 14: // SQLITE_CANTOPEN
    case 23: // SQLITE_AUTH
      return 'io';
    default:
      return null;
  }
}

/** Renames the file and its WAL and shared-memory companions; returns the new base name. */
export function moveDamagedFileAside(file: string, now: number): string {
  const aside = `${file}.corrupt-${now}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

/** What happened to the file and what the user can do about it. */
export function unavailableProblem(failure: StorageFailure, file: string, error: unknown): string {
  const reason = (error as Error).message;
  return failure === 'locked'
    ? `History is unavailable: ${file} is locked by another process (${reason}). ` +
        'Close other AppSync Workbench windows or CLI runs, then retry.'
    : failure === 'corrupt'
      ? `History is unavailable: ${file} is damaged and could not be replaced (${reason}). ` +
        'Move the file away and restart.'
      : `History is unavailable: ${file} cannot be read or written (${reason}). ` +
        'Check the folder permissions and free disk space, then retry.';
}
