/**
 * The sandbox's API as a private AppSync API behind an address (a VPC endpoint): a request
 * arrives with the address as `Host` and the API's own host in `x-appsync-domain`; AppSync
 * checks the signature against that header's host, so a request signed for the address fails
 * as a signature mismatch, and one without the header does not reach the API at all.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { refusal, type AppSyncRefusal } from './appsync-response.ts';
import type { AppSyncApiConfig } from './auth-config.ts';

export const APPSYNC_DOMAIN_HEADER = 'x-appsync-domain';

/** The API's GraphQL host and its real-time host, as AppSync names them. */
export function apiDomains(api: AppSyncApiConfig): { graphql: string; realtime: string } {
  return {
    graphql: `${api.apiId}.appsync-api.${api.region}.amazonaws.com`,
    realtime: `${api.apiId}.appsync-realtime-api.${api.region}.amazonaws.com`,
  };
}

/**
 * For a private API: the headers to verify (with `host` taken from `x-appsync-domain`), or the
 * refusal of a request that does not name this API. A public API's headers pass unchanged.
 */
export function privateApiHeaders(
  api: AppSyncApiConfig,
  headers: IncomingHttpHeaders,
  accept: 'graphql' | 'realtime' = 'graphql',
): { ok: true; headers: IncomingHttpHeaders } | { ok: false; refusal: AppSyncRefusal } {
  if (!api.privateApi) return { ok: true, headers };
  const raw = headers[APPSYNC_DOMAIN_HEADER];
  const domain = (Array.isArray(raw) ? raw[0] : raw)?.trim().toLowerCase();
  const domains = apiDomains(api);
  if (domain !== domains[accept]) {
    return {
      ok: false,
      refusal: refusal(
        403,
        'ForbiddenException',
        domain
          ? `${domain} is not this private API; x-appsync-domain must be ${domains[accept]}.`
          : `This is a private API: reach it through its VPC endpoint with the header x-appsync-domain: ${domains[accept]}.`,
      ),
    };
  }
  return { ok: true, headers: { ...headers, host: domain } };
}
