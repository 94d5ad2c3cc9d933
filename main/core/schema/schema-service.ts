/**
 * Loads an endpoint's schema for the editor and the docs explorer: from the per-endpoint cache
 * when there is one (unless a refresh is asked for), else from the API — by the data-plane
 * introspection query (default) or AppSync's GetIntrospectionSchema — and keeps the answer.
 */
import type { AuthModeInput, EndpointDTO } from '../../../shared/endpoints.ts';
import { AppError } from '../../../shared/errors.ts';
import type { IntrospectionResultJSON, SchemaDTO, SchemaSource } from '../../../shared/schema.ts';
import type { CredentialSource } from '../credentials/credential-source.ts';
import type { EndpointStore } from '../endpoints/endpoint-store.ts';
import { regionFromUrl } from '../../../shared/endpoint-url.ts';
import type { CoreEnvironment } from '../environment.ts';
import { systemClock, type Clock } from '../ports.ts';
import { introspectionFromSdl } from './appsync-sdl.ts';
import { SchemaCache, type CachedSchema } from './schema-cache.ts';
import type { RequestRunner } from '../requests/request-service.ts';
import { apiIdFromUrl, introspectDataPlane, sdlFromControlPlane } from './schema-sources.ts';

export interface SchemaServiceDeps {
  environment: CoreEnvironment;
  credentials: CredentialSource;
  requests: RequestRunner;
  endpoints?: EndpointStore;
  /** The profile control-plane loads use when the endpoint names none. */
  activeProfile?: () => Promise<string | null>;
  clock?: Clock;
}

export interface SchemaLoadOptions {
  /** Ask the API again even if a copy is cached. */
  refresh?: boolean;
  signal?: AbortSignal;
  /** Default: the cached copy's source, else `introspection`. */
  source?: SchemaSource;
  /** Control plane: the profile to call AppSync with (default: the endpoint's IAM profile, else the active one). */
  profile?: string;
  /** Control plane: the API id when the URL does not name it (custom domains). */
  apiId?: string;
  /** Control plane: the region when the URL does not name it. */
  region?: string;
  timeoutMs?: number;
}

/** A GraphQL URL that is not a saved endpoint (the CLI's `schema <url>`). */
export interface SchemaTarget {
  url: string;
  /** How to authorize the introspection query (data plane). */
  auth?: AuthModeInput;
  headers?: Record<string, string>;
  profile?: string;
}

export class SchemaService {
  readonly #deps: SchemaServiceDeps;
  readonly #cache: SchemaCache;
  readonly #clock: Clock;

  constructor(deps: SchemaServiceDeps) {
    this.#deps = deps;
    this.#cache = new SchemaCache(deps.environment.dataDir);
    this.#clock = deps.clock ?? systemClock;
  }

  async load(endpointId: string, options: SchemaLoadOptions = {}): Promise<SchemaDTO> {
    if (!this.#deps.endpoints) {
      throw new AppError('ENDPOINT_NOT_FOUND', 'Saved endpoints are not available here.');
    }
    const endpoint = await this.#deps.endpoints.get(endpointId);
    const cached = await this.#cache.read(endpointId, endpoint.url);
    if (cached && !options.refresh && (!options.source || options.source === cached.source)) {
      return toDTO(endpointId, cached, true);
    }
    const source = options.source ?? cached?.source ?? 'introspection';
    const fetched =
      source === 'control-plane'
        ? await this.#fromControlPlane(endpoint.url, iamProfileOf(endpoint), options)
        : await this.#fromDataPlane({ endpointId }, endpoint.url, options);
    await this.#cache.write(endpointId, fetched);
    return toDTO(endpointId, fetched, false);
  }

  /** The cached copy only (no network), or null. */
  async cached(endpointId: string): Promise<SchemaDTO | null> {
    const endpoint = await this.#deps.endpoints?.get(endpointId);
    if (!endpoint) return null;
    const cached = await this.#cache.read(endpointId, endpoint.url);
    return cached ? toDTO(endpointId, cached, true) : null;
  }

  /** Drops the cached copy (e.g. when the endpoint is deleted). */
  forget(endpointId: string): Promise<void> {
    return this.#cache.forget(endpointId);
  }

  /** Loads the schema of a bare URL, uncached. */
  async fetch(target: SchemaTarget, options: SchemaLoadOptions = {}): Promise<SchemaDTO> {
    const fetched =
      options.source === 'control-plane'
        ? await this.#fromControlPlane(target.url, target.profile ?? null, options)
        : await this.#fromDataPlane(
            {
              url: target.url,
              ...(target.auth ? { auth: target.auth } : {}),
              ...(target.headers ? { headers: target.headers } : {}),
              ...(target.profile ? { profile: target.profile } : {}),
            },
            target.url,
            options,
          );
    return toDTO(null, fetched, false);
  }

  async #fromDataPlane(
    request: Parameters<typeof introspectDataPlane>[1],
    url: string,
    options: SchemaLoadOptions,
  ): Promise<CachedSchema> {
    const content = await introspectDataPlane(
      this.#deps.requests,
      { ...request, ...(options.profile && !request.profile ? { profile: options.profile } : {}) },
      {
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      },
    );
    return {
      url,
      source: 'introspection',
      fetchedAt: this.#now(),
      format: 'introspection',
      content,
    };
  }

  async #fromControlPlane(
    url: string,
    endpointProfile: string | null,
    options: SchemaLoadOptions,
  ): Promise<CachedSchema> {
    const apiId = options.apiId ?? apiIdFromUrl(url);
    if (!apiId) {
      throw new AppError(
        'INVALID_INPUT',
        `${new URL(url).host} does not name an AppSync API id (a custom domain?). Give the API id to load its schema from AppSync, or use the introspection query.`,
      );
    }
    const profile =
      options.profile ?? endpointProfile ?? (await (this.#deps.activeProfile?.() ?? null));
    if (!profile) {
      throw new AppError(
        'CREDENTIALS_UNRESOLVED',
        'Loading the schema from AppSync needs an AWS profile, and none is chosen. Choose a profile (or set AWS_PROFILE) and try again.',
      );
    }
    const region =
      options.region ?? regionFromUrl(url) ?? (await this.#deps.credentials.region(profile));
    if (!region) {
      throw new AppError(
        'INVALID_INPUT',
        `The region of ${new URL(url).host} is unknown and profile "${profile}" sets none. Give the region.`,
      );
    }
    const sdl = await sdlFromControlPlane(
      { environment: this.#deps.environment, credentials: this.#deps.credentials },
      { apiId, region, profile },
      options.signal,
    );
    // Built once here so a schema that graphql-js cannot read fails now, not in the editor.
    introspectionFromSdl(sdl);
    return { url, source: 'control-plane', fetchedAt: this.#now(), format: 'sdl', content: sdl };
  }

  #now(): string {
    return new Date(this.#clock.now()).toISOString();
  }
}

function iamProfileOf(endpoint: EndpointDTO): string | null {
  for (const mode of endpoint.authModes) if (mode.type === 'AWS_IAM') return mode.profile;
  return null;
}

function toDTO(endpointId: string | null, cached: CachedSchema, fromCache: boolean): SchemaDTO {
  const introspection: IntrospectionResultJSON =
    cached.format === 'sdl' ? introspectionFromSdl(cached.content) : cached.content;
  const types = (introspection.__schema.types as { name?: string }[] | undefined) ?? [];
  return {
    endpointId,
    url: cached.url,
    source: cached.source,
    fetchedAt: cached.fetchedAt,
    fromCache,
    introspection,
    sdl: cached.format === 'sdl' ? cached.content : null,
    typeCount: types.filter((t) => t.name && !t.name.startsWith('__')).length,
  };
}
