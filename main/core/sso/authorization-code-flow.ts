/**
 * The authorization-code flow with PKCE, the AWS CLI v2's default `aws sso login`: the system
 * browser signs in at `<oidc endpoint>/authorize` and comes back to a loopback redirect.
 */
import {
  CreateTokenCommand,
  type CreateTokenCommandOutput,
  type SSOOIDCClient,
} from '@aws-sdk/client-sso-oidc';
import { AppError } from '../../../shared/errors.ts';
import type { Opener, Prompter } from '../ports.ts';
import {
  CALLBACK_TIMEOUT_MS,
  startLoopbackRedirect,
  type LoopbackFailures,
} from '../auth/loopback-redirect.ts';
import { authorizeUrl, createPkcePair, createState } from './pkce.ts';
import { cancelled, describeServiceError, isAbort, serviceErrorIs } from './sso-clients.ts';
import type { SsoCachedRegistration } from './sso-token-cache.ts';

/** The AWS CLI's path; the port is any free one (IAM Identity Center allows any loopback port). */
export const SSO_CALLBACK_PATH = '/oauth/callback';

const SSO_LOOPBACK_FAILURES: LoopbackFailures = {
  timedOut: (minutes) =>
    new AppError(
      'SSO_LOGIN_FAILED',
      `The browser did not come back within ${minutes} minutes. Start the sign-in again.`,
    ),
  wrongState: () =>
    new AppError(
      'SSO_LOGIN_FAILED',
      'The browser came back with a state that does not match this sign-in (a stale or forged callback). Start the sign-in again.',
    ),
  refused: (error, description) =>
    new AppError(
      'SSO_LOGIN_FAILED',
      `IAM Identity Center refused the sign-in (${error}${description ? `: ${description}` : ''}). Try signing in again.`,
    ),
  cancelled,
};

export async function authorizationCodeLogin(args: {
  oidc: SSOOIDCClient;
  oidcBase: string;
  registration: SsoCachedRegistration;
  scopes: string[] | null;
  purpose: string;
  prompter: Prompter;
  opener: Opener;
  now: () => number;
  signal?: AbortSignal;
  callbackTimeoutMs?: number;
}): Promise<CreateTokenCommandOutput> {
  const { registration, signal } = args;
  const state = createState();
  const loopback = await startLoopbackRedirect({
    state,
    path: SSO_CALLBACK_PATH,
    timeoutMs: args.callbackTimeoutMs,
    signal,
    failures: SSO_LOOPBACK_FAILURES,
  });
  const promptDone = new AbortController();
  let ok = false;
  try {
    const pkce = createPkcePair();
    const url = authorizeUrl({
      oidcBase: args.oidcBase,
      clientId: registration.clientId,
      redirectUri: loopback.redirectUri,
      state,
      challenge: pkce.challenge,
      scopes: args.scopes,
    });
    // No code to type in this flow; the URL is shown in case the browser does not open.
    args.prompter.showDeviceCode(
      {
        verificationUri: url,
        verificationUriComplete: url,
        userCode: null,
        expiresAt: args.now() + (args.callbackTimeoutMs ?? CALLBACK_TIMEOUT_MS),
        purpose: args.purpose,
      },
      promptDone.signal,
    );
    await args.opener.open(url).catch(() => undefined);
    const callback = await loopback.callback();
    try {
      const token = await args.oidc.send(
        new CreateTokenCommand({
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          grantType: 'authorization_code',
          redirectUri: loopback.redirectUri,
          codeVerifier: pkce.verifier,
          code: callback.searchParams.get('code') ?? '',
        }),
        { abortSignal: signal },
      );
      ok = true;
      return token;
    } catch (error) {
      if (isAbort(error, signal)) throw cancelled();
      const why = serviceErrorIs(error, 'ExpiredTokenException', 'expired_token')
        ? 'the authorization code expired'
        : describeServiceError(error);
      throw new AppError(
        'SSO_LOGIN_FAILED',
        `IAM Identity Center did not exchange the authorization code for a token (${why}). Sign in again.`,
      );
    }
  } finally {
    promptDone.abort();
    await loopback.finish({ ok });
  }
}
