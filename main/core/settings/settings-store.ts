/**
 * The app's own settings (`settings.json` in the data dir). A file that does not parse is moved
 * aside and reported, never silently overwritten: the user may want what was in it.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file.ts';
import { readJsonFile } from '../json-file.ts';
import { DEFAULT_ENVIRONMENT_PATTERNS } from './default-environment-patterns.ts';
import type { Settings } from './settings-schema.ts';

export { DEFAULT_ENVIRONMENT_PATTERNS };

export type { Settings };

const DEFAULTS: Settings = {
  version: 1,
  activeProfile: null,
  pinnedProfiles: [],
  recentProfiles: [],
  environmentPatterns: DEFAULT_ENVIRONMENT_PATTERNS,
  historyRetention: { maxEntries: null, maxAgeDays: null },
  approvedSigningHosts: [],
  recentCollections: [],
};

export class SettingsStore {
  readonly file: string;
  #current: Settings | null = null;
  /** Set when the file on disk could not be read and was moved aside. */
  recovered: string | null = null;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'settings.json');
  }

  async get(): Promise<Settings> {
    this.#current ??= await this.#load();
    return this.#current;
  }

  async update(change: Partial<Omit<Settings, 'version'>>): Promise<Settings> {
    const next = { ...(await this.get()), ...change };
    await writeFileAtomic(this.file, JSON.stringify(next, null, 2) + '\n');
    this.#current = next;
    return next;
  }

  async #load(): Promise<Settings> {
    // No file: the defaults, without loading the validator. A file that appears after this
    // look is read next time, as if it had been written a moment later.
    if (!this.#exists()) return { ...DEFAULTS };
    const { settingsSchema } = await import('./settings-schema.ts');
    const read = await readJsonFile(this.file, {
      what: 'settings file',
      parse: (json) => settingsSchema.parse(json),
      empty: () => ({ ...DEFAULTS }),
    });
    this.recovered = read.movedAside ?? this.recovered;
    return read.value;
  }

  /** False only when the file is not there; any other answer is left to the read to report. */
  #exists(): boolean {
    try {
      return statSync(this.file, { throwIfNoEntry: false }) !== undefined;
    } catch {
      return true;
    }
  }
}
