/**
 * Open request tabs, saved so a restart (or a reload of the web host page) brings them back.
 * The renderer sends drafts as typed; they are user content, kept 0600 in the data dir.
 */
import { join } from 'node:path';
import type { TabsDTO } from '../../../shared/tabs.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import { readJsonFile } from '../json-file.ts';

const EMPTY: TabsDTO = { tabs: [], activeId: null };

export class TabsStore {
  readonly file: string;
  /** Where an unreadable tabs file was moved aside, if one was. */
  recovered: string | null = null;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'tabs.json');
  }

  async load(): Promise<TabsDTO> {
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
    return read.value;
  }

  async save(tabs: TabsDTO): Promise<void> {
    await writeFileAtomic(this.file, JSON.stringify(tabs, null, 2) + '\n');
  }
}
