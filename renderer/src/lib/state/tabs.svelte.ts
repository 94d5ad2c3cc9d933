/**
 * Open request tabs: each an endpoint, auth mode, profile, query, variables and headers, plus
 * its last result. Drafts are saved in main (debounced) so they survive restarts and reloads.
 */
import { getContext, setContext } from 'svelte';
import { IpcClientError, type Api } from '../../../../shared/client.ts';
import type { AssertionDTO } from '../../../../shared/request-tests.ts';
import type { RequestResultDTO } from '../../../../shared/requests.ts';
import { blankTabDraft, type TabDraftDTO } from '../../../../shared/tabs.ts';
import { scanTemplates } from '../request/template-scan.ts';
import { reloadOnce } from './endpoints.svelte.ts';
import { isDisabledLine } from '../request/header-rows.ts';

const KEY = Symbol('tabs');
const SAVE_DELAY_MS = 400;

export interface RunFailure {
  code: string;
  message: string;
  details: unknown;
}

export class RequestTab {
  draft = $state<TabDraftDTO>() as TabDraftDTO;
  result = $state<RequestResultDTO | null>(null);
  failure = $state<RunFailure | null>(null);
  running = $state<string | null>(null);
  /** Whether the title follows the document's operation name (not set by the user). */
  autoTitle = false;
  /** Counts finished runs, so a view (or a test) can tell a new answer from the last one. */
  runs = $state(0);
  /** The draft as last saved to its collection, to mark unsaved changes. */
  savedQuery = $state<string | null>(null);
  /** Its assertions and scripts as last saved, as JSON. */
  savedTests = $state<string | null>(null);

  constructor(draft: TabDraftDTO) {
    this.draft = draft;
  }

  get dirty(): boolean {
    if (this.savedQuery === null) return false;
    return this.savedQuery !== this.draft.query || this.savedTests !== testsOf(this.draft);
  }

  /** What the tab holds now is what its collection has. */
  markSaved(): void {
    this.savedQuery = this.draft.query;
    this.savedTests = testsOf(this.draft);
  }
}

function testsOf(draft: TabDraftDTO): string {
  return JSON.stringify([filledAssertions(draft), draft.scripts ?? { pre: null, post: null }]);
}

/** Runs `subscription` operations: they stream into their own view instead of answering once. */
export interface SubscriptionRunner {
  isSubscription(query: string, operationName: string | undefined): boolean;
  start(
    tab: RequestTab,
    run: { operationId: string; variables?: Record<string, unknown>; operationName?: string },
  ): Promise<void>;
  closeTab(id: string): void;
}

/** The tab's assertions that say what to check: a row whose path is still empty is left out. */
export function filledAssertions(draft: TabDraftDTO): AssertionDTO[] {
  return $state
    .snapshot(draft.assertions ?? [])
    .filter((a) => a.path.trim() !== '')
    .map((a) => ({ ...a, path: a.path.trim() }));
}

/** Whether a tab has assertions or scripts to run with it. */
export function hasTests(draft: TabDraftDTO): boolean {
  return (
    (draft.assertions?.length ?? 0) > 0 ||
    Boolean(draft.scripts?.pre) ||
    Boolean(draft.scripts?.post)
  );
}

/**
 * Where a tab runs through its collection request: when it has no endpoint and the request has
 * its own URL, when it has checks or scripts (main runs those only for saved requests), or when
 * its variables or headers use `{{variables}}` (main resolves them against the environment).
 */
export function runsViaCollection(
  draft: TabDraftDTO,
): { folder: string; requestId: string } | null {
  if (!draft.origin) return null;
  const templated = scanTemplates(`${draft.variables}\n${draft.headers}`).length > 0;
  return (!draft.endpointId && draft.origin.ownUrl) || hasTests(draft) || templated
    ? draft.origin
    : null;
}

export function newDraft(partial: Partial<TabDraftDTO> = {}): TabDraftDTO {
  return blankTabDraft(crypto.randomUUID(), partial);
}

export class TabsState {
  tabs = $state<RequestTab[]>([]);
  activeId = $state<string | null>(null);
  active = $derived(this.tabs.find((t) => t.draft.id === this.activeId) ?? this.tabs[0] ?? null);
  loaded = $state(false);
  /** Set by SubscriptionsState when the app provides it. */
  subscriptions: SubscriptionRunner | null = null;
  /**
   * The environment a collection folder's runs use (the collections view's choice): a tab
   * opened from a request with its own URL runs through its collection.
   */
  collectionEnvironment: ((folder: string) => Promise<string | null>) | null = null;

  readonly #api: Api;
  readonly #workspaceChanged: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #held = false;
  /** The workspace generation the tabs were loaded for; each save names it back. */
  #generation: string | null = null;

  constructor(api: Api, workspaceChanged: () => void = reloadOnce) {
    this.#api = api;
    this.#workspaceChanged = workspaceChanged;
  }

  async load(defaultEndpoint: () => string | null): Promise<void> {
    const saved = await this.#api.tabs.load();
    this.#generation = saved.generation;
    this.tabs = saved.tabs.map((draft) => new RequestTab(draft));
    if (this.tabs.length === 0)
      this.tabs = [new RequestTab(newDraft({ endpointId: defaultEndpoint() }))];
    this.activeId = saved.activeId ?? this.tabs[0]?.draft.id ?? null;
    this.loaded = true;
  }

  open(partial: Partial<TabDraftDTO> = {}): RequestTab {
    const tab = new RequestTab(newDraft(partial));
    if (partial.origin) tab.markSaved();
    this.tabs = [...this.tabs, tab];
    this.activeId = tab.draft.id;
    this.scheduleSave();
    return tab;
  }

  close(id: string): void {
    const tab = this.#find(id);
    if (tab?.running) void this.cancel(tab);
    this.subscriptions?.closeTab(id);
    const index = this.tabs.findIndex((t) => t.draft.id === id);
    this.tabs = this.tabs.filter((t) => t.draft.id !== id);
    if (this.activeId === id) this.activeId = this.tabs[Math.max(0, index - 1)]?.draft.id ?? null;
    this.scheduleSave();
  }

  select(id: string): void {
    this.activeId = id;
    this.scheduleSave();
  }

  /** A name the user gave: the title stops following the document's operation name. */
  rename(id: string, title: string): void {
    const tab = this.#find(id);
    const name = title.trim();
    if (!tab || name === '') return;
    tab.draft.title = name;
    tab.autoTitle = false;
    this.scheduleSave();
  }

  /**
   * A copy of the tab's draft beside it, made active. The copy is a new, unsaved request: it
   * does not belong to the collection request the original came from.
   */
  duplicate(id: string): RequestTab | null {
    const tab = this.#find(id);
    if (!tab) return null;
    const copy = new RequestTab({
      ...$state.snapshot(tab.draft),
      id: crypto.randomUUID(),
      title: `${tab.draft.title} (copy)`,
      origin: null,
    });
    const index = this.tabs.indexOf(tab);
    this.tabs = [...this.tabs.slice(0, index + 1), copy, ...this.tabs.slice(index + 1)];
    this.activeId = copy.draft.id;
    this.scheduleSave();
    return copy;
  }

  /** Moves a tab to `index` (clamped) among the others; the saved order follows. */
  moveTo(id: string, index: number): void {
    const tab = this.#find(id);
    if (!tab) return;
    const rest = this.tabs.filter((t) => t !== tab);
    const at = Math.max(0, Math.min(index, rest.length));
    this.tabs = [...rest.slice(0, at), tab, ...rest.slice(at)];
    this.scheduleSave();
  }

  /** Moves a tab `by` places to the right (negative: left). */
  move(id: string, by: number): void {
    const tab = this.#find(id);
    if (tab) this.moveTo(id, this.tabs.indexOf(tab) + by);
  }

  /** Makes the tab `by` places after the active one active, wrapping around at the ends. */
  cycle(by: number): void {
    const count = this.tabs.length;
    if (count === 0 || !this.active) return;
    const index = this.tabs.indexOf(this.active);
    this.select(this.tabs[(((index + by) % count) + count) % count]!.draft.id);
  }

  #find(id: string): RequestTab | undefined {
    return this.tabs.find((t) => t.draft.id === id);
  }

  /** Saves drafts a moment after the last edit, so typing does not write on every key. */
  scheduleSave(): void {
    if (this.#held) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#save(), SAVE_DELAY_MS);
  }

  /**
   * The workspace is about to change under these tabs (the demo opens or closes, then the page
   * reloads): what is pending is saved now, to the workspace it belongs to, and nothing after.
   * A save sent later would land in the other workspace and replace its tabs with these.
   */
  hold(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#save();
    }
    this.#held = true;
  }

  /** The switch did not happen: saving resumes. */
  release(): void {
    this.#held = false;
  }

  #save(): void {
    this.#timer = undefined;
    if (this.#generation === null) return;
    this.#api.tabs
      .save({
        tabs: this.tabs.map((t) => $state.snapshot(t.draft)),
        activeId: this.activeId,
        generation: this.#generation,
      })
      .catch((error: unknown) => {
        // Main refused tabs loaded for a workspace it has left: this page shows the wrong one.
        if (!(error instanceof IpcClientError) || error.code !== 'WORKSPACE_CHANGED') throw error;
        this.#held = true;
        this.#workspaceChanged();
      });
  }

  /**
   * Runs the tab. With several operations in the document and none chosen, `fallbackOperation`
   * (the one under the cursor) is run, as AppSync needs a name to pick one.
   */
  async run(tab: RequestTab, fallbackOperation: string | null = null): Promise<void> {
    const { draft } = tab;
    const viaCollection = runsViaCollection(draft);
    if ((!draft.endpointId && !viaCollection) || tab.running) return;
    let variables: Record<string, unknown> | undefined;
    let headers: Record<string, string> | undefined;
    try {
      variables = parseVariables(draft.variables);
      headers = parseHeaders(draft.headers);
    } catch (error) {
      tab.failure = { code: 'INVALID_INPUT', message: (error as Error).message, details: null };
      return;
    }
    const operationId = crypto.randomUUID();
    tab.running = operationId;
    tab.failure = null;
    const operationName = draft.operationName ?? fallbackOperation ?? undefined;
    try {
      if (this.subscriptions?.isSubscription(draft.query, operationName)) {
        if (viaCollection) {
          tab.result = null;
          tab.failure = {
            code: 'INVALID_INPUT',
            message: 'A subscription needs a saved endpoint: choose one for this tab.',
            details: null,
          };
          return;
        }
        // It streams into the subscriptions view, and keeps running after this call.
        await this.subscriptions.start(tab, { operationId, variables, operationName });
        return;
      }
      if (viaCollection) {
        // The saved request's own URL and auth, with this tab's unsaved edits.
        tab.result = await this.#api.collections.run({
          operationId,
          folder: viaCollection.folder,
          id: viaCollection.requestId,
          environment: (await this.collectionEnvironment?.(viaCollection.folder)) ?? null,
          edits: {
            query: draft.query,
            operationName: operationName ?? null,
            variables: variables ?? {},
            headers: headers ?? {},
            profile: draft.profile,
            assertions: filledAssertions(draft),
            scripts: $state.snapshot(draft.scripts ?? { pre: null, post: null }),
          },
        });
      } else if (draft.endpointId) {
        tab.result = await this.#api.requests.run({
          operationId,
          endpointId: draft.endpointId,
          authMode: (draft.authMode ?? undefined) as Parameters<
            Api['requests']['run']
          >[0]['authMode'],
          profile: draft.profile ?? undefined,
          query: draft.query,
          variables,
          headers,
          operationName,
        });
      }
    } catch (error) {
      tab.result = null;
      tab.failure =
        error instanceof IpcClientError
          ? { code: error.code, message: error.message, details: error.details }
          : { code: 'INTERNAL', message: (error as Error).message, details: null };
    } finally {
      tab.running = null;
      tab.runs += 1;
    }
  }

  async cancel(tab: RequestTab): Promise<void> {
    if (tab.running) await this.#api.operations.cancel({ operationId: tab.running });
  }
}

/** Variables as typed: empty means none; anything else must be a JSON object. */
export function parseVariables(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`Variables are not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('Variables must be a JSON object, like {"id": "1"}.');
  }
  return value as Record<string, unknown>;
}

/** Headers as typed, one `Name: value` per line; a `#` line (a disabled row) is not sent. */
export function parseHeaders(text: string): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '' || isDisabledLine(line)) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`Header line ${index + 1} is not "Name: value".`);
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return Object.keys(headers).length > 0 ? headers : undefined;
}

export function provideTabs(state: TabsState): TabsState {
  return setContext(KEY, state);
}

export function useTabs(): TabsState {
  const state = getContext<TabsState | undefined>(KEY);
  if (!state) throw new Error('useTabs() needs provideTabs() in a parent component');
  return state;
}
