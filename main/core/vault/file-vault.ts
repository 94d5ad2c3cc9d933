/**
 * The SecretVault of the CLI and the web host: a JSON file readable only by its owner
 * (`<data dir>/vault/secrets.json`, file 0600, folder 0700). The desktop app uses Electron's
 * safeStorage instead. The file is re-read on every access so the CLI and a running web host
 * see each other's writes; writes are atomic and serialized within the process. A vault left
 * empty has no file, so moving every secret out of one leaves nothing behind.
 */
import { chmod, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from '../../../shared/zod.ts';
import { AppError } from '../../../shared/errors.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import { readJsonFile } from '../json-file.ts';
import type { SecretVault } from '../ports.ts';

const vaultFileSchema = z.object({
  version: z.literal(1),
  secrets: z.record(z.string(), z.string()),
});

type VaultFile = z.infer<typeof vaultFileSchema>;

export class FileVault implements SecretVault {
  readonly folder: string;
  readonly file: string;
  /** Set when an unreadable vault file was moved aside (its path), so a host can say so. */
  recovered: string | null = null;
  #writes: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.folder = join(dataDir, 'vault');
    this.file = join(this.folder, 'secrets.json');
  }

  async get(key: string): Promise<string | null> {
    await this.#writes;
    const data = await this.#read();
    return Object.hasOwn(data.secrets, key) ? (data.secrets[key] ?? null) : null;
  }

  /** Every secret, by key: what a move to another vault copies. */
  async entries(): Promise<Record<string, string>> {
    await this.#writes;
    return Object.assign(Object.create(null), (await this.#read()).secrets);
  }

  put(key: string, value: string): Promise<void> {
    return this.putMany({ [key]: value });
  }

  /** Stores all of them in one atomic write: a failure stores none. */
  putMany(entries: Record<string, string>): Promise<void> {
    if (Object.keys(entries).some((key) => !key)) {
      throw new AppError('INVALID_INPUT', 'A vault key cannot be empty.');
    }
    return this.#change((secrets) => Object.assign(secrets, entries));
  }

  delete(key: string): Promise<void> {
    return this.deleteMany([key]);
  }

  deleteMany(keys: string[]): Promise<void> {
    return this.#change((secrets) => {
      for (const key of keys) delete secrets[key];
    });
  }

  #change(edit: (secrets: Record<string, string>) => void): Promise<void> {
    const next = this.#writes.then(async () => {
      const data = await this.#read();
      const secrets: Record<string, string> = Object.assign(Object.create(null), data.secrets);
      edit(secrets);
      if (Object.keys(secrets).length === 0) return rm(this.file, { force: true });
      await mkdir(this.folder, { recursive: true, mode: 0o700 });
      // mkdir leaves an existing folder's mode alone; the vault's folder is ours to tighten.
      await chmod(this.folder, 0o700);
      await writeFileAtomic(this.file, JSON.stringify({ version: 1, secrets }) + '\n', 0o600);
    });
    this.#writes = next.catch(() => undefined);
    return next;
  }

  async #read(): Promise<VaultFile> {
    const read = await readJsonFile(this.file, {
      what: 'secret vault',
      parse: (json) => vaultFileSchema.parse(json),
      empty: () => ({ version: 1 as const, secrets: {} }),
    });
    this.recovered = read.movedAside ?? this.recovered;
    return read.value;
  }
}
