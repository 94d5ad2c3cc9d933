/**
 * Sign-in with a device code (RFC 8628), for when the browser is on another machine:
 * openid-client starts the device authorization and makes each poll (its own polling loop
 * sleeps on real timers); the waiting and its rules are `auth/device-code-polling.ts`.
 */
import * as client from 'openid-client';
import { AppError } from '../../../shared/errors.ts';
import {
  awaitDeviceApproval,
  devicePollError,
  type DevicePoll,
  type Wait,
} from '../auth/device-code-polling.ts';
import type { Clock, Opener, Prompter } from '../ports.ts';
import { authorizationParams, type OidcTokenResponse } from './browser-login.ts';
import { cancelled, describeOidcError, untilAborted } from './oidc-client.ts';
import type { StoredOidcProvider } from './provider-store.ts';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

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
  return awaitDeviceApproval({
    code: {
      userCode: start.user_code,
      verificationUri: start.verification_uri,
      verificationUriComplete: start.verification_uri_complete ?? null,
      expiresInS: start.expires_in,
      intervalS: start.interval,
    },
    purpose: `OIDC provider "${provider.name}"`,
    prompter: args.prompter,
    opener: args.opener,
    openBrowser: args.openBrowser ?? false,
    clock,
    wait: args.wait,
    signal,
    async poll(pollSignal): Promise<DevicePoll<OidcTokenResponse>> {
      try {
        return {
          token: await untilAborted(
            client.genericGrantRequest(config, DEVICE_GRANT, { device_code: start.device_code }),
            pollSignal,
          ),
        };
      } catch (error) {
        const known = error instanceof client.ResponseBodyError && devicePollError(error.error);
        if (known) return { error: known };
        throw describeOidcError(error, provider, 'device');
      }
    },
    endings: {
      expired: () =>
        new AppError(
          'TIMEOUT',
          `The device code for OIDC provider "${provider.name}" expired before it was approved. Start the sign-in again.`,
          { provider: provider.name },
        ),
      denied: () =>
        new AppError(
          'UNAUTHORIZED',
          `The sign-in to OIDC provider "${provider.name}" was declined on the verification page. Start it again if that was a mistake.`,
          { provider: provider.name },
        ),
      cancelled,
    },
  });
}
