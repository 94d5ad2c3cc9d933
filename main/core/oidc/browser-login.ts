/**
 * Sign-in in the system browser (RFC 8252): Authorization Code with PKCE (S256), `state` and
 * `nonce`, the browser opened through the Opener port, the answer caught by a one-shot
 * loopback server. openid-client checks state, issuer (RFC 9207 `iss`), nonce and the ID token.
 */
import * as client from 'openid-client';
import type { Opener } from '../ports.ts';
import { startLoopbackRedirect } from '../auth/loopback-redirect.ts';
import { AppError } from '../../../shared/errors.ts';
import {
  cancelled,
  describeOidcError,
  refusedBy,
  untilAborted,
  wrongState,
} from './oidc-client.ts';
import type { StoredOidcProvider } from './provider-store.ts';

/** Where the browser comes back to when the provider has no registered redirect. */
export const OIDC_CALLBACK_PATH = '/callback';

export type OidcTokenResponse = client.TokenEndpointResponse & client.TokenEndpointResponseHelpers;

/**
 * Extra authorization parameters, plus `prompt=consent` when offline access is asked for:
 * OpenID Connect Core §11 makes that the condition for a refresh token.
 */
export function authorizationParams(provider: StoredOidcProvider): Record<string, string> {
  const params: Record<string, string> = { ...provider.authorizationParams };
  if (provider.scopes.includes('offline_access') && params.prompt === undefined) {
    params.prompt = 'consent';
  }
  return params;
}

export async function browserLogin(args: {
  config: client.Configuration;
  provider: StoredOidcProvider;
  opener: Opener;
  signal?: AbortSignal;
  callbackTimeoutMs?: number;
}): Promise<OidcTokenResponse> {
  const { config, provider, signal } = args;
  const state = client.randomState();
  const loopback = await startLoopbackRedirect({
    state,
    path: OIDC_CALLBACK_PATH,
    fixed: provider.redirectUri,
    timeoutMs: args.callbackTimeoutMs,
    signal,
    failures: {
      timedOut: (minutes) =>
        new AppError(
          'TIMEOUT',
          `The browser did not come back from OIDC provider "${provider.name}" within ${minutes} minutes. Start the sign-in again.`,
        ),
      wrongState: () => wrongState(provider),
      refused: (error, description) => refusedBy(provider, 'sign-in', error, description),
      cancelled,
    },
  });
  try {
    const verifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(config, {
      ...authorizationParams(provider),
      redirect_uri: loopback.redirectUri,
      scope: provider.scopes.join(' '),
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    await untilAborted(args.opener.open(url.href), signal);
    const callback = await loopback.callback();
    const tokens = await untilAborted(
      client.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: verifier,
        expectedState: state,
        expectedNonce: nonce,
        idTokenExpected: true,
      }),
      signal,
    );
    await loopback.finish({ ok: true });
    return tokens;
  } catch (error) {
    await loopback.finish({ ok: false });
    throw describeOidcError(error, provider, 'sign-in');
  }
}
