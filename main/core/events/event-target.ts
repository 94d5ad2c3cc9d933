/**
 * Where a publish or a channel subscription goes, as the app names it: a saved endpoint (its
 * URL and the chosen auth mode; the secret stays in the vault) or an Event API URL signed with
 * IAM, the one mode that needs no saved secret.
 */
import type { AuthModeInput, AuthModeType, EndpointDTO } from '../../../shared/endpoints.ts';
import { AppError } from '../../../shared/errors.ts';
import { isEventApiUrl } from '../../../shared/events.ts';
import { endpointMode } from '../endpoints/endpoint-mode.ts';

/** Where to send and how to authorize, as the engine takes it. */
export interface EventTarget {
  /** The Event API's HTTP (`…/event`) or real-time (`…/event/realtime`) address. */
  url: string;
  auth: AuthModeInput;
  /** For IAM: overrides the mode's profile (and the active one). */
  profile?: string | undefined;
  /** A private API's address (VPC endpoint DNS name or host:port); see connect-to.ts. */
  connectTo?: string | undefined;
}

/** A saved endpoint or a URL, never both (the contract holds that). */
export interface EventTargetChoice {
  endpointId?: string | undefined;
  url?: string | undefined;
  /** The endpoint's primary mode when absent. */
  authMode?: AuthModeType | undefined;
  /** For IAM: overrides the endpoint's (and the active) profile. */
  profile?: string | undefined;
  /** For a bare URL on a custom domain: the region IAM signs for. */
  region?: string | undefined;
}

export interface SavedEndpoints {
  get(id: string): Promise<EndpointDTO>;
}

export async function chosenEventTarget(
  choice: EventTargetChoice,
  endpoints: SavedEndpoints | undefined,
): Promise<EventTarget> {
  const profile = choice.profile ? { profile: choice.profile } : {};
  if (!choice.endpointId) {
    if (!choice.url)
      throw new AppError('INVALID_INPUT', 'Name a saved endpoint or an Event API URL.');
    const auth: AuthModeInput = {
      type: 'AWS_IAM',
      profile: null,
      service: 'appsync',
      ...(choice.region ? { region: choice.region } : {}),
    };
    return { url: choice.url, auth, ...profile };
  }
  if (!endpoints)
    throw new AppError('ENDPOINT_NOT_FOUND', 'Saved endpoints are not available here.');
  const endpoint = await endpoints.get(choice.endpointId);
  if (!isEventApiUrl(endpoint.url)) {
    throw new AppError(
      'INVALID_INPUT',
      `Endpoint "${endpoint.name}" is a GraphQL API (${endpoint.url}); channels need an Event API, whose URL ends in /event.`,
    );
  }
  return { url: endpoint.url, auth: endpointMode(endpoint, choice.authMode), ...profile };
}
