/**
 * Lists the AppSync GraphQL APIs a profile can see in the regions the user picks (every page
 * of `ListGraphqlApis`) and its Event APIs with their channel namespaces (`ListApis`), a few regions at a time (an account may be asked about every region at
 * once), progress as pages arrive. A region that cannot be listed (not enabled for the account,
 * denied) is reported beside the others' APIs rather than failing them all.
 */
import { ListGraphqlApisCommand, type GraphqlApi } from '@aws-sdk/client-appsync';
import {
  isAuthModeType,
  type DiscoveredApiDTO,
  type DiscoveryProgressDTO,
  type DiscoveryRegionFailureDTO,
  type DiscoveryResultDTO,
} from '../../../shared/discovery.ts';
import type { AuthModeType } from '../../../shared/endpoints.ts';
import { AppError } from '../../../shared/errors.ts';
import type { DiscoveredEventApiDTO } from '../../../shared/events.ts';
import { realtimeUrl } from '../realtime/realtime-url.ts';
import {
  appsyncClient,
  describeControlPlaneError,
  type ControlPlaneDeps,
} from './appsync-control-plane.ts';
import { listEventApis } from './event-api-discovery.ts';

export interface ListApisOptions {
  signal?: AbortSignal;
  onProgress?: (progress: DiscoveryProgressDTO) => void;
  /** Page size asked of AppSync (1–25; AppSync's default otherwise). */
  pageSize?: number;
  /** Regions listed at once. Default 4. */
  concurrency?: number;
}

export interface ApiDiscoveryDeps extends ControlPlaneDeps {
  /** The profile listed with when the caller names none (the app's active one). */
  activeProfile?: () => Promise<string | null>;
}

export class ApiDiscovery {
  readonly #deps: ApiDiscoveryDeps;

  constructor(deps: ApiDiscoveryDeps) {
    this.#deps = deps;
  }

  /** Lists with `profile`, or the active profile when it is null. */
  async discover(
    profile: string | null,
    regions: string[],
    options: ListApisOptions = {},
  ): Promise<DiscoveryResultDTO> {
    const chosen = profile ?? (await this.#deps.activeProfile?.()) ?? null;
    if (!chosen) {
      throw new AppError(
        'PROFILE_NOT_FOUND',
        'No profile is active to discover AppSync APIs with. Choose a profile in the sidebar first.',
      );
    }
    return this.listGraphqlApis(chosen, regions, options);
  }

  async listGraphqlApis(
    profile: string,
    regions: string[],
    options: ListApisOptions = {},
  ): Promise<DiscoveryResultDTO> {
    const wanted = [...new Set(regions)];
    if (wanted.length === 0) throw new AppError('INVALID_INPUT', 'Choose at least one region.');
    options.signal?.throwIfAborted();
    // Resolve once up front: a profile that does not resolve is one error, not one per region
    // (and an MFA prompt is asked once, not by four regions at the same time).
    await this.#deps.credentials.resolve(profile, options.signal ? { signal: options.signal } : {});
    const byRegion = new Map<string, DiscoveredApiDTO[]>();
    const eventApis = new Map<string, DiscoveredEventApiDTO[]>();
    const failures: DiscoveryRegionFailureDTO[] = [];
    const eventApiFailures: DiscoveryRegionFailureDTO[] = [];
    let done = 0;
    const progress = (region: string, found: number, finished: boolean) => {
      if (finished) done += 1;
      try {
        options.onProgress?.({
          region,
          found,
          done: finished,
          regionsDone: done,
          regionsTotal: wanted.length,
        });
      } catch {
        // A listener's trouble is not the listing's.
      }
    };
    const queue = [...wanted];
    const worker = async () => {
      for (let region = queue.shift(); region; region = queue.shift()) {
        try {
          byRegion.set(
            region,
            await this.#listRegion(profile, region, options, progress, (found) => {
              if (Array.isArray(found)) eventApis.set(region, found);
              else eventApiFailures.push(found);
            }),
          );
          progress(region, byRegion.get(region)?.length ?? 0, true);
        } catch (error) {
          const failure = describeControlPlaneError(error, {
            profile,
            region,
            action: 'ListGraphqlApis',
          });
          if (failure.code === 'CANCELLED' || options.signal?.aborted) throw failure;
          failures.push({ region, code: failure.code, message: failure.message });
          progress(region, 0, true);
        }
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(options.concurrency ?? 4, wanted.length) }, worker),
    );
    if (failures.length === wanted.length) {
      const first = failures[0] as DiscoveryRegionFailureDTO;
      throw new AppError(first.code, first.message, { failures });
    }
    const apis = wanted.flatMap((region) => byRegion.get(region) ?? []);
    return {
      profile,
      regions: wanted,
      apis,
      eventApis: wanted.flatMap((region) => eventApis.get(region) ?? []),
      failures,
      eventApiFailures,
    };
  }

  async #listRegion(
    profile: string,
    region: string,
    options: ListApisOptions,
    progress: (region: string, found: number, finished: boolean) => void,
    onEventApis: (found: DiscoveredEventApiDTO[] | DiscoveryRegionFailureDTO) => void,
  ): Promise<DiscoveredApiDTO[]> {
    const client = await appsyncClient(this.#deps, profile, region);
    const found: DiscoveredApiDTO[] = [];
    const seenTokens = new Set<string>();
    try {
      let nextToken: string | undefined;
      do {
        const page = await client.send(
          new ListGraphqlApisCommand({
            ...(nextToken ? { nextToken } : {}),
            ...(options.pageSize ? { maxResults: options.pageSize } : {}),
          }),
          options.signal ? { abortSignal: options.signal } : {},
        );
        for (const api of page.graphqlApis ?? []) found.push(toDTO(api, region));
        nextToken = page.nextToken || undefined;
        // A control plane that hands back a token it gave before would page forever.
        if (nextToken && seenTokens.has(nextToken)) break;
        if (nextToken) seenTokens.add(nextToken);
        if (nextToken) progress(region, found.length, false);
      } while (nextToken);
      onEventApis(await this.#listEventApis(client, profile, region, options.signal));
    } finally {
      client.destroy();
    }
    return found;
  }

  /** A control plane without Event APIs (or a profile denied ListApis) leaves them out, saying so. */
  async #listEventApis(
    client: Awaited<ReturnType<typeof appsyncClient>>,
    profile: string,
    region: string,
    signal: AbortSignal | undefined,
  ): Promise<DiscoveredEventApiDTO[] | DiscoveryRegionFailureDTO> {
    try {
      return await listEventApis(client, region, signal);
    } catch (error) {
      const failure = describeControlPlaneError(error, { profile, region, action: 'ListApis' });
      if (failure.code === 'CANCELLED' || signal?.aborted) throw failure;
      return { region, code: failure.code, message: failure.message };
    }
  }
}

function toDTO(api: GraphqlApi, region: string): DiscoveredApiDTO {
  const modes: AuthModeType[] = [];
  for (const type of [
    api.authenticationType,
    ...(api.additionalAuthenticationProviders ?? []).map((p) => p.authenticationType),
  ]) {
    if (type && isAuthModeType(type) && !modes.includes(type)) modes.push(type);
  }
  const graphqlUrl = api.uris?.GRAPHQL ?? null;
  let realtime = api.uris?.REALTIME ?? null;
  if (!realtime && graphqlUrl) {
    try {
      realtime = realtimeUrl(new URL(graphqlUrl)).href;
    } catch {
      realtime = null;
    }
  }
  return {
    name: api.name ?? api.apiId ?? '(unnamed)',
    apiId: api.apiId ?? '',
    region,
    arn: api.arn ?? null,
    apiType: api.apiType ?? null,
    authModes: modes,
    graphqlUrl,
    realtimeUrl: realtime,
    introspection: api.introspectionConfig ?? null,
    visibility: api.visibility === 'PRIVATE' ? 'PRIVATE' : 'GLOBAL',
  };
}
