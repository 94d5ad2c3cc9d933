/**
 * Sign-in with a device code (RFC 8628), for when the browser is on another machine: show the
 * code through the Prompter, then poll the token endpoint at the provider's pace — 5 s unless it
 * says otherwise, 5 s more after each `slow_down` (§3.5) — until the user approves or it ends.
 * The polling loop is ours (openid-client's `pollDeviceAuthorizationGrant` sleeps on real
 * timers) so the wait is injectable; each poll is openid-client's device-code grant request.
 */
import * as client from 'openid-client';
import { AppError } from '../../../shared/errors.ts';
import type { Clock, Opener, Prompter } from '../ports.ts';
import { authorizationParams, type OidcTokenResponse } from './browser-login.ts';
import { cancelled, describeOidcError, untilAborted } from './oidc-client.ts';
import type { StoredOidcProvider } from './provider-store.ts';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const DEFAULT_INTERVAL_S = 5;
const SLOW_DOWN_S = 5;

/** Waits `ms`, rejecting when the signal aborts. */
export type Wait = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realWait: Wait = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function supportsDeviceLogin(config: client.Configuration): boolean {
  return typeof config.serverMetadata().device_authorization_endpoint === 'string';
}

export async function deviceLogin(args: {
  config: client.Configuration;
  provider: StoredOidcProvider;
  prompter: Prompter;
  opener: Opener;
  clock: Clock;
  wait: Wait;
  /** Also open the verification page here (the code stays on screen either way). */
  openBrowser?: boolean;
  signal?: AbortSignal;
}): Promise<OidcTokenResponse> {
  const { config, provider, clock, signal } = args;
  if (!supportsDeviceLogin(config)) {
    throw new AppError(
      'INVALID_INPUT',
      `OIDC provider "${provider.name}" does not offer device sign-in (its discovery document has no device_authorization_endpoint). Sign in with the browser instead.`,
    );
  }
  // `prompt` belongs to the browser flow; the device endpoint takes the rest (e.g. audience).
  const params = authorizationParams(provider);
  delete params.prompt;
  let start: client.DeviceAuthorizationResponse;
  try {
    start = await untilAborted(
      client.initiateDeviceAuthorization(config, { ...params, scope: provider.scopes.join(' ') }),
      signal,
    );
  } catch (error) {
    throw describeOidcError(error, provider, 'device');
  }
  const expiresAt = clock.now() + start.expires_in * 1000;
  let intervalS = start.interval ?? DEFAULT_INTERVAL_S;

  const promptDone = new AbortController();
  args.prompter.showDeviceCode(
    {
      verificationUri: start.verification_uri,
      verificationUriComplete: start.verification_uri_complete ?? null,
      userCode: start.user_code,
      expiresAt,
      purpose: `OIDC provider "${provider.name}"`,
    },
    promptDone.signal,
  );
  try {
    if (args.openBrowser) {
      await args.opener
        .open(start.verification_uri_complete ?? start.verification_uri)
        .catch(() => undefined);
    }
    for (;;) {
      await args.wait(intervalS * 1000, signal);
      if (clock.now() >= expiresAt) throw expired(provider);
      try {
        return await untilAborted(
          client.genericGrantRequest(config, DEVICE_GRANT, { device_code: start.device_code }),
          signal,
        );
      } catch (error) {
        if (error instanceof client.ResponseBodyError) {
          if (error.error === 'authorization_pending') continue;
          if (error.error === 'slow_down') {
            intervalS += SLOW_DOWN_S;
            continue;
          }
          if (error.error === 'expired_token') throw expired(provider);
          if (error.error === 'access_denied') {
            throw new AppError(
              'UNAUTHORIZED',
              `The sign-in to OIDC provider "${provider.name}" was declined on the verification page. Start it again if that was a mistake.`,
              { provider: provider.name },
            );
          }
        }
        throw describeOidcError(error, provider, 'device');
      }
    }
  } finally {
    promptDone.abort();
  }
}

function expired(provider: StoredOidcProvider): AppError {
  return new AppError(
    'TIMEOUT',
    `The device code for OIDC provider "${provider.name}" expired before it was approved. Start the sign-in again.`,
    { provider: provider.name },
  );
}
