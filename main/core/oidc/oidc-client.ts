/**
 * The openid-client v6 `Configuration` of a provider (its discovered metadata plus our client)
 * and the translation of openid-client's errors into messages a person can act on. Tokens and
 * error bodies that could echo them never reach a message: only the OAuth `error` code and
 * the provider's short description do.
 */
import * as client from 'openid-client';
import { AppError } from '../../../shared/errors.ts';
import { isLoopbackUrl, type StoredOidcProvider } from './provider-store.ts';
import { waitUntilAborted } from '../abortable.ts';

/** Seconds for each HTTP call to the identity provider. */
const HTTP_TIMEOUT_S = 30;

export function clean(value: unknown): string {
  return String(value ?? '')
    .replace(/[^\x20-\x7e]/g, '')
    .slice(0, 200);
}

/** Waits on openid-client's work (its calls take no signal) until the sign-in is cancelled. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  return waitUntilAborted(work, signal, cancelled);
}

export function cancelled(): AppError {
  return new AppError('CANCELLED', 'The sign-in was cancelled.');
}

/**
 * One Configuration per provider definition, discovered once per process (a failed discovery
 * is retried on the next call: the provider may have been down).
 */
export class OidcClients {
  readonly #configs = new Map<string, Promise<client.Configuration>>();

  configuration(
    provider: StoredOidcProvider,
    clientSecret: string | undefined,
    signal?: AbortSignal,
  ): Promise<client.Configuration> {
    const key = JSON.stringify([provider.name, provider.issuer, provider.clientId, clientSecret]);
    let config = this.#configs.get(key);
    if (!config) {
      config = discover(provider, clientSecret).catch((error: unknown) => {
        this.#configs.delete(key);
        throw error;
      });
      this.#configs.set(key, config);
    }
    return untilAborted(config, signal);
  }

  forget(name: string): void {
    for (const key of this.#configs.keys()) {
      if ((JSON.parse(key) as string[])[0] === name) this.#configs.delete(key);
    }
  }
}

async function discover(
  provider: StoredOidcProvider,
  clientSecret: string | undefined,
): Promise<client.Configuration> {
  const issuer = new URL(provider.issuer);
  const insecure = issuer.protocol === 'http:' && isLoopbackUrl(issuer);
  try {
    const config = await client.discovery(
      issuer,
      provider.clientId,
      clientSecret === undefined ? undefined : { client_secret: clientSecret },
      clientSecret === undefined ? client.None() : undefined,
      {
        timeout: HTTP_TIMEOUT_S,
        ...(insecure ? { execute: [client.allowInsecureRequests] } : {}),
      },
    );
    if (clientSecret !== undefined) return withSecretAuth(config, clientSecret, insecure);
    return config;
  } catch (error) {
    throw describeOidcError(error, provider, 'discovery');
  }
}

/** Basic auth is the registration default (RFC 7591 §2); post where only that is offered. */
function withSecretAuth(
  discovered: client.Configuration,
  secret: string,
  insecure: boolean,
): client.Configuration {
  const methods = discovered.serverMetadata().token_endpoint_auth_methods_supported;
  const usePost =
    methods !== undefined &&
    !methods.includes('client_secret_basic') &&
    methods.includes('client_secret_post');
  const config = new client.Configuration(
    discovered.serverMetadata(),
    discovered.clientMetadata().client_id,
    { client_secret: secret },
    usePost ? client.ClientSecretPost(secret) : client.ClientSecretBasic(secret),
  );
  config.timeout = HTTP_TIMEOUT_S;
  if (insecure) client.allowInsecureRequests(config);
  return config;
}

export type OidcStep = 'discovery' | 'sign-in' | 'device' | 'refresh' | 'revocation';

const STEP_WORDS: Record<OidcStep, string> = {
  discovery: 'reading its discovery document',
  'sign-in': 'signing in',
  device: 'signing in with a device code',
  refresh: 'renewing the sign-in',
  revocation: 'revoking the sign-in',
};

function whereIn(provider: StoredOidcProvider, step: OidcStep): string {
  return `OIDC provider "${provider.name}" (${provider.issuer}) while ${STEP_WORDS[step]}`;
}

/** The provider's OAuth `error` (and description), already cleaned. */
export function refusedBy(
  provider: StoredOidcProvider,
  step: OidcStep,
  error: string,
  description: string,
): AppError {
  return new AppError(
    'UNAUTHORIZED',
    `The ${whereIn(provider, step)} answered ${error}${description ? ` (${description})` : ''}. Check the provider's settings (client id, scopes, redirect URIs) and sign in again.`,
    { provider: provider.name, error },
  );
}

export function wrongState(provider: StoredOidcProvider): AppError {
  return new AppError(
    'UNAUTHORIZED',
    `The ${whereIn(provider, 'sign-in')}: the browser came back with a state that does not belong to this sign-in (a stale or forged callback), so it was rejected. Start the sign-in again.`,
    { provider: provider.name, check: 'state' },
  );
}

/** An openid-client failure as an AppError naming the provider, the step and what to do next. */
export function describeOidcError(
  error: unknown,
  provider: StoredOidcProvider,
  step: OidcStep,
): AppError {
  if (error instanceof AppError) return error;
  const where = whereIn(provider, step);
  if (
    error instanceof client.ResponseBodyError ||
    error instanceof client.AuthorizationResponseError
  ) {
    return refusedBy(provider, step, clean(error.error), clean(error.error_description));
  }
  if (error instanceof client.ClientError) {
    const code = clean(error.code);
    // openid-client wraps oauth4webapi's error; its own cause names the claim or attribute.
    const inner = error.cause as {
      message?: unknown;
      cause?: { claim?: unknown; attribute?: unknown };
    };
    const what = clean(inner?.cause?.claim ?? inner?.cause?.attribute ?? '');
    const innerMessage = clean(inner?.message);
    if (
      code === 'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED' &&
      (what === 'issuer' || /issuer does not match/.test(clean(error.message)))
    ) {
      return new AppError(
        'UNAUTHORIZED',
        `The ${where}: its discovery document names a different issuer, so it was not trusted. The issuer URL must match exactly (including any trailing slash); check it with your identity provider's administrator.`,
        { provider: provider.name, check: 'issuer' },
      );
    }
    if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
      return new AppError(
        'UNAUTHORIZED',
        `The ${where}: the ID token's "${what}" claim did not match this sign-in, so the token was rejected (it may be stale, replayed or forged). Start the sign-in again.`,
        { provider: provider.name, check: what },
      );
    }
    if (code === 'OAUTH_INVALID_RESPONSE' && innerMessage.includes('"state"')) {
      return wrongState(provider);
    }
    if (code === 'OAUTH_HTTP_REQUEST_FORBIDDEN') {
      return new AppError('INVALID_INPUT', `The ${where}: only https issuers are allowed.`);
    }
    return new AppError(
      'UNAUTHORIZED',
      `The ${where} gave a response that could not be accepted (${innerMessage || clean(error.message)}). Try again, or check the provider's settings.`,
      { provider: provider.name, check: code },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  const cause = (error as { cause?: { code?: string } } | null)?.cause?.code;
  return new AppError(
    'NETWORK',
    `Could not reach the ${where} (${clean(cause ?? message)}). Check the issuer URL and your network.`,
    { provider: provider.name },
  );
}
