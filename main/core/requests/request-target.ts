/**
 * Where a run goes and how it is authorized: a saved endpoint's URL, mode and headers, or an
 * ad-hoc URL with its auth mode (the command line, a collection request with a URL of its own).
 */
import { checkAuthMode } from '../../../shared/auth-mode-check.ts';
import { CONNECT_TO_PATTERN } from '../../../shared/auth-modes.ts';
import type { AuthMode, AuthModeInput, AuthModeType } from '../../../shared/endpoints.ts';
import { AppError } from '../../../shared/errors.ts';
import { endpointMode } from '../endpoints/endpoint-mode.ts';
import type { EndpointStore } from '../endpoints/endpoint-store.ts';

/** What of a run (RunRequest) says where it goes. */
export interface TargetRequest {
  endpointId?: string;
  url?: string;
  auth?: AuthModeInput;
  authMode?: AuthModeType;
  /** A private API's address (VPC endpoint); the saved endpoint's own one otherwise. */
  connectTo?: string;
}

export interface RequestTarget {
  url: URL;
  mode: AuthMode;
  headers: Record<string, string>;
  /** Where the connection goes instead of the URL's host (a private API's VPC endpoint). */
  connectTo: string | null;
  /** The saved endpoint, null for a URL of its own. */
  endpoint: { id: string; name: string } | null;
}

export async function requestTarget(
  request: TargetRequest,
  store: EndpointStore | undefined,
): Promise<RequestTarget> {
  if (request.endpointId) {
    if (!store) throw new AppError('ENDPOINT_NOT_FOUND', 'Saved endpoints are not available here.');
    const endpoint = await store.get(request.endpointId);
    return {
      url: new URL(endpoint.url),
      mode: endpointMode(endpoint, request.authMode),
      headers: endpoint.headers,
      connectTo: checkedConnectTo(request.connectTo) ?? endpoint.connectTo ?? null,
      endpoint: { id: endpoint.id, name: endpoint.name },
    };
  }
  if (!request.url || !request.auth) {
    throw new AppError('INVALID_INPUT', 'A request needs an endpoint, or a URL and an auth mode.');
  }
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new AppError('INVALID_INPUT', `"${request.url}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('INVALID_INPUT', `"${request.url}" is not an http(s) URL.`);
  }
  const parsed = checkAuthMode(request.auth);
  if (!parsed.ok) {
    throw new AppError('INVALID_INPUT', `The auth mode is not valid: ${parsed.problem}.`);
  }
  return {
    url,
    mode: parsed.mode,
    headers: {},
    connectTo: checkedConnectTo(request.connectTo),
    endpoint: null,
  };
}

/** A private API's address as given, checked: host or host:port, nothing else. */
export function checkedConnectTo(address: string | undefined): string | null {
  if (address === undefined || address === '') return null;
  if (!CONNECT_TO_PATTERN.test(address)) {
    throw new AppError(
      'INVALID_INPUT',
      `"${address.slice(0, 200)}" is not an address to connect to: give host or host:port (a VPC endpoint's DNS name), no scheme or path.`,
    );
  }
  return address;
}
