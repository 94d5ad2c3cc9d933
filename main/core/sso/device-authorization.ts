/**
 * Device authorization (RFC 8628) against SSO-OIDC: `StartDeviceAuthorization`, then
 * `CreateToken` polls at the service's pace (`auth/device-code-polling.ts`) until the person
 * approves in the browser, which this flow opens.
 */
import {
  CreateTokenCommand,
  StartDeviceAuthorizationCommand,
  type CreateTokenCommandOutput,
  type SSOOIDCClient,
} from '@aws-sdk/client-sso-oidc';
import { AppError } from '../../../shared/errors.ts';
import {
  awaitDeviceApproval,
  type DevicePoll,
  type DevicePollError,
  type Wait,
} from '../auth/device-code-polling.ts';
import type { Clock, Opener, Prompter } from '../ports.ts';
import { cancelled, describeServiceError, isAbort, serviceErrorIs } from './sso-clients.ts';
import type { SsoCachedRegistration } from './sso-token-cache.ts';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** The SDK's exception for each of RFC 8628's answers. */
const EXCEPTIONS: Record<DevicePollError, string> = {
  authorization_pending: 'AuthorizationPendingException',
  slow_down: 'SlowDownException',
  expired_token: 'ExpiredTokenException',
  access_denied: 'AccessDeniedException',
};

export async function deviceAuthorization(args: {
  oidc: SSOOIDCClient;
  registration: SsoCachedRegistration;
  startUrl: string;
  purpose: string;
  prompter: Prompter;
  opener: Opener;
  clock: Clock;
  wait: Wait;
  signal?: AbortSignal;
}): Promise<CreateTokenCommandOutput> {
  const { oidc, registration, signal } = args;
  const credentials = { clientId: registration.clientId, clientSecret: registration.clientSecret };
  const start = await oidc.send(
    new StartDeviceAuthorizationCommand({ ...credentials, startUrl: args.startUrl }),
    { abortSignal: signal },
  );
  const { deviceCode, userCode, verificationUri } = start;
  if (!deviceCode || !userCode || !verificationUri) {
    throw new AppError('SSO_LOGIN_FAILED', 'IAM Identity Center returned no device code.');
  }
  return awaitDeviceApproval({
    code: {
      userCode,
      verificationUri,
      verificationUriComplete: start.verificationUriComplete ?? null,
      expiresInS: start.expiresIn ?? 600,
      intervalS: start.interval,
    },
    purpose: args.purpose,
    prompter: args.prompter,
    opener: args.opener,
    openBrowser: true,
    clock: args.clock,
    wait: args.wait,
    signal,
    async poll(pollSignal): Promise<DevicePoll<CreateTokenCommandOutput>> {
      try {
        return {
          token: await oidc.send(
            new CreateTokenCommand({ ...credentials, grantType: DEVICE_GRANT, deviceCode }),
            { abortSignal: pollSignal },
          ),
        };
      } catch (error) {
        if (isAbort(error, pollSignal)) throw cancelled();
        for (const [answer, exception] of Object.entries(EXCEPTIONS)) {
          if (serviceErrorIs(error, exception, answer)) return { error: answer as DevicePollError };
        }
        throw new AppError(
          'SSO_LOGIN_FAILED',
          `IAM Identity Center refused the device sign-in (${describeServiceError(error)}).`,
        );
      }
    },
    endings: {
      expired: () =>
        new AppError(
          'SSO_LOGIN_FAILED',
          'The device code expired before it was approved in the browser. Start the sign-in again and approve it within the time shown.',
        ),
      denied: () =>
        new AppError(
          'SSO_LOGIN_FAILED',
          'The sign-in was denied in the browser. Sign in again and choose "Allow".',
        ),
      cancelled,
    },
  });
}
