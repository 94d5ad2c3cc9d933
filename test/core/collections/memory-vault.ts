/** A vault in memory: the port's contract with nothing behind it, to see what was stored. */
import type { SecretVault } from '../../../main/core/ports.ts';

export class MemoryVault implements SecretVault {
  readonly entries = new Map<string, string>();
  async get(key: string) {
    return this.entries.get(key) ?? null;
  }
  async put(key: string, value: string) {
    this.entries.set(key, value);
  }
  async delete(key: string) {
    this.entries.delete(key);
  }
}
