/**
 * How much history to keep is a setting the user chooses: saved with the other settings and
 * applied to the database when chosen, and again at start, as the user left it.
 */
import type { HistoryRetention } from '../../../shared/history.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { HistoryRepository } from './history-repository.ts';

export class HistoryRetentionSetting {
  readonly #settings: Pick<SettingsStore, 'get' | 'update'>;
  readonly #history: Pick<HistoryRepository, 'setRetention'>;

  constructor(
    settings: Pick<SettingsStore, 'get' | 'update'>,
    history: Pick<HistoryRepository, 'setRetention'>,
  ) {
    this.#settings = settings;
    this.#history = history;
  }

  async get(): Promise<HistoryRetention> {
    return (await this.#settings.get()).historyRetention;
  }

  /** Saves the choice, then trims history to it; says how many entries went. */
  async set(retention: HistoryRetention): Promise<HistoryRetention & { removed: number }> {
    await this.#settings.update({ historyRetention: retention });
    return { ...retention, removed: this.#history.setRetention(retention) };
  }

  /** Applies the saved choice (at start); an unreadable settings file keeps history as it is. */
  async applySaved(): Promise<void> {
    try {
      this.#history.setRetention(await this.get());
    } catch {
      // The settings store reports its own failures; history is kept rather than trimmed.
    }
  }
}
