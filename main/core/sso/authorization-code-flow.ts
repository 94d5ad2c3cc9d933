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
import { startLoopbackRedirect } from './loopback-redirect.ts';
import { authorizeUrl, createPkcePair, createState } from './pkce.ts';
import { cancelled, describeServiceError, isAbort, serviceErrorIs } from './sso-clients.ts';
import type { SsoCachedRegistration } from './sso-token-cache.ts';

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
  const loopback = await startLoopbackRedirect(args.callbackTimeoutMs);
  const promptDone = new AbortController();
  try {
    const pkce = createPkcePair();
    const state = createState();
    const url = authorizeUrl({
      oidcBase: args.oidcBase,
      clientId: registration.clientId,
      redirectUri: loopback.redirectUri,
      state,
      challenge: pkce.challenge,
      scopes: args.scopes,
    });
    const code = loopback.waitForCode(state, signal);
    // A forged callback may reject this before we await it; it is awaited below.
    code.catch(() => undefined);
    // No code to type in this flow; the URL is shown in case the browser does not open.
    args.prompter.showDeviceCode(
      {
        verificationUri: url,
        verificationUriComplete: url,
        userCode: null,
        expiresAt: args.now() + 10 * 60 * 1000,
        purpose: args.purpose,
      },
      promptDone.signal,
    );
    await args.opener.open(url).catch(() => undefined);
    const authorizationCode = await code;
    try {
      return await args.oidc.send(
        new CreateTokenCommand({
          clientId: registration.clientId,
          clientSecret: registration.clientSecret,
          grantType: 'authorization_code',
          redirectUri: loopback.redirectUri,
          codeVerifier: pkce.verifier,
          code: authorizationCode,
        }),
        { abortSignal: signal },
      );
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
    await loopback.close();
  }
}
