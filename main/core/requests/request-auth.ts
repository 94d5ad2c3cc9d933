/**
 * Applies one auth mode to an outgoing request: SigV4 for IAM (credentials from the profile,
 * never unsigned), or the API key / JWT / Lambda token read from the vault or an environment
 * variable at the moment of sending. JWTs go raw in `Authorization` (no `Bearer `), as AppSync
 * expects.
 */
import type { AuthMode, IamAuthMode, SecretSource } from '../../../shared/endpoints.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AwsCredentials, CredentialSource } from '../credentials/credential-source.ts';
import type { EnvVars } from '../environment.ts';
import type { SecretVault } from '../ports.ts';
import { regionFromUrl } from '../../../shared/endpoint-url.ts';

export interface IamTarget {
  profile: string;
  region: string;
  service: string;
}

export interface TokenReadOptions {
  signal?: AbortSignal;
  /** Renew an OIDC sign-in's token even if it looks current (the endpoint said it expired). */
  forceRefresh?: boolean;
}

/** A live JWT from a signed-in OIDC provider (the OIDC session service's `tokenFor`). */
export type OidcTokenSource = (provider: string, options?: TokenReadOptions) => Promise<string>;

/** Where secrets are read from at the moment of sending. */
export interface SecretReaders {
  vault: SecretVault;
  env: EnvVars;
  /**
   * When set, only environment variables whose names start with it are read (the app's saved
   * endpoints: ENDPOINT_ENV_PREFIX). Unset where the person typed the variable's name for this
   * very run in their own shell (the CLI's `--api-key-env` / `--token-env`).
   */
  envPrefix?: string | undefined;
  /** Absent where no OIDC sessions are wired; an endpoint bound to a provider then fails clearly. */
  oidcTokens?: OidcTokenSource | undefined;
}

export async function readSecret(
  source: SecretSource,
  what: string,
  readers: SecretReaders,
  options: TokenReadOptions = {},
): Promise<string> {
  if (source.from === 'oidc') return oidcToken(source.provider, what, readers, options);
  if (source.from === 'env') refuseUnlistedVariable(source.variable, what, readers.envPrefix);
  const value =
    source.from === 'env'
      ? readers.env[source.variable]
      : await readers.vault.get(source.secretRef);
  if (value) return value;
  const where =
    source.from === 'env'
      ? `the environment variable ${source.variable} is not set`
      : 'nothing is stored for it in the vault';
  const next =
    source.from === 'env'
      ? `Set ${source.variable} and run it again.`
      : 'Enter it in the endpoint settings.';
  throw new AppError(
    'SECRET_MISSING',
    `The ${what} for this request is missing: ${where}. ${next}`,
    {
      source:
        source.from === 'env' ? { from: 'env', variable: source.variable } : { from: 'vault' },
    },
  );
}

/**
 * An endpoint may come from a file someone else wrote: it must not be able to name any variable
 * of the main process (AWS_SECRET_ACCESS_KEY, a CI token) and have it sent to its URL.
 */
function refuseUnlistedVariable(variable: string, what: string, prefix: string | undefined) {
  if (prefix === undefined || variable.startsWith(prefix)) return;
  throw new AppError(
    'ENV_VARIABLE_REFUSED',
    `The ${what} for this request is to be read from the environment variable ${variable}, but endpoints may only read variables whose names start with ${prefix}, so that an endpoint cannot send any other variable of yours to its URL. Export the value as ${prefix}${variable} (or another ${prefix}… name) and name that in the endpoint.`,
    { source: { from: 'env', variable }, prefix },
  );
}

async function oidcToken(
  provider: string,
  what: string,
  readers: SecretReaders,
  options: TokenReadOptions,
): Promise<string> {
  if (!readers.oidcTokens) {
    throw new AppError(
      'SECRET_MISSING',
      `The ${what} for this request comes from OIDC provider "${provider}", but OIDC sign-ins are not available here. Use an environment variable or the vault for the token instead.`,
      { source: { from: 'oidc', provider } },
    );
  }
  // The session service's errors (not signed in, sign-in ended) already say what to do next.
  const token = await readers.oidcTokens(provider, options);
  if (!token) {
    throw new AppError(
      'UNAUTHORIZED',
      `OIDC provider "${provider}" gave no token. Sign in again (appsync-workbench login ${provider}).`,
      { provider, loginRequired: true },
    );
  }
  return token;
}

/** Headers that carry a non-IAM mode's secret. */
export function secretHeaders(
  mode: Exclude<AuthMode, IamAuthMode>,
  value: string,
): Record<string, string> {
  return mode.type === 'API_KEY' ? { 'x-api-key': value } : { authorization: value };
}

export function describeSecret(mode: Exclude<AuthMode, IamAuthMode>): string {
  switch (mode.type) {
    case 'API_KEY':
      return 'API key';
    case 'AWS_LAMBDA':
      return 'Lambda authorizer token';
    case 'AMAZON_COGNITO_USER_POOLS':
      return 'Cognito user pool token';
    default:
      return 'OpenID Connect token';
  }
}

/** Which profile an IAM request signs with: the request's, the mode's, or the active one. */
/** The profile an IAM run signs with: the one asked for, the mode's, or the active one. */
export async function signingProfile(
  mode: IamAuthMode,
  profileOverride: string | undefined,
  activeProfile: () => Promise<string | null>,
): Promise<string | null> {
  return profileOverride ?? mode.profile ?? (await activeProfile());
}

export async function iamProfile(
  mode: IamAuthMode,
  profileOverride: string | undefined,
  activeProfile: () => Promise<string | null>,
): Promise<string> {
  const profile = await signingProfile(mode, profileOverride, activeProfile);
  if (!profile) {
    throw new AppError(
      'CREDENTIALS_UNRESOLVED',
      'This request is signed with IAM, but no AWS profile is chosen. Choose a profile (or set AWS_PROFILE) and run it again.',
    );
  }
  return profile;
}

/** The signing region and name: the mode's region, the one the URL names, or the profile's. */
export async function iamTarget(
  mode: IamAuthMode,
  url: URL,
  profile: string,
  credentials: Pick<CredentialSource, 'region'>,
): Promise<IamTarget> {
  const region = mode.region ?? regionFromUrl(url.href) ?? (await credentials.region(profile));
  if (!region) {
    throw new AppError(
      'INVALID_INPUT',
      `The signing region cannot be read from ${url.host} and profile "${profile}" sets none. Set the endpoint's region (or pass --region).`,
    );
  }
  return { profile, region, service: mode.service };
}

export async function resolveCredentials(
  credentials: CredentialSource,
  profile: string,
  options: { signal?: AbortSignal; forceRefresh?: boolean },
): Promise<AwsCredentials> {
  try {
    return await credentials.resolve(profile, options);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'CREDENTIALS_UNRESOLVED',
      `The credentials of profile "${profile}" could not be resolved, so the request was not sent: ${(error as Error).message}`,
    );
  }
}
