/**
 * Open request tabs, saved so a restart (or a reload of the web host page) brings them back.
 * The renderer sends drafts as typed; they are user content, kept 0600 in the data dir.
 */
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { TabsDTO } from '../../../shared/tabs.ts';
import { writeFileAtomic } from '../atomic-file.ts';

const EMPTY: TabsDTO = { tabs: [], activeId: null };

export class TabsStore {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'tabs.json');
  }

  async load(): Promise<TabsDTO> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch {
      return EMPTY;
    }
    try {
      const saved = JSON.parse(text) as TabsDTO;
      return Array.isArray(saved.tabs) ? saved : EMPTY;
    } catch {
      await rename(this.file, `${this.file}.corrupt-${Date.now()}`);
      return EMPTY;
    }
  }

  async save(tabs: TabsDTO): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(tabs, null, 2) + '\n');
  }
}
