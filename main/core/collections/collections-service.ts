/**
 * The collections the user has opened: a list of folders remembered in `collections.json` in
 * the data dir, each served by one watching CollectionStore, their outside edits forwarded to
 * listeners. Also runs a saved request: `{{variables}}` are resolved here, in main, so an
 * environment's secrets reach the requests engine and nothing else.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, resolve } from 'node:path';
import type {
  CollectionChangeDTO,
  CollectionTreeDTO,
  ImportReportDTO,
  SavedRequestDTO,
} from '../../../shared/collections.ts';
import type { OpenCollectionDTO } from '../../../shared/contract/collection-methods.ts';
import type { AuthModeInput } from '../../../shared/endpoints.ts';
import { AppError } from '../../../shared/errors.ts';
import type { RequestResultDTO } from '../../../shared/requests.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import type { SecretVault } from '../ports.ts';
import type { RunOptions, RunRequest } from '../requests/request-service.ts';
import { writeImportedCollection, type ImportedCollection } from './collection-import.ts';
import { CollectionStore, type CollectionListener } from './collection-store.ts';
import { importInsomnia } from './insomnia-import.ts';
import { exportPostman } from './postman-export.ts';
import { importPostman } from './postman-import.ts';
import { resolveTemplate } from './template-resolver.ts';

const LIST_FILE = 'collections.json';

export interface CollectionsServiceOptions {
  dataDir: string;
  vault: SecretVault;
  /** Watch opened folders for outside edits (default true). */
  watch?: boolean;
  debounceMs?: number;
}

/** What runs a request: the core's RequestService (it records history). */
export interface RequestRunner {
  run(request: RunRequest, options?: RunOptions): Promise<RequestResultDTO>;
}

export interface SavedRunOptions extends RunOptions {
  /** The environment `{{variables}}` resolve against; null = the base variables. */
  environment: string | null;
  /** For IAM: the profile to sign with, over the request's own binding. */
  profile?: string;
}

export class CollectionsService {
  readonly #options: CollectionsServiceOptions;
  readonly #stores = new Map<string, Promise<CollectionStore>>();
  readonly #listeners = new Set<CollectionListener>();
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

  /** Opens `folder` as a collection (an empty folder is a new one) and remembers it. */
  async open(folder: string): Promise<CollectionTreeDTO> {
    const path = normalize(folder);
    const tree = await (await this.#store(path)).tree();
    const folders = await this.#remembered();
    if (!folders.includes(path)) await this.#remember([...folders, path]);
    return tree;
  }

  /** Forgets a collection; its files stay where they are. */
  async closeFolder(folder: string): Promise<void> {
    const path = normalize(folder);
    const folders = await this.#remembered();
    await this.#remember(folders.filter((f) => f !== path));
    const store = this.#stores.get(path);
    this.#stores.delete(path);
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

  /** Outside edits to any opened collection (a `git pull`, an editor). */
  onChange(listener: CollectionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

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
    const exported = await exportPostman(await this.store(folder));
    await writeFileAtomic(target, JSON.stringify(exported.collection, null, 2) + '\n', 0o644);
    const files = [target];
    const stem = join(dirname(target), basename(target, extname(target)));
    for (const environment of exported.environments) {
      const name = String(environment.name).replace(/[^\w.-]+/g, '-');
      const path = `${stem}.${name}.postman_environment.json`;
      await writeFileAtomic(path, JSON.stringify(environment, null, 2) + '\n', 0o644);
      files.push(path);
    }
    return { files };
  }

  /** Runs a saved request of an opened collection. */
  async run(
    folder: string,
    id: string,
    options: SavedRunOptions,
    runner: RequestRunner,
  ): Promise<RequestResultDTO> {
    return runSavedRequest(await this.store(folder), id, options, runner, this.#options.vault);
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
    this.#listeners.clear();
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
        opened.onChange((change) => this.#emit(change));
        return opened;
      });
      store.catch(() => this.#stores.delete(path));
      this.#stores.set(path, store);
    }
    return store;
  }

  #emit(change: CollectionChangeDTO): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch {
        // One listener failing must not stop the others from hearing about the change.
      }
    }
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

/**
 * Runs one saved request: reads it from disk, resolves `{{variables}}` (secrets from the
 * vault) and hands it to the requests engine. A non-IAM auth value that is a secret variable
 * is passed by its vault key; any other value is parked under a one-run vault key, removed
 * after the run, because the engine reads secrets only from a source, never from its input.
 */
export async function runSavedRequest(
  store: CollectionStore,
  id: string,
  options: SavedRunOptions,
  runner: RequestRunner,
  vault: SecretVault,
): Promise<RequestResultDTO> {
  const saved = withHeaderAuth(await store.read(id));
  const environment = await store.environment(options.environment);
  const resolved = await resolveTemplate(saved, environment, vault);
  const runOptions: RunOptions = {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };
  const chosenProfile = options.profile;
  const request: RunRequest = {
    query: resolved.query,
    variables: resolved.variables,
    headers: resolved.headers,
    ...(resolved.operationName ? { operationName: resolved.operationName } : {}),
  };
  const profile = chosenProfile ?? resolved.profile ?? undefined;
  if (profile) request.profile = profile;
  if (resolved.endpointRef) {
    request.endpointId = resolved.endpointRef;
    if (resolved.auth) request.authMode = resolved.auth.type;
    return runner.run(request, runOptions);
  }
  if (!resolved.url) {
    throw new AppError(
      'COLLECTION_INVALID',
      `${id} names neither an endpoint nor a URL. Open it, choose an endpoint, and save it again.`,
      { id },
    );
  }
  request.url = resolved.url;
  const auth = resolved.auth ?? { type: 'AWS_IAM', region: null, service: null };
  if (auth.type === 'AWS_IAM') {
    request.auth = {
      type: 'AWS_IAM',
      profile: null,
      ...(auth.region ? { region: auth.region } : {}),
      ...(auth.service ? { service: auth.service } : {}),
    } satisfies AuthModeInput;
    return runner.run(request, runOptions);
  }
  const original = saved.auth?.type === auth.type ? saved.auth.value : '';
  const reference = /^\{\{\s*([\w.-]+)\s*\}\}$/.exec(original)?.[1];
  const stored = reference === undefined ? undefined : environment.variables[reference];
  if (stored !== undefined && typeof stored === 'object') {
    request.auth = { type: auth.type, source: { from: 'vault', secretRef: stored.secret } };
    return runner.run(request, runOptions);
  }
  const oneRun = `collection-run:${randomUUID()}`;
  await vault.put(oneRun, auth.value);
  try {
    request.auth = { type: auth.type, source: { from: 'vault', secretRef: oneRun } };
    return await runner.run(request, runOptions);
  } finally {
    await vault.delete(oneRun);
  }
}

/**
 * A request without auth that carries its key in an `x-api-key` header, or its token in an
 * `Authorization` header (as many Postman exports do), runs in that mode: the engine then
 * reads the value as a secret and scrubs it from the answer, instead of sending it unsigned
 * as a plain header.
 */
function withHeaderAuth(request: SavedRequestDTO): SavedRequestDTO {
  if (request.auth || request.endpointRef) return request;
  const modes = [
    ['x-api-key', 'API_KEY'],
    ['authorization', 'OPENID_CONNECT'],
  ] as const;
  for (const [header, type] of modes) {
    const name = Object.keys(request.headers).find((h) => h.toLowerCase() === header);
    if (name === undefined) continue;
    const { [name]: value, ...headers } = request.headers;
    return { ...request, headers, auth: { type, value: value! } };
  }
  return request;
}

/** Reads an export file and tells Postman from Insomnia by their own markers. */
async function readExport(file: string, environmentFiles: string[]): Promise<ImportedCollection> {
  const json = await readJson(file);
  const root = (json ?? {}) as Record<string, unknown>;
  if (root._type === 'export') return importInsomnia(json);
  if (root.info && typeof root.info === 'object') {
    return importPostman(json, await Promise.all(environmentFiles.map(readJson)));
  }
  throw new AppError(
    'COLLECTION_INVALID',
    `${file} is neither a Postman Collection v2.1 export nor an Insomnia v4 export. Export it again from Postman (Collection v2.1) or Insomnia (Insomnia v4 JSON).`,
    { file },
  );
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new AppError(
      'NOT_FOUND',
      `Cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Check the path.`,
      { file },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError('COLLECTION_INVALID', `${file} is not JSON: ${(error as Error).message}.`, {
      file,
    });
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
