/**
 * API discovery: the AppSync GraphQL APIs an AWS profile can see, region by region
 * (`ListGraphqlApis`), and how one becomes an endpoint in one click. No secret here: an API
 * key's value is never listed by the control plane call we make.
 */
import { AUTH_MODE_TYPES, type AuthModeType } from './auth-modes.ts';
import type { EndpointInput } from './endpoints.ts';
import type { ErrorCode } from './errors.ts';
import type { DiscoveredEventApiDTO } from './events.ts';

export interface DiscoveredApiDTO {
  name: string;
  apiId: string;
  region: string;
  arn: string | null;
  /** `GRAPHQL` or `MERGED` (a merged API), null when AppSync did not say. */
  apiType: string | null;
  /** The primary mode first, then the additional providers, as AppSync lists them. */
  authModes: AuthModeType[];
  graphqlUrl: string | null;
  /** AppSync's real-time URL, or the one derived from the GraphQL URL. */
  realtimeUrl: string | null;
  /** `ENABLED` / `DISABLED`; null when AppSync did not say (it defaults to enabled). */
  introspection: string | null;
  /** `PRIVATE`: reachable only through a VPC endpoint (AppSync's `visibility`, else GLOBAL). */
  visibility: 'GLOBAL' | 'PRIVATE';
}

/** A region that could not be listed (opt-in region, denied, unreachable). */
export interface DiscoveryRegionFailureDTO {
  region: string;
  code: ErrorCode;
  message: string;
}

export interface DiscoveryResultDTO {
  profile: string;
  regions: string[];
  apis: DiscoveredApiDTO[];
  /** AppSync Events APIs (`ListApis`) with their channel namespaces. */
  eventApis: DiscoveredEventApiDTO[];
  failures: DiscoveryRegionFailureDTO[];
  /** Regions whose GraphQL APIs were listed but whose Event APIs could not be (`ListApis`). */
  eventApiFailures: DiscoveryRegionFailureDTO[];
}

export interface DiscoveryProgressDTO {
  region: string;
  /** APIs found in this region so far (grows page by page). */
  found: number;
  /** Whether this region is finished (listed or failed). */
  done: boolean;
  regionsDone: number;
  regionsTotal: number;
}

export function isAuthModeType(value: string): value is AuthModeType {
  return (AUTH_MODE_TYPES as readonly string[]).includes(value);
}

/**
 * An endpoint for a discovered API with its modes preselected: IAM signs with `profile`
 * (null = the active one) in the API's region; token and key modes start as vault entries the
 * user fills in (the store rewrites the reference to the endpoint's own key).
 */
export function endpointInputFor(api: DiscoveredApiDTO, profile: string | null): EndpointInput {
  if (!api.graphqlUrl) throw new Error(`AppSync listed no GraphQL URL for ${api.name}.`);
  return {
    name: api.name,
    url: api.graphqlUrl,
    headers: {},
    authModes: api.authModes.map((type) =>
      type === 'AWS_IAM'
        ? { type, profile, region: api.region, service: 'appsync' }
        : { type, source: { from: 'vault', secretRef: 'pending' } },
    ),
    // The API id names its log group; a private API still needs its VPC endpoint set.
    ...(api.apiId ? { apiId: api.apiId } : {}),
    ...(api.visibility === 'PRIVATE' ? { privateApi: true } : {}),
  };
}

/**
 * An endpoint for a discovered Event API: its HTTP URL (`…/event`) and the modes that may
 * connect, IAM signing with `profile` in the API's region, the others as vault entries to fill.
 */
export function eventEndpointInputFor(
  api: DiscoveredEventApiDTO,
  profile: string | null,
): EndpointInput {
  if (!api.httpUrl) throw new Error(`AppSync listed no HTTP address for ${api.name}.`);
  const modes = api.connectionAuthModes.length
    ? api.connectionAuthModes
    : [
        ...new Set(
          api.namespaces.flatMap((ns) => [...ns.publishAuthModes, ...ns.subscribeAuthModes]),
        ),
      ];
  return {
    name: api.name,
    url: api.httpUrl,
    headers: {},
    authModes: modes.map((type) =>
      type === 'AWS_IAM'
        ? { type, profile, region: api.region, service: 'appsync' }
        : { type, source: { from: 'vault', secretRef: 'pending' } },
    ),
  };
}
