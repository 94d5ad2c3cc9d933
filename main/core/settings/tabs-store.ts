/**
 * Open request tabs, saved so a restart (or a reload of the web host page) brings them back.
 * The renderer sends drafts as typed; they are user content, kept 0600 in the data dir.
 * Each store (one per workspace opened) has its own generation: a page loaded for another
 * workspace (the demo opened or closed since) cannot replace this one's tabs with its own.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { LoadedTabsDTO, TabsDTO } from '../../../shared/tabs.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import { readJsonFile } from '../json-file.ts';

const EMPTY: TabsDTO = { tabs: [], activeId: null };

export class TabsStore {
  readonly file: string;
  readonly generation = randomUUID();
  /** Where an unreadable tabs file was moved aside, if one was. */
  recovered: string | null = null;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'tabs.json');
  }

  async load(): Promise<LoadedTabsDTO> {
    const read = await readJsonFile(this.file, {
      what: 'tabs file',
      parse: (json) => {
        const saved = json as TabsDTO;
        if (!Array.isArray(saved?.tabs)) throw new Error('no tabs');
        return saved;
      },
      empty: () => EMPTY,
    });
    this.recovered = read.movedAside ?? this.recovered;
    return { tabs: read.value.tabs, activeId: read.value.activeId, generation: this.generation };
  }

  /** Saves the tabs of a page that loaded them from this store (`generation`), and no other. */
  async save(tabs: TabsDTO, generation: string): Promise<void> {
    if (generation !== this.generation) {
      throw new AppError(
        'WORKSPACE_CHANGED',
        'These tabs were not saved: they were loaded for another workspace, and the workspace has changed since. Reload to see its tabs.',
      );
    }
    const saved: TabsDTO = { tabs: tabs.tabs, activeId: tabs.activeId };
    await writeFileAtomic(this.file, JSON.stringify(saved, null, 2) + '\n');
  }
}
