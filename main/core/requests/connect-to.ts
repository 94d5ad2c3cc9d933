/**
 * A private AppSync API reached through an address of the user's (a VPC endpoint's DNS name,
 * `host:port`): the connection, TLS server name and `Host` are the address's, while the API's
 * own host travels in `x-appsync-domain` and is the host the request is signed for. AppSync
 * verifies the signature against `x-appsync-domain`, so one signed for the address is refused.
 */
import type { HttpExchange } from './http-exchange.ts';

export const APPSYNC_DOMAIN_HEADER = 'x-appsync-domain';

/** The header a request to `url` through an address carries (the API's own host). */
export function appSyncDomainHeaders(url: URL, connectTo: string | null): Record<string, string> {
  return connectTo ? { [APPSYNC_DOMAIN_HEADER]: url.host } : {};
}

/** The URL the connection is made to: the address in place of the API's host and port. */
export function connectUrl(url: URL, connectTo: string): URL {
  const via = new URL(url.href);
  via.host = connectTo;
  // `new URL` keeps no port equal to the scheme's default; a given one replaces the API's.
  if (!/:\d+$/.test(connectTo)) via.port = '';
  return via;
}

/** What goes on the wire for an exchange: unchanged, or sent to its address with that `Host`. */
export function routed(exchange: HttpExchange): HttpExchange {
  if (!exchange.connectTo) return exchange;
  const url = connectUrl(exchange.url, exchange.connectTo);
  return { ...exchange, url, headers: { ...exchange.headers, host: url.host } };
}
