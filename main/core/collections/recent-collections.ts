/**
 * The collection folders opened lately, newest first and at most MAX_RECENT, kept in the
 * settings so a closed collection is one click away. A folder that is gone is listed as
 * missing (it may be on a drive not mounted now) until the user removes it.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RecentCollectionDTO } from '../../../shared/collections.ts';
import type { SettingsStore } from '../settings/settings-store.ts';

export const MAX_RECENT = 10;

export class RecentCollections {
  readonly #settings: SettingsStore;

  constructor(settings: SettingsStore) {
    this.#settings = settings;
  }

  /** Puts `folder` first. */
  async touch(folder: string): Promise<void> {
    const recent = (await this.#settings.get()).recentCollections;
    if (recent[0] === folder) return;
    const next = [folder, ...recent.filter((f) => f !== folder)].slice(0, MAX_RECENT);
    await this.#settings.update({ recentCollections: next });
  }

  async list(): Promise<RecentCollectionDTO[]> {
    const recent = (await this.#settings.get()).recentCollections;
    return Promise.all(
      recent.map(async (folder) => ({
        folder,
        name: basename(folder),
        missing: !(await stat(folder).then(
          (info) => info.isDirectory(),
          () => false,
        )),
      })),
    );
  }

  async remove(folder: string): Promise<RecentCollectionDTO[]> {
    const recent = (await this.#settings.get()).recentCollections;
    await this.#settings.update({ recentCollections: recent.filter((f) => f !== folder) });
    return this.list();
  }
}
