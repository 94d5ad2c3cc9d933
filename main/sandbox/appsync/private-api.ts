/**
 * The sandbox's API as a private AppSync API behind an address (a VPC endpoint): a request
 * arrives with the address as `Host` and the API's own host in `x-appsync-domain`; AppSync
 * checks the signature against that header's host, so a request signed for the address fails
 * as a signature mismatch, and one without the header does not reach the API at all.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { refusal, type AppSyncRefusal } from './appsync-response.ts';
import type { AppSyncApiConfig } from './auth-config.ts';

export const APPSYNC_DOMAIN_HEADER = 'x-appsync-domain';

/** The API's GraphQL host and its real-time host, as AppSync names them. */
/** What a private API check needs of an API (a GraphQL API's config or an Event API's). */
export type PrivateApiShape = Pick<AppSyncApiConfig, 'apiId' | 'region' | 'privateApi'>;

export function apiDomains(api: PrivateApiShape): { graphql: string; realtime: string } {
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
  api: PrivateApiShape,
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

/** A real-time upgrade that does not name this private API is answered 403, never upgraded. */
export function refusedUpgrade(
  api: PrivateApiShape,
  req: IncomingMessage,
  socket: Duplex,
): boolean {
  const reached = privateApiHeaders(api, req.headers, 'realtime');
  if (reached.ok) return false;
  const { status, errorType, message } = reached.refusal;
  socket.end(
    `HTTP/1.1 ${status} Forbidden\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n` +
      JSON.stringify({ errors: [{ errorType, message }] }),
  );
  return true;
}
