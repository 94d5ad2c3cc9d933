/**
 * The user's endpoints (`endpoints.json` in the data dir). Secret values live only in the
 * SecretVault under `endpoint:<id>:<mode>`; the file holds references. A file that does not
 * parse is moved aside and reported, never silently overwritten.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import * as z from '../../../shared/zod.ts';
import {
  authModeSchema,
  endpointInputSchema,
  type AuthMode,
  type AuthModeType,
  type EndpointDTO,
  type EndpointInput,
} from '../../../shared/endpoints.ts';
import { AppError } from '../../../shared/errors.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import { readJsonFile } from '../json-file.ts';
import { systemClock, type Clock, type SecretVault } from '../ports.ts';
import { regionFromUrl } from '../../../shared/endpoint-url.ts';

const storedEndpointSchema = z.strictObject({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  url: z.string(),
  authModes: z.array(authModeSchema).check(z.minLength(1)),
  headers: z.record(z.string(), z.string()),
  connectTo: z.optional(z.string()),
  apiId: z.optional(z.string()),
  privateApi: z.optional(z.boolean()),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const endpointsFileSchema = z.strictObject({
  version: z.literal(1),
  endpoints: z.array(storedEndpointSchema),
});

export type SecretModeType = Exclude<AuthModeType, 'AWS_IAM'>;

/** The vault key of an endpoint's secret for one mode. */
export function endpointSecretRef(endpointId: string, mode: SecretModeType): string {
  return `endpoint:${endpointId}:${mode}`;
}

export class EndpointStore {
  readonly file: string;
  /** Set when the file on disk could not be read and was moved aside. */
  recovered: string | null = null;
  readonly #vault: SecretVault;
  readonly #clock: Clock;
  #current: EndpointDTO[] | null = null;
  #writes: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, vault: SecretVault, clock: Clock = systemClock) {
    this.file = join(dataDir, 'endpoints.json');
    this.#vault = vault;
    this.#clock = clock;
  }

  async list(): Promise<EndpointDTO[]> {
    await this.#writes;
    return structuredClone(await this.#load());
  }

  async get(id: string): Promise<EndpointDTO> {
    const found = (await this.list()).find((e) => e.id === id);
    if (!found) {
      throw new AppError('ENDPOINT_NOT_FOUND', `There is no endpoint with id "${id}".`, { id });
    }
    return found;
  }

  create(input: EndpointInput): Promise<EndpointDTO> {
    return this.#edit((endpoints) => {
      const now = new Date(this.#clock.now()).toISOString();
      const id = randomUUID();
      const endpoint = { id, ...validate(id, input), createdAt: now, updatedAt: now };
      endpoints.push(endpoint);
      return endpoint;
    });
  }

  update(id: string, change: Partial<EndpointInput>): Promise<EndpointDTO> {
    return this.#edit((endpoints) => {
      const index = indexOf(endpoints, id);
      const old = endpoints[index] as EndpointDTO;
      const { name, url, authModes, headers, connectTo, apiId, privateApi, createdAt } = old;
      const fields = { name, url, authModes, headers, connectTo, apiId, privateApi };
      const next = validate(id, { ...fields, ...change });
      const updated = {
        id,
        ...next,
        createdAt,
        updatedAt: new Date(this.#clock.now()).toISOString(),
      };
      endpoints[index] = updated;
      return updated;
    });
  }

  async duplicate(id: string, name?: string): Promise<EndpointDTO> {
    const source = await this.get(id);
    const copy = await this.create({
      name: name ?? `${source.name} (copy)`,
      url: source.url,
      authModes: source.authModes,
      headers: source.headers,
      ...(source.connectTo ? { connectTo: source.connectTo } : {}),
      ...(source.apiId ? { apiId: source.apiId } : {}),
      ...(source.privateApi ? { privateApi: source.privateApi } : {}),
    });
    for (const mode of copy.authModes) {
      if (mode.type === 'AWS_IAM' || mode.source.from !== 'vault') continue;
      const value = await this.#vault.get(endpointSecretRef(id, mode.type));
      if (value !== null) await this.#vault.put(mode.source.secretRef, value);
    }
    return copy;
  }

  async delete(id: string): Promise<void> {
    const removed = await this.#edit((endpoints) => endpoints.splice(indexOf(endpoints, id), 1)[0]);
    for (const mode of removed?.authModes ?? []) {
      if (mode.type !== 'AWS_IAM') await this.#vault.delete(endpointSecretRef(id, mode.type));
    }
  }

  /**
   * Stores a mode's secret (API key, token) in the vault and points the mode at it. The value
   * never reaches the endpoints file or the DTO.
   */
  async setSecret(endpointId: string, mode: SecretModeType, value: string): Promise<EndpointDTO> {
    if (!value) throw new AppError('INVALID_INPUT', `The ${mode} value cannot be empty.`);
    const endpoint = await this.get(endpointId);
    if (!endpoint.authModes.some((m) => m.type === mode)) {
      throw new AppError(
        'INVALID_INPUT',
        `Endpoint "${endpoint.name}" has no ${mode} auth mode; add it before storing its secret.`,
      );
    }
    await this.#vault.put(endpointSecretRef(endpointId, mode), value);
    const secretRef = endpointSecretRef(endpointId, mode);
    return this.update(endpointId, {
      authModes: endpoint.authModes.map((m) =>
        m.type === mode ? { type: mode, source: { from: 'vault', secretRef } } : m,
      ),
    });
  }

  #edit<T>(change: (endpoints: EndpointDTO[]) => T): Promise<T> {
    const next = this.#writes.then(async () => {
      const endpoints = structuredClone(await this.#load());
      const result = change(endpoints);
      const text = JSON.stringify({ version: 1, endpoints }, null, 2) + '\n';
      await writeFileAtomic(this.file, text);
      this.#current = endpoints;
      return structuredClone(result);
    });
    this.#writes = next.catch(() => undefined);
    return next;
  }

  async #load(): Promise<EndpointDTO[]> {
    if (this.#current) return this.#current;
    const read = await readJsonFile(this.file, {
      what: 'endpoints file',
      parse: (json) => endpointsFileSchema.parse(json).endpoints,
      empty: () => [],
      now: () => this.#clock.now(),
    });
    this.recovered = read.movedAside ?? this.recovered;
    return (this.#current = read.value);
  }
}

function indexOf(endpoints: EndpointDTO[], id: string): number {
  const index = endpoints.findIndex((e) => e.id === id);
  if (index < 0) {
    throw new AppError('ENDPOINT_NOT_FOUND', `There is no endpoint with id "${id}".`, { id });
  }
  return index;
}

/** Parses the input and applies the rules a schema cannot express. */
function validate(
  id: string,
  input: EndpointInput,
): Omit<EndpointDTO, 'id' | 'createdAt' | 'updatedAt'> {
  const parsed = endpointInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` (${issue.path.join('.')})` : '';
    throw new AppError('INVALID_INPUT', `The endpoint is not valid${where}: ${issue?.message}.`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  const { name, url, headers, connectTo, apiId, privateApi } = parsed.data;
  const seen = new Set<string>();
  const authModes = parsed.data.authModes.map((mode): AuthMode => {
    if (seen.has(mode.type)) {
      throw new AppError('INVALID_INPUT', `The auth mode ${mode.type} is listed twice.`);
    }
    seen.add(mode.type);
    if (mode.type === 'AWS_IAM') {
      if (!mode.region && !regionFromUrl(url)) {
        throw new AppError(
          'INVALID_INPUT',
          `The region cannot be read from ${new URL(url).host}; set the IAM mode's region (e.g. us-east-1).`,
        );
      }
      return mode;
    }
    // A vault reference always names this endpoint's own entry: an endpoint cannot borrow
    // another secret from the vault (e.g. send an OIDC refresh token as an API key).
    if (mode.source.from === 'vault') {
      return {
        type: mode.type,
        source: { from: 'vault', secretRef: endpointSecretRef(id, mode.type) },
      };
    }
    return mode;
  });
  return {
    name,
    url,
    authModes,
    headers,
    ...(connectTo ? { connectTo } : {}),
    ...(apiId ? { apiId } : {}),
    ...(privateApi ? { privateApi } : {}),
  };
}
