/**
 * The collections the user has opened: a list of folders remembered in `collections.json` in
 * the data dir, each served by one watching CollectionStore, their outside edits forwarded to
 * listeners. Import, export and running a saved request (saved-request-runner.ts) start here.
 */
import { readFile } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import type {
  CollectionTreeDTO,
  ImportReportDTO,
  RecentCollectionDTO,
} from '../../../shared/collections.ts';
import type { OpenCollectionDTO } from '../../../shared/contract/collection-methods.ts';
import { AppError } from '../../../shared/errors.ts';
import type { RequestResultDTO } from '../../../shared/requests.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import type { SecretVault } from '../ports.ts';
import { TypedEvents } from '../typed-events.ts';
import { writeImportedCollection } from './collection-import.ts';
import { CollectionStore, type CollectionEvents } from './collection-store.ts';
import { readExport } from './export-file-reader.ts';
import { writePostmanExport } from './postman-export.ts';
import type { RecentCollections } from './recent-collections.ts';
import type { RequestRunner } from '../requests/request-service.ts';
import { runSavedRequest, type SavedRunOptions } from './saved-request-runner.ts';
import { newRunState, type RunState } from '../tests/request-checks.ts';

// The CLI's `run` imports it from here.
export { runSavedRequest } from './saved-request-runner.ts';

const LIST_FILE = 'collections.json';

export interface CollectionsServiceOptions {
  dataDir: string;
  vault: SecretVault;
  /** Watch opened folders for outside edits (default true). */
  watch?: boolean;
  debounceMs?: number;
  /** Remembers each opened folder among the recent ones (the app's; the CLI has none). */
  recent?: RecentCollections;
}

export class CollectionsService {
  readonly #options: CollectionsServiceOptions;
  readonly #stores = new Map<string, Promise<CollectionStore>>();
  readonly #events = new TypedEvents<CollectionEvents>();
  readonly #runStates = new Map<string, RunState>();
  #folders: Promise<string[]> | null = null;
  #closed = false;

  constructor(options: CollectionsServiceOptions) {
    this.#options = options;
  }

  /** Every remembered collection; a folder that vanished is listed with the problem. */
  async list(): Promise<OpenCollectionDTO[]> {
    const folders = await this.#remembered();
    return Promise.all(
      folders.map(async (folder): Promise<OpenCollectionDTO> => {
        try {
          const store = await this.#store(folder);
          const tree = await store.tree();
          return { folder, name: tree.name, watching: store.watching, problem: null };
        } catch (error) {
          this.#stores.delete(folder);
          return { folder, name: basename(folder), watching: false, problem: messageOf(error) };
        }
      }),
    );
  }

  /** The folders opened lately, newest first; a gone one is marked missing. */
  async recent(): Promise<RecentCollectionDTO[]> {
    return (await this.#options.recent?.list()) ?? [];
  }

  async forgetRecent(folder: string): Promise<RecentCollectionDTO[]> {
    return (await this.#options.recent?.remove(normalize(folder))) ?? [];
  }

  /** Opens `folder` as a collection (an empty folder is a new one) and remembers it. */
  async open(folder: string): Promise<CollectionTreeDTO> {
    const path = normalize(folder);
    const tree = await (await this.#store(path)).tree();
    const folders = await this.#remembered();
    if (!folders.includes(path)) await this.#remember([...folders, path]);
    await this.#options.recent?.touch(path);
    return tree;
  }

  /** Forgets a collection; its files stay where they are. */
  async closeFolder(folder: string): Promise<void> {
    const path = normalize(folder);
    const folders = await this.#remembered();
    await this.#remember(folders.filter((f) => f !== path));
    const store = this.#stores.get(path);
    this.#stores.delete(path);
    this.#runStates.delete(path);
    (await store?.catch(() => null))?.close();
  }

  /** The store of an opened collection; a folder the user has not opened is refused. */
  async store(folder: string): Promise<CollectionStore> {
    const path = normalize(folder);
    if (!(await this.#remembered()).includes(path)) {
      throw new AppError(
        'NOT_FOUND',
        `${path} is not an open collection. Open the folder in Collections first.`,
      );
    }
    return this.#store(path);
  }

  /** `changed`: outside edits to any opened collection (a `git pull`, an editor). */
  readonly on = this.#events.on;

  /** Imports a Postman v2.1 / Insomnia v4 export into a new or empty folder, then opens it. */
  async importFile(
    file: string,
    folder: string,
    environmentFiles: string[] = [],
  ): Promise<{ report: ImportReportDTO; tree: CollectionTreeDTO }> {
    const imported = await readExport(file, environmentFiles);
    const path = normalize(folder);
    const report = await writeImportedCollection(imported, path, this.#options.vault);
    return { report, tree: await this.open(path) };
  }

  /** Writes Postman v2.1 to `file` and `<name>.<environment>.postman_environment.json` beside it. */
  async exportTo(folder: string, file: string): Promise<{ files: string[] }> {
    const target = normalize(file);
    return { files: await writePostmanExport(await this.store(folder), target) };
  }

  /**
   * Runs a saved request of an opened collection. Without a state of its own, it shares the
   * collection's run variables with the app's other runs of it, so what one request's script
   * sets (`vars.set`) feeds the next one's `{{name}}`, as in a collection run. They live in
   * memory for this session only, never written.
   */
  async run(
    folder: string,
    id: string,
    options: SavedRunOptions,
    runner: RequestRunner,
  ): Promise<RequestResultDTO> {
    const store = await this.store(folder);
    const path = normalize(folder);
    let state = this.#runStates.get(path);
    if (!state) this.#runStates.set(path, (state = newRunState()));
    return runSavedRequest(store, id, { state, ...options }, runner, this.#options.vault);
  }

  /** Stops every watcher. */
  close(): void {
    this.#closed = true;
    for (const store of this.#stores.values())
      void store.then(
        (s) => s.close(),
        () => {},
      );
    this.#stores.clear();
    this.#events.clear();
  }

  #store(path: string): Promise<CollectionStore> {
    if (this.#closed) return Promise.reject(new AppError('INTERNAL', 'Collections are closed.'));
    let store = this.#stores.get(path);
    if (!store) {
      store = CollectionStore.open(path, {
        vault: this.#options.vault,
        watch: this.#options.watch ?? true,
        ...(this.#options.debounceMs === undefined ? {} : { debounceMs: this.#options.debounceMs }),
      }).then((opened) => {
        opened.on('changed', (change) => this.#events.emit('changed', change));
        return opened;
      });
      store.catch(() => this.#stores.delete(path));
      this.#stores.set(path, store);
    }
    return store;
  }

  #remembered(): Promise<string[]> {
    return (this.#folders ??= readFile(join(this.#options.dataDir, LIST_FILE), 'utf8').then(
      (text) => {
        const saved = JSON.parse(text) as { folders?: unknown };
        return Array.isArray(saved.folders)
          ? saved.folders.filter((f): f is string => typeof f === 'string' && isAbsolute(f))
          : [];
      },
      // No file yet, or one we cannot read: start with no collections rather than fail.
      () => [],
    ));
  }

  async #remember(folders: string[]): Promise<void> {
    this.#folders = Promise.resolve(folders);
    await writeFileAtomic(
      join(this.#options.dataDir, LIST_FILE),
      JSON.stringify({ folders }, null, 2) + '\n',
    );
  }
}

function normalize(path: string): string {
  if (!isAbsolute(path)) {
    throw new AppError('INVALID_INPUT', `"${path}" is not an absolute path. Give the full path.`);
  }
  return resolve(path);
}

function messageOf(error: unknown): string {
  return error instanceof AppError
    ? error.message
    : `Cannot read the collection: ${(error as Error).message}`;
}
