/**
 * The real AWS SDK clients for IAM Identity Center, pointed at the SSO region and at the endpoint
 * the user configured, plus the few facts about their errors the flows act on.
 */
import { SSOClient } from '@aws-sdk/client-sso';
import { SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { AppError } from '../../../shared/errors.ts';

export interface SsoClients {
  oidc: SSOOIDCClient;
  portal: SSOClient;
  /** Scheme and host of the SSO-OIDC endpoint, where `/authorize` lives. */
  oidcBase: string;
}

export function createSsoClients(args: {
  region: string;
  oidcEndpoint: string | undefined;
  portalEndpoint: string | undefined;
}): SsoClients {
  // Retries are ours: device polling and 429 backoff must follow the service's pace, not the SDK's.
  const common = { region: args.region, maxAttempts: 1 };
  const oidc = new SSOOIDCClient({
    ...common,
    ...(args.oidcEndpoint ? { endpoint: args.oidcEndpoint } : {}),
  });
  const portal = new SSOClient({
    ...common,
    ...(args.portalEndpoint ? { endpoint: args.portalEndpoint } : {}),
  });
  const oidcBase =
    args.oidcEndpoint ??
    oidc.config.endpointProvider({ Region: args.region, UseFIPS: false, UseDualStack: false }).url
      .href;
  return { oidc, portal, oidcBase };
}

export function destroyClients(clients: SsoClients): void {
  clients.oidc.destroy();
  clients.portal.destroy();
}

interface ServiceErrorLike {
  name?: string;
  error?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

/** The service error's name (`SlowDownException`), or its OAuth `error` (`slow_down`). */
export function serviceErrorIs(error: unknown, name: string, oauthError?: string): boolean {
  const e = error as ServiceErrorLike | null;
  return !!e && (e.name === name || (oauthError !== undefined && e.error === oauthError));
}

export function isThrottled(error: unknown): boolean {
  const e = error as ServiceErrorLike | null;
  return serviceErrorIs(error, 'TooManyRequestsException') || e?.$metadata?.httpStatusCode === 429;
}

export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return !!signal?.aborted || (error as { name?: string } | null)?.name === 'AbortError';
}

/** A refusal that signing in again fixes, as opposed to a network or service failure. */
export function isClientFault(error: unknown): boolean {
  return (error as ServiceErrorLike | null)?.$fault === 'client';
}

export const cancelled = () => new AppError('CANCELLED', 'The sign-in was cancelled.');

/** The error's name and message without anything from the request (never a token). */
export function describeServiceError(error: unknown): string {
  const e = error as { name?: string; message?: string } | null;
  const name = e?.name && e.name !== 'Error' ? `${e.name}: ` : '';
  return `${name}${(e?.message ?? String(error)).slice(0, 300)}`;
}
