/**
 * The OIDC providers the user signs in with (`oidc-providers.json` in the data dir, shared by
 * the desktop app, the web host and the CLI). A client secret lives only in the SecretVault;
 * the file keeps a reference to it. Writes are atomic; a file that does not parse is moved
 * aside and reported, never silently overwritten.
 */
import { join } from 'node:path';
import * as z from '../../../shared/zod.ts';
import { AppError } from '../../../shared/errors.ts';
import {
  OIDC_TOKEN_USES,
  RESERVED_AUTHORIZATION_PARAMS,
  oidcProviderInputSchema,
  type OidcProviderDTO,
  type OidcProviderInput,
} from '../../../shared/oidc.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import { readJsonFile } from '../json-file.ts';
import type { SecretVault } from '../ports.ts';

export const PROVIDERS_FILE = 'oidc-providers.json';

const storedProviderSchema = z.object({
  name: z.string().check(z.minLength(1)),
  issuer: z.url(),
  clientId: z.string().check(z.minLength(1)),
  /** Vault key of the client secret, or null for a public client. */
  clientSecretRef: z.nullable(z.string()),
  scopes: z.array(z.string()),
  authorizationParams: z.record(z.string(), z.string()),
  tokenUse: z.enum(OIDC_TOKEN_USES),
  redirectUri: z._default(z.nullable(z.string()), null),
});

const providersFileSchema = z.object({
  version: z.literal(1),
  providers: z.array(storedProviderSchema),
});

export type StoredOidcProvider = z.infer<typeof storedProviderSchema>;

/** Plain http is accepted only for an issuer on this machine (tests, local identity providers). */
export function isLoopbackUrl(url: URL): boolean {
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

export function clientSecretKey(name: string): string {
  return `oidc:${name}:client-secret`;
}

export function toProviderDTO(provider: StoredOidcProvider): OidcProviderDTO {
  return {
    name: provider.name,
    issuer: provider.issuer,
    clientId: provider.clientId,
    hasClientSecret: provider.clientSecretRef !== null,
    scopes: [...provider.scopes],
    authorizationParams: { ...provider.authorizationParams },
    tokenUse: provider.tokenUse,
    redirectUri: provider.redirectUri,
  };
}

function invalid(message: string): AppError {
  return new AppError('INVALID_INPUT', message);
}

function normalise(input: OidcProviderInput): Omit<StoredOidcProvider, 'clientSecretRef'> {
  const parsed = oidcProviderInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(
      `The OIDC provider is not valid: ${issue?.path.join('.') || 'input'} — ${issue?.message ?? 'invalid'}.`,
    );
  }
  const value = parsed.data;
  const issuer = new URL(value.issuer);
  if (issuer.protocol !== 'https:' && !(issuer.protocol === 'http:' && isLoopbackUrl(issuer))) {
    throw invalid(
      `The issuer ${value.issuer} must use https (plain http only for 127.0.0.1 or localhost).`,
    );
  }
  if (issuer.search || issuer.hash) {
    throw invalid(`The issuer ${value.issuer} must not have a query or fragment.`);
  }
  const params = value.authorizationParams ?? {};
  for (const key of Object.keys(params)) {
    if ((RESERVED_AUTHORIZATION_PARAMS as readonly string[]).includes(key)) {
      throw invalid(
        `The authorization parameter "${key}" is set by the sign-in itself and cannot be configured.`,
      );
    }
  }
  let redirectUri: string | null = null;
  if (value.redirectUri !== undefined) {
    const fixed = new URL(value.redirectUri);
    if (fixed.protocol !== 'http:' || !isLoopbackUrl(fixed) || !fixed.port || fixed.search) {
      throw invalid(
        `The redirect URI ${value.redirectUri} must be a loopback address with a port, e.g. http://localhost:8765/callback (RFC 8252 §7.3).`,
      );
    }
    redirectUri = fixed.href;
  }
  const scopes = ['openid', ...(value.scopes ?? []).filter((s) => s !== 'openid')];
  return {
    name: value.name,
    issuer: value.issuer,
    clientId: value.clientId,
    scopes: [...new Set(scopes)],
    authorizationParams: { ...params },
    tokenUse: value.tokenUse ?? 'id',
    redirectUri,
  };
}

export class OidcProviderStore {
  readonly file: string;
  readonly #vault: SecretVault;
  /** Set when the file on disk could not be read and was moved aside (its new path). */
  recovered: string | null = null;
  #writes: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, vault: SecretVault) {
    this.file = join(dataDir, PROVIDERS_FILE);
    this.#vault = vault;
  }

  async list(): Promise<OidcProviderDTO[]> {
    await this.#writes;
    return (await this.#read()).map(toProviderDTO);
  }

  /** The provider as the core uses it (with its secret reference), or NOT_FOUND. */
  async get(name: string): Promise<StoredOidcProvider> {
    await this.#writes;
    const found = (await this.#read()).find((p) => p.name === name);
    if (!found) {
      throw new AppError(
        'NOT_FOUND',
        `No OIDC provider is named "${name}". Add it first (appsync-workbench oidc add ${name} --issuer URL --client-id ID).`,
      );
    }
    return found;
  }

  /** The client secret of a confidential client, from the vault. */
  async clientSecret(provider: StoredOidcProvider): Promise<string | undefined> {
    if (!provider.clientSecretRef) return undefined;
    const secret = await this.#vault.get(provider.clientSecretRef);
    if (secret === null) {
      throw new AppError(
        'SECRET_MISSING',
        `The client secret of OIDC provider "${provider.name}" is missing from the vault. Add the provider again with its secret.`,
      );
    }
    return secret;
  }

  /** Adds a provider; an existing one of the same name is replaced only when asked. */
  async add(
    input: OidcProviderInput,
    options: { replace?: boolean } = {},
  ): Promise<OidcProviderDTO> {
    const provider = normalise(input);
    return this.#change(async (providers) => {
      const at = providers.findIndex((p) => p.name === provider.name);
      if (at !== -1 && !options.replace) {
        throw invalid(
          `An OIDC provider named "${provider.name}" already exists. Remove it first or choose another name.`,
        );
      }
      const key = clientSecretKey(provider.name);
      if (input.clientSecret) await this.#vault.put(key, input.clientSecret);
      else await this.#vault.delete(key);
      const stored: StoredOidcProvider = {
        ...provider,
        clientSecretRef: input.clientSecret ? key : null,
      };
      if (at === -1) providers.push(stored);
      else providers[at] = stored;
      return toProviderDTO(stored);
    });
  }

  /** Removes a provider and its client secret. Signing out is the session service's job. */
  remove(name: string): Promise<void> {
    return this.#change(async (providers) => {
      const at = providers.findIndex((p) => p.name === name);
      if (at === -1) throw new AppError('NOT_FOUND', `No OIDC provider is named "${name}".`);
      providers.splice(at, 1);
      await this.#vault.delete(clientSecretKey(name));
    });
  }

  #change<T>(edit: (providers: StoredOidcProvider[]) => Promise<T>): Promise<T> {
    const next = this.#writes.then(async () => {
      const providers = await this.#read();
      const result = await edit(providers);
      const file = { version: 1 as const, providers };
      await writeFileAtomic(this.file, JSON.stringify(file, null, 2) + '\n');
      return result;
    });
    this.#writes = next.catch(() => undefined);
    return next;
  }

  async #read(): Promise<StoredOidcProvider[]> {
    const read = await readJsonFile(this.file, {
      what: 'OIDC providers file',
      parse: (json) => providersFileSchema.parse(json).providers,
      empty: () => [],
    });
    this.recovered = read.movedAside ?? this.recovered;
    return read.value;
  }
}
