/**
 * A collection: a folder the user chose, which stays the source of truth. Every write is
 * atomic (temp file + rename); every save names the version it was based on, so an outside
 * edit (a `git pull`, another editor) is never overwritten silently; outside edits are
 * reported to listeners as they happen.
 */
import { stat } from 'node:fs/promises';
import type {
  CollectionChangeDTO,
  CollectionTreeDTO,
  RequestDraftDTO,
  SavedRequestDTO,
} from '../../../shared/collections.ts';
import { AppError } from '../../../shared/errors.ts';
import type { SecretVault } from '../ports.ts';
import { TypedEvents } from '../typed-events.ts';
import { writeCollectionFile } from './collection-boundary.ts';
import {
  SETTINGS_FILE,
  SIDECAR_EXT,
  parentOf,
  parseRequest,
  readRequestText,
  requestFiles,
  requestIdFor,
  requestVersion,
  safeSegments,
  serializeSidecar,
} from './collection-files.ts';
import {
  createFolder,
  deleteFolderFiles,
  deleteRequestFiles,
  folderMoveTarget,
  moveFolderFiles,
  moveRequestFiles,
  requestExists,
  requestMoveTarget,
} from './collection-moves.ts';
import {
  collectionName,
  deleteVariable,
  describeEnvironments,
  environmentOf,
  readSettings,
  writeSettings,
  writeVariable,
  type CollectionEnvironment,
} from './collection-settings.ts';
import { scanCollection } from './collection-tree.ts';
import { watchFolder, type FolderWatcher } from './collection-watcher.ts';
import { assertNoLiteralSecrets } from './literal-secret-guard.ts';
import { outsideEdits, type KnownVersions } from './outside-edits.ts';

// Other folders import it from here.
export { requestIdFor } from './collection-files.ts';

/** What a tree item is: the contract's `kind`. */
type ItemKind = 'request' | 'folder';
type Environments = ReturnType<typeof describeEnvironments>;

export interface CollectionStoreOptions {
  vault: SecretVault;
  /** Watch the folder for outside edits (default true). */
  watch?: boolean;
  debounceMs?: number;
}

/** What a collection tells its listeners: `changed`, outside edits to its folder. */
export interface CollectionEvents {
  changed: CollectionChangeDTO;
}

export class CollectionStore {
  readonly folder: string;
  #vault: SecretVault;
  #known: KnownVersions = { requests: new Map(), settingsText: null };
  readonly #events = new TypedEvents<CollectionEvents>();
  #watcher: FolderWatcher | null = null;

  private constructor(folder: string, vault: SecretVault) {
    this.folder = folder;
    this.#vault = vault;
  }

  static async open(folder: string, options: CollectionStoreOptions): Promise<CollectionStore> {
    const info = await stat(folder).catch(() => null);
    if (!info?.isDirectory()) {
      throw new AppError(
        'NOT_FOUND',
        `${folder} is not a folder. Choose an existing folder for the collection.`,
      );
    }
    const store = new CollectionStore(folder, options.vault);
    await store.tree();
    if (options.watch !== false) {
      store.#watcher = watchFolder(
        folder,
        options.debounceMs ?? 100,
        (paths) => void store.#onOutsideChange(paths),
      );
    }
    return store;
  }

  close(): void {
    this.#watcher?.close();
    this.#events.clear();
  }

  /** `true` when outside edits are picked up live on this platform. */
  get watching(): boolean {
    return this.#watcher !== null;
  }

  readonly on = this.#events.on;

  async tree(): Promise<CollectionTreeDTO> {
    const scanned = await scanCollection(this.folder);
    this.#known.requests = scanned.versions;
    let name = collectionName(this.folder, {});
    let environments: string[] = [];
    try {
      const { settings, text } = await readSettings(this.folder);
      this.#known.settingsText = text;
      name = collectionName(this.folder, settings);
      environments = Object.keys(settings.environments ?? {});
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      scanned.problems.push({ file: SETTINGS_FILE, message: error.message });
    }
    return {
      folder: this.folder,
      name,
      environments,
      root: scanned.root,
      problems: scanned.problems,
    };
  }

  async read(id: string): Promise<SavedRequestDTO> {
    const text = await readRequestText(this.folder, id);
    if (text === null)
      throw new AppError(
        'NOT_FOUND',
        `The request ${id} is no longer in ${this.folder} (moved or deleted outside the app?).`,
      );
    const segments = safeSegments(id);
    const request = parseRequest(
      segments[segments.length - 1]!,
      text.graphql,
      text.sidecar,
      `${id}${SIDECAR_EXT}`,
    );
    const version = requestVersion(text.graphql, text.sidecar);
    this.#known.requests.set(id, version);
    return { ...request, id: segments.join('/'), folder: parentOf(segments.join('/')), version };
  }

  /**
   * Saves a request as `id` (see `requestIdFor`). `baseVersion` is the version the tab was
   * opened from, or null for a new request; if the files changed since, nothing is written
   * and COLLECTION_CONFLICT carries their current content.
   */
  async save(
    id: string,
    draft: RequestDraftDTO,
    baseVersion: string | null,
  ): Promise<SavedRequestDTO> {
    assertNoLiteralSecrets(id, draft);
    const files = requestFiles(id);
    const text = await readRequestText(this.folder, id, 'written');
    const current = text === null ? null : requestVersion(text.graphql, text.sidecar);
    if (current !== baseVersion) {
      const theirs = current === null ? null : await this.read(id).catch(() => null);
      throw new AppError(
        'COLLECTION_CONFLICT',
        current === null
          ? `${id} was deleted outside the app since you opened it. Save it under a name to keep your version.`
          : baseVersion === null
            ? `A request named ${id} already exists in ${this.folder}. Choose another name or open it.`
            : `${id} was changed outside the app (a git pull or another editor) since you opened it. Compare both versions, then save again.`,
        { id, theirs, theirsVersion: current },
      );
    }
    const segments = safeSegments(id);
    const stem = segments[segments.length - 1]!;
    const sidecarText = serializeSidecar(draft, stem);
    // Document first: a reader never sees a new sidecar describing an old document's variables.
    await writeCollectionFile(this.folder, files.graphql, draft.query);
    await writeCollectionFile(this.folder, files.sidecar, sidecarText);
    const version = requestVersion(draft.query, sidecarText);
    this.#known.requests.set(segments.join('/'), version);
    return { ...draft, id: segments.join('/'), folder: parentOf(segments.join('/')), version };
  }

  /** Saves a draft as `id`, or, without one, as a new request in `parent` named after it. */
  async saveDraft(
    id: string | undefined,
    parent: string | undefined,
    draft: RequestDraftDTO,
    baseVersion: string | null,
  ): Promise<SavedRequestDTO> {
    return this.save(id ?? requestIdFor(parent ?? '', draft.name), draft, baseVersion);
  }

  async createFolder(parentId: string, name: string): Promise<string> {
    return createFolder(this.folder, parentId, name);
  }

  async renameRequest(id: string, newName: string): Promise<string> {
    const request = await this.read(id);
    const target = requestIdFor(request.folder, newName);
    if (target === id) {
      await this.save(id, { ...request, name: newName }, request.version);
      return id;
    }
    await this.#moveRequest(id, target);
    const moved = await this.read(target);
    if (moved.name !== newName) await this.save(target, { ...moved, name: newName }, moved.version);
    return target;
  }

  async moveRequest(id: string, toFolderId: string): Promise<string> {
    const target = requestMoveTarget(id, toFolderId);
    if (target !== id) await this.#moveRequest(id, target);
    return target;
  }

  async duplicateRequest(id: string): Promise<string> {
    const request = await this.read(id);
    for (let n = 1; ; n++) {
      const name = n === 1 ? `${request.name} copy` : `${request.name} copy ${n}`;
      const target = requestIdFor(request.folder, name);
      if (!(await requestExists(this.folder, target))) {
        await this.save(target, { ...request, name }, null);
        return target;
      }
    }
  }

  async deleteRequest(id: string): Promise<void> {
    await deleteRequestFiles(this.folder, id);
    this.#known.requests.delete(safeSegments(id).join('/'));
  }

  async renameFolder(id: string, newName: string): Promise<string> {
    return this.#moveFolder(id, requestIdFor(parentOf(safeSegments(id).join('/')), newName));
  }

  async moveFolder(id: string, toParentId: string): Promise<string> {
    return this.#moveFolder(id, folderMoveTarget(id, toParentId));
  }

  async deleteFolder(id: string): Promise<void> {
    await deleteFolderFiles(this.folder, id);
    await this.tree();
  }

  /** A request or a folder renamed; its new id. */
  async rename(kind: ItemKind, id: string, name: string): Promise<string> {
    return kind === 'folder' ? this.renameFolder(id, name) : this.renameRequest(id, name);
  }

  /** A request or a folder moved into folder `to`; its new id. */
  async move(kind: ItemKind, id: string, to: string): Promise<string> {
    return kind === 'folder' ? this.moveFolder(id, to) : this.moveRequest(id, to);
  }

  async remove(kind: ItemKind, id: string): Promise<void> {
    return kind === 'folder' ? this.deleteFolder(id) : this.deleteRequest(id);
  }

  /** Base variables and environments (secret values shown as null). */
  async environments(): Promise<Environments> {
    return describeEnvironments((await readSettings(this.folder)).settings);
  }

  /** The variables `{{name}}` resolves against: base variables overlaid by `name`'s. */
  async environment(name: string | null): Promise<CollectionEnvironment> {
    return environmentOf(this.folder, (await readSettings(this.folder)).settings, name);
  }

  /** Sets a variable (environment null: the base variables); a secret goes to the vault. */
  async setVariable(
    environment: string | null,
    name: string,
    value: string,
    secret: boolean,
  ): Promise<Environments> {
    this.#known.settingsText = await writeVariable(
      this.folder,
      this.#vault,
      environment,
      name,
      value,
      secret,
    );
    return this.environments();
  }

  /** Removes a variable; the environments as they are then. */
  async removeVariable(environment: string | null, name: string): Promise<Environments> {
    const text = await deleteVariable(this.folder, this.#vault, environment, name);
    if (text !== null) this.#known.settingsText = text;
    return this.environments();
  }

  async setName(name: string): Promise<void> {
    const { settings } = await readSettings(this.folder);
    settings.name = name;
    this.#known.settingsText = await writeSettings(this.folder, settings);
  }

  async #moveRequest(from: string, to: string): Promise<void> {
    await moveRequestFiles(this.folder, from, to);
    const version = this.#known.requests.get(from);
    this.#known.requests.delete(from);
    if (version) this.#known.requests.set(to, version);
  }

  async #moveFolder(id: string, target: string): Promise<string> {
    await moveFolderFiles(this.folder, id, target);
    await this.tree();
    return target;
  }

  async #onOutsideChange(paths: string[]): Promise<void> {
    const change = await outsideEdits(this.folder, paths, this.#known);
    if (change) this.#events.emit('changed', change);
  }
}
