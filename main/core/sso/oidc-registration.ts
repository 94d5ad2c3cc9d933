/**
 * OIDC client registration (`RegisterClient`), cached in the CLI's file and reused until it is
 * about to expire, as `aws sso login` does. Device and authorization-code logins need different
 * registrations; like the CLI, each replaces the other's when the flow changes.
 */
import { RegisterClientCommand, type SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import type { SsoLoginFlow } from '../../../shared/sso.ts';
import type { Clock } from '../ports.ts';
import { DEFAULT_AUTH_CODE_SCOPE, REDIRECT_URI_WITHOUT_PORT } from './pkce.ts';
import type { SsoSessionConfig } from './sso-config.ts';
import {
  formatCacheTime,
  parseCacheTime,
  type SsoCachedRegistration,
  type SsoTokenCache,
} from './sso-token-cache.ts';

/** The CLI's `_EXPIRY_WINDOW`: a registration this close to expiry is replaced. */
const REGISTRATION_EXPIRY_WINDOW_MS = 15 * 60 * 1000;
const AUTH_CODE_GRANT_TYPES = ['authorization_code', 'refresh_token'];

function cacheArgs(session: SsoSessionConfig) {
  return {
    startUrl: session.startUrl,
    region: session.region,
    scopes: session.scopes,
    sessionName: session.sessionName,
  };
}

function isForAuthCode(registration: SsoCachedRegistration): boolean {
  return (
    Array.isArray(registration.grantTypes) && registration.grantTypes.includes('authorization_code')
  );
}

export async function clientRegistration(args: {
  oidc: SSOOIDCClient;
  cache: SsoTokenCache;
  session: SsoSessionConfig;
  flow: SsoLoginFlow;
  clock: Clock;
  signal?: AbortSignal;
}): Promise<SsoCachedRegistration> {
  const { session, flow, clock } = args;
  const cached = await args.cache.readRegistration(cacheArgs(session));
  if (
    cached &&
    parseCacheTime(cached.expiresAt) - clock.now() >= REGISTRATION_EXPIRY_WINDOW_MS &&
    isForAuthCode(cached) === (flow === 'pkce')
  ) {
    return cached;
  }

  const clientName = `appsync-workbench-${session.sessionName ?? Math.floor(clock.now() / 1000)}`;
  const scopes = flow === 'pkce' ? (session.scopes ?? [DEFAULT_AUTH_CODE_SCOPE]) : session.scopes;
  const response = await args.oidc.send(
    new RegisterClientCommand({
      clientName,
      clientType: 'public',
      ...(scopes?.length ? { scopes } : {}),
      ...(flow === 'pkce'
        ? {
            grantTypes: AUTH_CODE_GRANT_TYPES,
            redirectUris: [REDIRECT_URI_WITHOUT_PORT],
            issuerUrl: session.startUrl,
          }
        : {}),
    }),
    { abortSignal: args.signal },
  );
  if (!response.clientId || !response.clientSecret || !response.clientSecretExpiresAt) {
    throw new Error('RegisterClient returned no client id, secret or expiry.');
  }
  const registration: SsoCachedRegistration = {
    clientId: response.clientId,
    clientSecret: response.clientSecret,
    expiresAt: formatCacheTime(response.clientSecretExpiresAt * 1000),
    ...(scopes?.length ? { scopes } : {}),
    ...(flow === 'pkce' ? { grantTypes: AUTH_CODE_GRANT_TYPES } : {}),
  };
  await args.cache.writeRegistration(cacheArgs(session), registration);
  return registration;
}
