/**
 * Device authorization (RFC 8628) against SSO-OIDC: show the user code, open the verification
 * page, then poll `CreateToken` at the service's pace until the user approves or it ends.
 */
import {
  CreateTokenCommand,
  StartDeviceAuthorizationCommand,
  type CreateTokenCommandOutput,
  type SSOOIDCClient,
} from '@aws-sdk/client-sso-oidc';
import { AppError } from '../../../shared/errors.ts';
import type { Clock, Opener, Prompter } from '../ports.ts';
import {
  cancelled,
  describeServiceError,
  isAbort,
  serviceErrorIs,
  type Wait,
} from './sso-clients.ts';
import type { SsoCachedRegistration } from './sso-token-cache.ts';

/** RFC 8628 §3.5: the default interval, and what `slow_down` adds to it. */
const DEFAULT_INTERVAL_S = 5;
const SLOW_DOWN_S = 5;
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

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
  const { oidc, registration, clock, signal } = args;
  const credentials = { clientId: registration.clientId, clientSecret: registration.clientSecret };
  const start = await oidc.send(
    new StartDeviceAuthorizationCommand({ ...credentials, startUrl: args.startUrl }),
    { abortSignal: signal },
  );
  if (!start.deviceCode || !start.userCode || !start.verificationUri) {
    throw new AppError('SSO_LOGIN_FAILED', 'IAM Identity Center returned no device code.');
  }
  const expiresAt = clock.now() + (start.expiresIn ?? 600) * 1000;
  let intervalS = start.interval || DEFAULT_INTERVAL_S;

  const promptDone = new AbortController();
  args.prompter.showDeviceCode(
    {
      verificationUri: start.verificationUri,
      verificationUriComplete: start.verificationUriComplete ?? null,
      userCode: start.userCode,
      expiresAt,
      purpose: args.purpose,
    },
    promptDone.signal,
  );
  try {
    // The code stays on screen, so a browser that fails to open costs the user nothing.
    await args.opener
      .open(start.verificationUriComplete ?? start.verificationUri)
      .catch(() => undefined);
    for (;;) {
      try {
        await args.wait(intervalS * 1000, signal);
      } catch (error) {
        throw isAbort(error, signal) ? cancelled() : error;
      }
      if (clock.now() >= expiresAt) throw expired();
      try {
        return await oidc.send(
          new CreateTokenCommand({
            ...credentials,
            grantType: DEVICE_GRANT,
            deviceCode: start.deviceCode,
          }),
          { abortSignal: signal },
        );
      } catch (error) {
        if (isAbort(error, signal)) throw cancelled();
        if (serviceErrorIs(error, 'AuthorizationPendingException', 'authorization_pending')) {
          continue;
        }
        if (serviceErrorIs(error, 'SlowDownException', 'slow_down')) {
          intervalS += SLOW_DOWN_S;
          continue;
        }
        if (serviceErrorIs(error, 'ExpiredTokenException', 'expired_token')) throw expired();
        if (serviceErrorIs(error, 'AccessDeniedException', 'access_denied')) {
          throw new AppError(
            'SSO_LOGIN_FAILED',
            'The sign-in was denied in the browser. Sign in again and choose "Allow".',
          );
        }
        throw new AppError(
          'SSO_LOGIN_FAILED',
          `IAM Identity Center refused the device sign-in (${describeServiceError(error)}).`,
        );
      }
    }
  } finally {
    promptDone.abort();
  }
}

function expired(): AppError {
  return new AppError(
    'SSO_LOGIN_FAILED',
    'The device code expired before it was approved in the browser. Start the sign-in again and approve it within the time shown.',
  );
}
