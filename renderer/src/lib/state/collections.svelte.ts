/**
 * Saved collections as the collections view shows them: the folders the user opened, the
 * active one's tree and environments, the last run of each request, and a save conflict
 * waiting for the user's decision. Files on disk stay the source of truth: an outside edit
 * (`collections.changed`) reloads what is shown.
 */
import { getContext, setContext } from 'svelte';
import { IpcClientError, type Api } from '../../../../shared/client.ts';
import type {
  CollectionFolderNode,
  CollectionTreeDTO,
  ImportReportDTO,
  RecentCollectionDTO,
  RequestDraftDTO,
  SavedRequestDTO,
} from '../../../../shared/collections.ts';
import type {
  CollectionEnvironmentsDTO,
  OpenCollectionDTO,
} from '../../../../shared/contract/collection-methods.ts';
import type { RequestResultDTO } from '../../../../shared/requests.ts';

const KEY = Symbol('collections');

export type NodeKind = 'request' | 'folder';

export interface Selection {
  kind: NodeKind;
  id: string;
}

export interface RunOutcome {
  /** The operation id while the run is in flight (what `cancelRun` stops), else null. */
  running: string | null;
  result: RequestResultDTO | null;
  failure: string | null;
  /** The failure's code (`CANCELLED` when stopped from the UI). */
  failureCode: string | null;
}

/** A save refused because the files changed on disk since the tab opened them. */
export interface SaveConflict {
  folder: string;
  id: string;
  mine: RequestDraftDTO;
  theirs: SavedRequestDTO | null;
  theirsVersion: string | null;
  message: string;
}

export class CollectionsState {
  list = $state<OpenCollectionDTO[]>([]);
  activeFolder = $state<string | null>(null);
  tree = $state<CollectionTreeDTO | null>(null);
  environments = $state<CollectionEnvironmentsDTO | null>(null);
  /**
   * The environment runs use, per collection folder; null = the base variables. One choice,
   * made in the collections view or beside a tab's endpoint.
   */
  chosenEnvironment = $state<Record<string, string | null>>({});
  /** Each folder's variables and environments as last read (secrets without their values). */
  environmentsByFolder = $state<Record<string, CollectionEnvironmentsDTO>>({});
  selection = $state<Selection | null>(null);
  runs = $state<Record<string, RunOutcome>>({});
  conflict = $state<SaveConflict | null>(null);
  lastImport = $state<ImportReportDTO | null>(null);
  /** Folders opened lately, open or not; a missing one can be removed. */
  recent = $state<RecentCollectionDTO[]>([]);
  /** The files the last export wrote. */
  lastExport = $state<string[] | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  /** Bumped on every outside change, so open views can tell the tree was reloaded. */
  changes = $state(0);

  active = $derived(this.list.find((c) => c.folder === this.activeFolder) ?? null);
  environment = $derived(
    this.activeFolder ? (this.chosenEnvironment[this.activeFolder] ?? null) : null,
  );
  /** Every folder of the active tree, for "move to" and "save into" pickers. */
  folders = $derived(this.tree ? folderList(this.tree.root, '') : []);

  readonly #api: Api;

  constructor(api: Api) {
    this.#api = api;
  }

  async load(): Promise<void> {
    await this.#try(async () => {
      [this.list, this.recent] = await Promise.all([
        this.#api.collections.list(),
        this.#api.collections.recent(),
      ]);
      const keep = this.list.find((c) => c.folder === this.activeFolder && !c.problem);
      const first = keep ?? this.list.find((c) => !c.problem) ?? null;
      await this.select(first?.folder ?? null);
    });
  }

  /** Reloads what is shown when files changed on disk outside the app. */
  follow(): () => void {
    return this.#api.on('collections.changed', (change) => {
      this.changes++;
      if (change.folder !== this.activeFolder) {
        if (change.settingsChanged && this.environmentsByFolder[change.folder]) {
          void this.environmentsOf(change.folder, true);
        }
        return;
      }
      void this.refresh();
      if (change.settingsChanged) void this.loadEnvironments();
    });
  }

  async select(folder: string | null): Promise<void> {
    this.activeFolder = folder;
    this.selection = null;
    this.tree = null;
    this.environments = null;
    if (folder) await Promise.all([this.refresh(), this.loadEnvironments()]);
  }

  async refresh(): Promise<void> {
    const folder = this.activeFolder;
    if (!folder) return;
    await this.#try(async () => {
      const tree = await this.#api.collections.tree({ folder });
      if (folder === this.activeFolder) this.tree = tree;
    });
  }

  async loadEnvironments(): Promise<void> {
    const folder = this.activeFolder;
    if (!folder) return;
    await this.#try(async () => {
      const environments = await this.environmentsOf(folder, true);
      if (folder === this.activeFolder) this.environments = environments;
    });
  }

  /**
   * `folder`'s variables and environments (read once, or again with `reload`). A choice whose
   * environment is gone falls back to the base variables; with no choice yet, the first
   * environment is chosen, so every view of the folder starts from the same one.
   */
  async environmentsOf(folder: string, reload = false): Promise<CollectionEnvironmentsDTO> {
    const known = this.environmentsByFolder[folder];
    if (known && !reload) return known;
    const environments = await this.#api.collections.environments({ folder });
    this.#remember(folder, environments);
    return environments;
  }

  #remember(folder: string, environments: CollectionEnvironmentsDTO): void {
    this.environmentsByFolder[folder] = environments;
    const chosen = this.chosenEnvironment[folder];
    if (chosen && !environments.environments.some((e) => e.name === chosen)) {
      this.chosenEnvironment[folder] = null;
    } else if (chosen === undefined && environments.environments[0]) {
      this.chosenEnvironment[folder] = environments.environments[0].name;
    }
  }

  chooseEnvironment(name: string | null, folder = this.activeFolder): void {
    if (folder) this.chosenEnvironment[folder] = name;
  }

  /**
   * The environment runs in `folder` use: the one chosen (in the collections view or beside a
   * tab's endpoint), else the default either would choose (its first environment), so a tab
   * restored before the folder was shown runs where a run from the tree would.
   */
  async environmentFor(folder: string): Promise<string | null> {
    if (this.chosenEnvironment[folder] === undefined) await this.environmentsOf(folder);
    return this.chosenEnvironment[folder] ?? null;
  }

  async open(folder: string): Promise<boolean> {
    return this.#try(async () => {
      const tree = await this.#api.collections.open({ folder: folder.trim() });
      this.list = await this.#api.collections.list();
      this.recent = await this.#api.collections.recent();
      await this.select(tree.folder);
    });
  }

  async forgetRecent(folder: string): Promise<void> {
    await this.#try(async () => {
      this.recent = await this.#api.collections.forgetRecent({ folder });
    });
  }

  /** Writes the active collection as a Postman v2.1 file (and its environments beside it). */
  async exportTo(file: string): Promise<boolean> {
    const folder = this.activeFolder;
    if (!folder) return false;
    return this.#try(async () => {
      this.lastExport = (await this.#api.collections.export({ folder, file: file.trim() })).files;
    });
  }

  async close(folder: string): Promise<void> {
    await this.#try(async () => {
      await this.#api.collections.close({ folder });
      if (this.activeFolder === folder) this.activeFolder = null;
      await this.load();
    });
  }

  async importFile(file: string, folder: string): Promise<boolean> {
    return this.#try(async () => {
      const { report, tree } = await this.#api.collections.import({
        file: file.trim(),
        folder: folder.trim(),
      });
      this.lastImport = report;
      this.list = await this.#api.collections.list();
      this.recent = await this.#api.collections.recent();
      await this.select(tree.folder);
    });
  }

  read(id: string, folder = this.activeFolder!): Promise<SavedRequestDTO> {
    return this.#api.collections.read({ folder, id });
  }

  /** The node operations of the tree; each reloads the tree and selects the result. */
  async createFolder(parent: string, name: string): Promise<void> {
    await this.#edit(async (folder) => ({
      kind: 'folder',
      id: (await this.#api.collections.createFolder({ folder, parent, name })).id,
    }));
  }

  async rename(target: Selection, name: string): Promise<void> {
    await this.#edit(async (folder) => ({
      kind: target.kind,
      id: (await this.#api.collections.rename({ folder, ...target, name })).id,
    }));
  }

  async move(target: Selection, to: string): Promise<void> {
    await this.#edit(async (folder) => ({
      kind: target.kind,
      id: (await this.#api.collections.move({ folder, ...target, to })).id,
    }));
  }

  async duplicate(id: string): Promise<void> {
    await this.#edit(async (folder) => ({
      kind: 'request',
      id: (await this.#api.collections.duplicate({ folder, id })).id,
    }));
  }

  async remove(target: Selection): Promise<void> {
    await this.#edit(async (folder) => {
      await this.#api.collections.delete({ folder, ...target });
      return null;
    });
  }

  /**
   * Saves a draft: back to `id` at `baseVersion`, or as a new request in `parent`. A conflict
   * is kept in `conflict` for the dialog; the saved request is returned otherwise.
   */
  async save(
    folder: string,
    draft: RequestDraftDTO,
    where: { id: string; baseVersion: string | null } | { parent: string },
  ): Promise<SavedRequestDTO | null> {
    try {
      const saved = await this.#api.collections.save({
        folder,
        draft,
        ...('id' in where
          ? { id: where.id, baseVersion: where.baseVersion }
          : { parent: where.parent, baseVersion: null }),
      });
      this.error = null;
      this.conflict = null;
      if (folder === this.activeFolder) {
        await this.refresh();
        this.selection = { kind: 'request', id: saved.id };
      }
      return saved;
    } catch (error) {
      if (
        error instanceof IpcClientError &&
        error.code === 'COLLECTION_CONFLICT' &&
        'id' in where
      ) {
        const details = (error.details ?? {}) as {
          theirs?: SavedRequestDTO | null;
          theirsVersion?: string | null;
        };
        this.conflict = {
          folder,
          id: where.id,
          mine: draft,
          theirs: details.theirs ?? null,
          theirsVersion: details.theirsVersion ?? null,
          message: error.message,
        };
        return null;
      }
      this.error = (error as Error).message;
      return null;
    }
  }

  async run(id: string): Promise<void> {
    const folder = this.activeFolder;
    if (!folder) return;
    const key = `${folder}\u0000${id}`;
    const operationId = crypto.randomUUID();
    this.runs[key] = { running: operationId, result: null, failure: null, failureCode: null };
    try {
      const result = await this.#api.collections.run({
        folder,
        id,
        environment: this.environment,
        operationId,
      });
      this.runs[key] = { running: null, result, failure: null, failureCode: null };
    } catch (error) {
      this.runs[key] = {
        running: null,
        result: null,
        failure: (error as Error).message,
        failureCode: error instanceof IpcClientError ? error.code : null,
      };
    }
  }

  /** Stops a run in flight; it then ends as failed with "Cancelled.". */
  async cancelRun(id: string): Promise<void> {
    const operationId = this.runOf(id)?.running;
    if (operationId) await this.#api.operations.cancel({ operationId });
  }

  runOf(id: string): RunOutcome | null {
    return this.activeFolder ? (this.runs[`${this.activeFolder}\u0000${id}`] ?? null) : null;
  }

  async setVariable(
    environment: string | null,
    name: string,
    value: string,
    secret: boolean,
  ): Promise<boolean> {
    const folder = this.activeFolder;
    if (!folder) return false;
    return this.#try(async () => {
      this.environments = await this.#api.collections.setVariable({
        folder,
        environment,
        name,
        value,
        secret,
      });
      this.#remember(folder, this.environments);
    });
  }

  async #edit(work: (folder: string) => Promise<Selection | null>): Promise<void> {
    const folder = this.activeFolder;
    if (!folder) return;
    await this.#try(async () => {
      const selected = await work(folder);
      await this.refresh();
      this.selection = selected;
    });
  }

  async #try(work: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    try {
      await work();
      this.error = null;
      return true;
    } catch (error) {
      this.error = (error as Error).message;
      return false;
    } finally {
      this.busy = false;
    }
  }
}

function folderList(node: CollectionFolderNode, prefix: string): { id: string; label: string }[] {
  const here = [{ id: node.id, label: node.id === '' ? '(collection root)' : prefix + node.name }];
  return here.concat(
    node.children.flatMap((child) =>
      child.kind === 'folder'
        ? folderList(child, node.id === '' ? '' : `${prefix}${node.name} / `)
        : [],
    ),
  );
}

export function provideCollections(state: CollectionsState): CollectionsState {
  return setContext(KEY, state);
}

export function useCollections(): CollectionsState {
  const state = getContext<CollectionsState | undefined>(KEY);
  if (!state) throw new Error('useCollections() needs provideCollections() in a parent component');
  return state;
}
