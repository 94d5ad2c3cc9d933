/**
 * The app's own settings (`settings.json` in the data dir). A file that does not parse is moved
 * aside and reported, never silently overwritten: the user may want what was in it.
 */
import { join } from 'node:path';
import * as z from '../../../shared/zod.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import { readJsonFile } from '../json-file.ts';
import { DEFAULT_ENVIRONMENT_PATTERNS } from './default-environment-patterns.ts';

export { DEFAULT_ENVIRONMENT_PATTERNS };

const patternList = z
  .array(z.string().check(z.minLength(1), z.maxLength(200)))
  .check(z.maxLength(100));

// Fields added after version 1 carry defaults, so older files still read.
const settingsSchema = z.object({
  version: z.literal(1),
  activeProfile: z.nullable(z.string()),
  pinnedProfiles: z._default(z.array(z.string()), []),
  recentProfiles: z._default(z.array(z.string()), []),
  environmentPatterns: z._default(
    z.object({ production: patternList, staging: patternList, dev: patternList }),
    DEFAULT_ENVIRONMENT_PATTERNS,
  ),
  historyRetention: z._default(
    z.object({
      maxEntries: z.nullable(z.int().check(z.positive())),
      maxAgeDays: z.nullable(z.int().check(z.positive())),
    }),
    { maxEntries: null, maxAgeDays: null },
  ),
  /** Endpoints (`endpoint:<id>@<host>`) and URLs (`url:<origin>`) the user let IAM sign for. */
  approvedSigningHosts: z._default(z.array(z.string().check(z.maxLength(2048))), []),
  /** Collection folders opened lately, newest first (main/core/collections/recent-collections.ts). */
  recentCollections: z._default(z.array(z.string().check(z.maxLength(4096))), []),
});

export type Settings = z.infer<typeof settingsSchema>;

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
    const read = await readJsonFile(this.file, {
      what: 'settings file',
      parse: (json) => settingsSchema.parse(json),
      empty: () => ({ ...DEFAULTS }),
    });
    this.recovered = read.movedAside ?? this.recovered;
    return read.value;
  }
}
