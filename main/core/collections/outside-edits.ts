/**
 * Tells outside edits (a `git pull`, another editor) from the app's own writes. The store
 * remembers every file as it last read or wrote it; a batch of changed paths from the watcher
 * is an outside edit only where the files on disk now differ from that.
 */
import type { CollectionChangeDTO } from '../../../shared/collections.ts';
import { AppError } from '../../../shared/errors.ts';
import { readCollectionFile } from './collection-boundary.ts';
import {
  GRAPHQL_EXT,
  SETTINGS_FILE,
  SIDECAR_EXT,
  readRequestText,
  requestVersion,
} from './collection-files.ts';

/**
 * A file that can no longer be read (it became a link outside the collection, say): changed,
 * and the tree's next scan says why.
 */
const REFUSED = Symbol('refused');

async function readOrRefused<T>(read: () => Promise<T>): Promise<T | typeof REFUSED> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError) return REFUSED;
    throw error;
  }
}

/** The collection's files as the app last read or wrote them. */
export interface KnownVersions {
  /** Request id → version (see `requestVersion`). */
  requests: Map<string, string>;
  /** The text of collection.json; null when there is none. */
  settingsText: string | null;
}

/**
 * Compares the changed `paths` (relative to `folder`, `/`-separated) with what the app knows,
 * brings `known` up to date, and says what changed: null when every change was the app's own.
 */
export async function outsideEdits(
  folder: string,
  paths: string[],
  known: KnownVersions,
): Promise<CollectionChangeDTO | null> {
  const change: CollectionChangeDTO = {
    folder,
    requestIds: [],
    treeChanged: false,
    settingsChanged: false,
  };
  const seen = new Set<string>();
  for (const path of paths) {
    if (path.split('/').some((segment) => segment.startsWith('.'))) continue;
    if (path === SETTINGS_FILE) {
      const text = await readOrRefused(() => readCollectionFile(folder, SETTINGS_FILE));
      if (text === REFUSED) {
        known.settingsText = null;
        change.settingsChanged = change.treeChanged = true;
      } else if (text !== known.settingsText) {
        known.settingsText = text;
        change.settingsChanged = true;
      }
      continue;
    }
    const ext = path.endsWith(SIDECAR_EXT)
      ? SIDECAR_EXT
      : path.endsWith(GRAPHQL_EXT)
        ? GRAPHQL_EXT
        : null;
    if (ext === null) {
      // A folder appeared, vanished or was renamed.
      if (!known.requests.has(path)) change.treeChanged = true;
      continue;
    }
    const id = path.slice(0, -ext.length);
    if (seen.has(id)) continue;
    seen.add(id);
    const text = await readOrRefused(() => readRequestText(folder, id));
    if (text === REFUSED) {
      known.requests.delete(id);
      change.treeChanged = true;
      change.requestIds.push(id);
      continue;
    }
    const version = text === null ? null : requestVersion(text.graphql, text.sidecar);
    const before = known.requests.get(id) ?? null;
    if (version === before) continue;
    if (version === null) known.requests.delete(id);
    else known.requests.set(id, version);
    if (version === null || before === null) change.treeChanged = true;
    change.requestIds.push(id);
  }
  return change.requestIds.length || change.treeChanged || change.settingsChanged ? change : null;
}
