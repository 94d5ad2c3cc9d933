/**
 * The app's own settings (`settings.json` in the data dir). A file that does not parse is moved
 * aside and reported, never silently overwritten: the user may want what was in it.
 */
import { readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { EnvironmentPatterns } from '../../../shared/profiles.ts';
import { writeFileAtomic } from '../atomic-file.ts';

export const DEFAULT_ENVIRONMENT_PATTERNS: EnvironmentPatterns = {
  production: ['*prod*', '*prd*', '*live*'],
  staging: ['*staging*', '*stage*', '*stg*', '*uat*'],
  dev: ['*dev*', '*sandbox*', '*test*'],
};

const patternList = z.array(z.string().min(1).max(200)).max(100);

// Fields added after version 1 carry defaults, so older files still read.
const settingsSchema = z.object({
  version: z.literal(1),
  activeProfile: z.string().nullable(),
  pinnedProfiles: z.array(z.string()).default([]),
  recentProfiles: z.array(z.string()).default([]),
  environmentPatterns: z
    .object({ production: patternList, staging: patternList, dev: patternList })
    .default(DEFAULT_ENVIRONMENT_PATTERNS),
  historyRetention: z
    .object({
      maxEntries: z.number().int().positive().nullable(),
      maxAgeDays: z.number().int().positive().nullable(),
    })
    .default({ maxEntries: null, maxAgeDays: null }),
});

export type Settings = z.infer<typeof settingsSchema>;

const DEFAULTS: Settings = {
  version: 1,
  activeProfile: null,
  pinnedProfiles: [],
  recentProfiles: [],
  environmentPatterns: DEFAULT_ENVIRONMENT_PATTERNS,
  historyRetention: { maxEntries: null, maxAgeDays: null },
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
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULTS };
      throw error;
    }
    try {
      return settingsSchema.parse(JSON.parse(text));
    } catch {
      const aside = `${this.file}.corrupt-${Date.now()}`;
      await rename(this.file, aside);
      this.recovered = aside;
      return { ...DEFAULTS };
    }
  }
}
