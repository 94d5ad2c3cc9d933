/**
 * What a keyboard shortcut or a command-palette entry does (one `perform` for both), and the
 * dialogs those open: save as, closing tabs with unsaved changes, the shortcut sheet. Saving a
 * tab into its collection lives here too, so the shortcut and the collections view's save
 * panel take the same path.
 */
import { getContext, setContext } from 'svelte';
import type { SavedRequestDTO } from '../../../../shared/collections.ts';
import { draftFromTab, originOf } from './tab-request.ts';
import type { ShortcutId } from '../shortcuts.ts';
import type { CollectionsState } from './collections.svelte.ts';
import type { ProfilesState } from './profiles.svelte.ts';
import type { RequestTab, TabsState } from './tabs.svelte.ts';
import type { ViewsState } from './views.svelte.ts';

const KEY = Symbol('commands');

export interface SaveTarget {
  folder: string;
  /** The collection folder (a node id, '' = its root) the request goes into. */
  parent: string;
  name: string;
}

export class CommandsState {
  paletteOpen = $state(false);
  sheetOpen = $state(false);
  /** The tab the "Save as" dialog saves, or null when it is closed. */
  savingAs = $state<string | null>(null);
  /** Tabs waiting to be closed until the user says what to do with their changes. */
  closing = $state<string[] | null>(null);
  /** The tab whose title is being edited in the tab bar. */
  renaming = $state<string | null>(null);
  /** Why the last save did not happen (shown beside the tabs and in the save dialogs). */
  problem = $state<string | null>(null);

  readonly #tabs: TabsState;
  readonly #collections: CollectionsState;
  readonly #views: ViewsState;
  readonly #profiles: ProfilesState;
  readonly #defaultEndpoint: () => string | null;

  constructor(parts: {
    tabs: TabsState;
    collections: CollectionsState;
    views: ViewsState;
    profiles: ProfilesState;
    defaultEndpoint: () => string | null;
  }) {
    this.#tabs = parts.tabs;
    this.#collections = parts.collections;
    this.#views = parts.views;
    this.#profiles = parts.profiles;
    this.#defaultEndpoint = parts.defaultEndpoint;
  }

  perform(id: ShortcutId): void {
    const tabs = this.#tabs;
    const active = tabs.active;
    if (id === 'palette') return this.#toggle('palette');
    if (id === 'shortcuts') return this.#toggle('sheet');
    if (id === 'switcher') return this.#toggle('switcher');
    this.#views.show('request');
    if (id === 'newTab') {
      tabs.open({ endpointId: active?.draft.endpointId ?? this.#defaultEndpoint() });
      return;
    }
    if (id === 'nextTab' || id === 'previousTab') return tabs.cycle(id === 'nextTab' ? 1 : -1);
    if (!active) return;
    const tabId = active.draft.id;
    if (id === 'run') void tabs.run(active, null);
    else if (id === 'save') void this.save(active);
    else if (id === 'saveAs') this.openSaveAs(active);
    else if (id === 'closeTab') this.requestClose([tabId]);
    else if (id === 'closeOthers')
      this.requestClose(
        tabs.tabs.map((t) => t.draft.id),
        tabId,
      );
    else if (id === 'renameTab') this.renaming = tabId;
    else if (id === 'duplicateTab') tabs.duplicate(tabId);
    else if (id === 'moveTabLeft' || id === 'moveTabRight')
      tabs.move(tabId, id === 'moveTabRight' ? 1 : -1);
  }

  #toggle(dialog: 'palette' | 'sheet' | 'switcher'): void {
    const open = {
      palette: this.paletteOpen,
      sheet: this.sheetOpen,
      switcher: this.#profiles.switcherOpen,
    }[dialog];
    this.paletteOpen = dialog === 'palette' && !open;
    this.sheetOpen = dialog === 'sheet' && !open;
    this.#profiles.switcherOpen = dialog === 'switcher' && !open;
  }

  /** The collections the app has open, read once if the collections view has not been shown. */
  async collectionsReady(): Promise<void> {
    if (this.#collections.list.length === 0) await this.#collections.load();
  }

  /** Whether the collection a tab came from is open, so the tab can be saved back into it. */
  canSaveBack(tab: RequestTab): boolean {
    const origin = tab.draft.origin;
    return origin !== null && this.#collections.list.some((c) => c.folder === origin.folder);
  }

  /** Saves back where the tab came from; a tab from nowhere (or a closed collection) asks where. */
  async save(tab: RequestTab): Promise<boolean> {
    await this.collectionsReady();
    if (this.canSaveBack(tab)) return this.saveBack(tab);
    this.openSaveAs(tab);
    return false;
  }

  /** Opens the "Save as" dialog (it reads the open collections itself). */
  openSaveAs(tab: RequestTab): void {
    this.problem = null;
    this.savingAs = tab.draft.id;
  }

  async saveBack(tab: RequestTab): Promise<boolean> {
    const origin = tab.draft.origin;
    if (!origin) return false;
    return this.#attempt(tab, origin.folder, async () => {
      const base = await this.#base(tab);
      const draft = draftFromTab(tab.draft, base?.name ?? tab.draft.title, base);
      return this.#collections.save(origin.folder, draft, {
        id: origin.requestId,
        baseVersion: origin.version,
      });
    });
  }

  /**
   * Saves the tab as a new request; the tab then belongs to it. A tab from a collection keeps
   * what it does not hold itself (its own URL and auth) from the request it came from.
   */
  async saveAs(tab: RequestTab, target: SaveTarget): Promise<boolean> {
    const name = target.name.trim() || tab.draft.title;
    const saved = await this.#attempt(tab, target.folder, async () => {
      const draft = draftFromTab(tab.draft, name, await this.#base(tab));
      return this.#collections.save(target.folder, draft, { parent: target.parent });
    });
    if (saved) {
      this.#tabs.rename(tab.draft.id, name);
      this.savingAs = null;
    }
    return saved;
  }

  #base(tab: RequestTab): Promise<SavedRequestDTO | null> {
    const origin = tab.draft.origin;
    if (!origin) return Promise.resolve(null);
    return this.#collections.read(origin.requestId, origin.folder).catch(() => null);
  }

  async #attempt(
    tab: RequestTab,
    folder: string,
    work: () => Promise<SavedRequestDTO | null>,
  ): Promise<boolean> {
    this.problem = null;
    try {
      const saved = await work();
      if (!saved) {
        // A conflict has its own dialog; any other refusal is said here.
        this.problem = this.#collections.conflict ? null : this.#collections.error;
        return false;
      }
      this.adopt(tab, saved, folder);
      return true;
    } catch (error) {
      this.problem = (error as Error).message;
      return false;
    }
  }

  /** The tab now belongs to what was saved: later edits show as unsaved changes. */
  adopt(tab: RequestTab, saved: SavedRequestDTO, folder: string): void {
    tab.draft.origin = originOf(saved, folder);
    tab.markSaved();
    this.#tabs.scheduleSave();
  }

  /** Closes the tabs `ids` (but `keep`); with unsaved changes among them, asks first. */
  requestClose(ids: string[], keep: string | null = null): void {
    const targets = ids.filter((id) => id !== keep);
    if (keep) this.#tabs.select(keep);
    this.problem = null;
    if (this.#tabsOf(targets).some((t) => t.dirty)) this.closing = targets;
    else this.#close(targets);
  }

  /** The tabs waiting to close that have unsaved changes. */
  get closingChanged(): RequestTab[] {
    return this.#tabsOf(this.closing ?? []).filter((t) => t.dirty);
  }

  /** Saves each changed tab back, then closes every tab that is saved or had nothing to save. */
  async saveAndClose(): Promise<void> {
    await this.collectionsReady();
    const failed: RequestTab[] = [];
    for (const tab of this.closingChanged) {
      if (!this.canSaveBack(tab)) {
        this.problem = `${tab.draft.origin?.folder ?? 'Its collection'} is not open: open it again to save "${tab.draft.title}", or discard.`;
        failed.push(tab);
      } else if (!(await this.saveBack(tab))) failed.push(tab);
    }
    const ids = this.closing ?? [];
    this.#close(ids.filter((id) => !failed.some((t) => t.draft.id === id)));
    this.closing = failed.length > 0 ? failed.map((t) => t.draft.id) : null;
  }

  discardAndClose(): void {
    this.#close(this.closing ?? []);
    this.closing = null;
  }

  #close(ids: string[]): void {
    for (const id of ids) this.#tabs.close(id);
  }

  #tabsOf(ids: string[]): RequestTab[] {
    return this.#tabs.tabs.filter((t) => ids.includes(t.draft.id));
  }
}

export function provideCommands(state: CommandsState): CommandsState {
  return setContext(KEY, state);
}

export function useCommands(): CommandsState {
  const state = getContext<CommandsState | undefined>(KEY);
  if (!state) throw new Error('useCommands() needs provideCommands() in a parent component');
  return state;
}
