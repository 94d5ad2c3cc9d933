/**
 * A collection: a folder the user chose, which stays the source of truth. Every write is
 * atomic (temp file + rename); every save names the version it was based on, so an outside
 * edit (a `git pull`, another editor) is never overwritten silently; outside edits are
 * reported to listeners as they happen.
 */
import { cp, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  CollectionChangeDTO,
  CollectionTreeDTO,
  RequestDraftDTO,
  SavedRequestDTO,
} from '../../../shared/collections.ts';
import { AppError } from '../../../shared/errors.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import type { SecretVault } from '../ports.ts';
import { scrubValue } from '../history/secret-scrubber.ts';
import {
  GRAPHQL_EXT,
  SETTINGS_FILE,
  SIDECAR_EXT,
  fileStem,
  parseRequest,
  requestFiles,
  requestVersion,
  safeSegments,
  serializeSidecar,
} from './collection-files.ts';
import {
  collectionName,
  describeEnvironments,
  ensureId,
  environmentOf,
  readSettings,
  secretKey,
  writeSettings,
  type CollectionEnvironment,
} from './collection-settings.ts';
import { scanCollection } from './collection-tree.ts';
import { watchFolder, type FolderWatcher } from './collection-watcher.ts';

export interface CollectionStoreOptions {
  vault: SecretVault;
  /** Watch the folder for outside edits (default true). */
  watch?: boolean;
  debounceMs?: number;
}

export type CollectionListener = (change: CollectionChangeDTO) => void;

async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The id a request named `name` gets in `folderId`. */
export function requestIdFor(folderId: string, name: string): string {
  return folderId ? `${safeSegments(folderId).join('/')}/${fileStem(name)}` : fileStem(name);
}

function parentOf(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash < 0 ? '' : id.slice(0, slash);
}

export class CollectionStore {
  readonly folder: string;
  #vault: SecretVault;
  #versions = new Map<string, string>();
  #settingsText: string | null = null;
  #listeners = new Set<CollectionListener>();
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
    this.#listeners.clear();
  }

  /** `true` when outside edits are picked up live on this platform. */
  get watching(): boolean {
    return this.#watcher !== null;
  }

  onChange(listener: CollectionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async tree(): Promise<CollectionTreeDTO> {
    const scanned = await scanCollection(this.folder);
    this.#versions = scanned.versions;
    let name = collectionName(this.folder, {});
    let environments: string[] = [];
    try {
      const { settings, text } = await readSettings(this.folder);
      this.#settingsText = text;
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
    const files = requestFiles(this.folder, id);
    const graphql = await readOptional(files.graphql);
    if (graphql === null)
      throw new AppError(
        'NOT_FOUND',
        `The request ${id} is no longer in ${this.folder} (moved or deleted outside the app?).`,
      );
    const sidecar = await readOptional(files.sidecar);
    const segments = safeSegments(id);
    const request = parseRequest(
      segments[segments.length - 1]!,
      graphql,
      sidecar,
      `${id}${SIDECAR_EXT}`,
    );
    const version = requestVersion(graphql, sidecar);
    this.#versions.set(id, version);
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
    const files = requestFiles(this.folder, id);
    const graphql = await readOptional(files.graphql);
    const sidecar = graphql === null ? null : await readOptional(files.sidecar);
    const current = graphql === null ? null : requestVersion(graphql, sidecar);
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
    await writeFileAtomic(files.graphql, draft.query, 0o644);
    await writeFileAtomic(files.sidecar, sidecarText, 0o644);
    const version = requestVersion(draft.query, sidecarText);
    this.#versions.set(segments.join('/'), version);
    return { ...draft, id: segments.join('/'), folder: parentOf(segments.join('/')), version };
  }

  async createFolder(parentId: string, name: string): Promise<string> {
    const id = requestIdFor(parentId, name);
    const path = join(this.folder, ...safeSegments(id));
    if (await exists(path))
      throw new AppError('COLLECTION_CONFLICT', `${id} already exists in ${this.folder}.`, { id });
    await mkdir(path, { recursive: true });
    return id;
  }

  async renameRequest(id: string, newName: string): Promise<string> {
    const request = await this.read(id);
    const target = requestIdFor(request.folder, newName);
    if (target === id) {
      await this.save(id, { ...request, name: newName }, request.version);
      return id;
    }
    await this.#moveRequestFiles(id, target);
    const moved = await this.read(target);
    if (moved.name !== newName) await this.save(target, { ...moved, name: newName }, moved.version);
    return target;
  }

  async moveRequest(id: string, toFolderId: string): Promise<string> {
    const segments = safeSegments(id);
    const target = toFolderId
      ? `${safeSegments(toFolderId).join('/')}/${segments[segments.length - 1]}`
      : segments[segments.length - 1]!;
    if (target !== id) await this.#moveRequestFiles(id, target);
    return target;
  }

  async duplicateRequest(id: string): Promise<string> {
    const request = await this.read(id);
    for (let n = 1; ; n++) {
      const name = n === 1 ? `${request.name} copy` : `${request.name} copy ${n}`;
      const target = requestIdFor(request.folder, name);
      if (!(await exists(requestFiles(this.folder, target).graphql))) {
        await this.save(target, { ...request, name }, null);
        return target;
      }
    }
  }

  async deleteRequest(id: string): Promise<void> {
    const files = requestFiles(this.folder, id);
    if (!(await exists(files.graphql)))
      throw new AppError('NOT_FOUND', `The request ${id} is not in ${this.folder}.`);
    await rm(files.sidecar, { force: true });
    await rm(files.graphql, { force: true });
    this.#versions.delete(safeSegments(id).join('/'));
  }

  async renameFolder(id: string, newName: string): Promise<string> {
    return this.#moveFolder(id, requestIdFor(parentOf(safeSegments(id).join('/')), newName));
  }

  async moveFolder(id: string, toParentId: string): Promise<string> {
    const segments = safeSegments(id);
    const target = requestIdFor(toParentId, segments[segments.length - 1]!);
    if (target === id || target.startsWith(`${segments.join('/')}/`)) {
      throw new AppError(
        'INVALID_INPUT',
        `A folder cannot be moved into itself (${id} → ${toParentId}).`,
      );
    }
    return this.#moveFolder(id, target);
  }

  async deleteFolder(id: string): Promise<void> {
    const segments = safeSegments(id);
    if (segments.length === 0)
      throw new AppError('INVALID_INPUT', 'The collection root cannot be deleted from here.');
    await rm(join(this.folder, ...segments), { recursive: true, force: true });
    await this.tree();
  }

  /** Base variables and environments (secret values shown as null). */
  async environments() {
    return describeEnvironments((await readSettings(this.folder)).settings);
  }

  /** The variables `{{name}}` resolves against: base variables overlaid by `name`'s. */
  async environment(name: string | null): Promise<CollectionEnvironment> {
    return environmentOf(this.folder, (await readSettings(this.folder)).settings, name);
  }

  /**
   * Sets a variable in an environment (null: the base variables used by every environment).
   * A secret goes to the vault; the file holds only its vault key.
   */
  async setVariable(
    environment: string | null,
    name: string,
    value: string,
    secret: boolean,
  ): Promise<void> {
    const { settings } = await readSettings(this.folder);
    let stored: string | { secret: string } = value;
    if (secret) {
      const key = secretKey(ensureId(settings), environment, name);
      await this.#vault.put(key, value);
      stored = { secret: key };
    }
    if (environment === null) settings.variables = { ...settings.variables, [name]: stored };
    else {
      settings.environments ??= {};
      settings.environments[environment] = {
        ...settings.environments[environment],
        [name]: stored,
      };
    }
    this.#settingsText = await writeSettings(this.folder, settings);
  }

  async removeVariable(environment: string | null, name: string): Promise<void> {
    const { settings } = await readSettings(this.folder);
    const scope = environment === null ? settings.variables : settings.environments?.[environment];
    const value = scope?.[name];
    if (value === undefined) return;
    if (typeof value === 'object') await this.#vault.delete(value.secret);
    delete scope![name];
    this.#settingsText = await writeSettings(this.folder, settings);
  }

  async setName(name: string): Promise<void> {
    const { settings } = await readSettings(this.folder);
    settings.name = name;
    this.#settingsText = await writeSettings(this.folder, settings);
  }

  async #moveRequestFiles(from: string, to: string): Promise<void> {
    const source = requestFiles(this.folder, from);
    const target = requestFiles(this.folder, to);
    if (!(await exists(source.graphql)))
      throw new AppError('NOT_FOUND', `The request ${from} is not in ${this.folder}.`);
    if (await exists(target.graphql))
      throw new AppError('COLLECTION_CONFLICT', `A request ${to} already exists.`, { id: to });
    await mkdir(join(target.graphql, '..'), { recursive: true });
    if (await exists(source.sidecar)) await rename(source.sidecar, target.sidecar);
    await rename(source.graphql, target.graphql);
    const version = this.#versions.get(from);
    this.#versions.delete(from);
    if (version) this.#versions.set(to, version);
  }

  async #moveFolder(id: string, target: string): Promise<string> {
    const from = join(this.folder, ...safeSegments(id));
    const to = join(this.folder, ...safeSegments(target));
    if (await exists(to))
      throw new AppError('COLLECTION_CONFLICT', `${target} already exists in ${this.folder}.`, {
        id: target,
      });
    await mkdir(join(to, '..'), { recursive: true });
    try {
      await rename(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await cp(from, to, { recursive: true });
      await rm(from, { recursive: true, force: true });
    }
    await this.tree();
    return target;
  }

  async #onOutsideChange(paths: string[]): Promise<void> {
    const change: CollectionChangeDTO = {
      folder: this.folder,
      requestIds: [],
      treeChanged: false,
      settingsChanged: false,
    };
    const seen = new Set<string>();
    for (const path of paths) {
      if (path.split('/').some((segment) => segment.startsWith('.'))) continue;
      if (path === SETTINGS_FILE) {
        const text = await readOptional(join(this.folder, SETTINGS_FILE));
        if (text !== this.#settingsText) {
          this.#settingsText = text;
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
        if (!this.#versions.has(path)) change.treeChanged = true;
        continue;
      }
      const id = path.slice(0, -ext.length);
      if (seen.has(id)) continue;
      seen.add(id);
      const files = requestFiles(this.folder, id);
      const graphql = await readOptional(files.graphql);
      const version =
        graphql === null ? null : requestVersion(graphql, await readOptional(files.sidecar));
      const known = this.#versions.get(id) ?? null;
      if (version === known) continue;
      if (version === null) this.#versions.delete(id);
      else this.#versions.set(id, version);
      if (version === null || known === null) change.treeChanged = true;
      change.requestIds.push(id);
    }
    if (change.requestIds.length || change.treeChanged || change.settingsChanged) {
      for (const listener of this.#listeners) listener(change);
    }
  }
}

/** Secrets belong in environment secret variables: a literal one is refused, never written. */
function assertNoLiteralSecrets(id: string, draft: RequestDraftDTO): void {
  // `{{name}}` references are the right way to use a secret: only literal values are checked.
  const checked = JSON.parse(
    JSON.stringify({
      headers: draft.headers,
      variables: draft.variables,
      url: draft.url,
      auth: draft.auth,
      query: draft.query,
    }).replace(/\{\{\s*[\w.-]+\s*\}\}/g, ''),
  ) as unknown;
  if (JSON.stringify(scrubValue(checked)) !== JSON.stringify(checked)) {
    throw new AppError(
      'COLLECTION_INVALID',
      `${id} holds what looks like a secret (an API key, token, password or AWS key) in its headers, variables, URL or query. ` +
        'Collection files are shared: put the value in an environment secret variable and use {{name}} instead.',
      { id },
    );
  }
}
