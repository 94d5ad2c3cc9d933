/**
 * The AppSync control plane (`appsync.<region>.amazonaws.com`, ListGraphqlApis,
 * GetIntrospectionSchema) as the profile's own credentials reach it. The endpoint is decided
 * the standard way, from the CoreEnvironment rather than the process (so tests and a local
 * control plane such as moto work as with the AWS CLI):
 *   AWS_IGNORE_CONFIGURED_ENDPOINT_URLS / ignore_configured_endpoint_urls → none;
 *   AWS_ENDPOINT_URL_APPSYNC → AWS_ENDPOINT_URL → `[services]` `appsync.endpoint_url` →
 *   the profile's `endpoint_url`.
 */
import { AppSyncClient } from '@aws-sdk/client-appsync';
import { AppError } from '../../../shared/errors.ts';
import { loadProfileData } from '../credentials/credential-chain.ts';
import type { CredentialSource } from '../credentials/credential-source.ts';
import type { CoreEnvironment } from '../environment.ts';
import { awsFilePaths } from '../profiles/aws-files.ts';

export interface ControlPlaneDeps {
  environment: CoreEnvironment;
  credentials: CredentialSource;
}

const isTrue = (value: string | undefined) => value?.toLowerCase() === 'true';

/** Where AppSync control-plane calls go for this profile, or undefined for AWS itself. */
export function appsyncEndpoint(
  environment: CoreEnvironment,
  profile: string,
): Promise<string | undefined> {
  return configuredEndpoint(environment, profile, 'appsync');
}

/**
 * Where a service's calls go for this profile (the AWS CLI's rules for `AWS_ENDPOINT_URL_<ID>`
 * and `[services]` keys: `appsync`, `cloudwatch_logs`), or undefined for AWS itself.
 */
export async function configuredEndpoint(
  environment: CoreEnvironment,
  profile: string,
  serviceKey: 'appsync' | 'cloudwatch_logs',
): Promise<string | undefined> {
  const { env } = environment;
  const fromEnvIgnore = env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS;
  if (fromEnvIgnore !== undefined && isTrue(fromEnvIgnore)) return undefined;
  const data = await loadProfileData(awsFilePaths(environment));
  const section = data.profiles[profile];
  if (fromEnvIgnore === undefined && isTrue(section?.ignore_configured_endpoint_urls)) {
    return undefined;
  }
  const fromEnv = env[`AWS_ENDPOINT_URL_${serviceKey.toUpperCase()}`] || env.AWS_ENDPOINT_URL;
  if (fromEnv) return fromEnv;
  if (!section) return undefined;
  const services = section.services ? data.services[section.services] : undefined;
  return services?.[`${serviceKey}.endpoint_url`] || section.endpoint_url || undefined;
}

/** A client for one region, signing with the profile's live credentials. Destroy it after use. */
export async function appsyncClient(
  deps: ControlPlaneDeps,
  profile: string,
  region: string,
): Promise<AppSyncClient> {
  return new AppSyncClient(await sdkClientConfig(deps, profile, region, 'appsync'));
}

/** What every AWS SDK client of the core is built with: region, endpoint, the profile's keys. */
export async function sdkClientConfig(
  deps: ControlPlaneDeps,
  profile: string,
  region: string,
  serviceKey: 'appsync' | 'cloudwatch_logs',
) {
  const endpoint = await configuredEndpoint(deps.environment, profile, serviceKey);
  return {
    region,
    ...(endpoint ? { endpoint } : {}),
    // Decided above from the CoreEnvironment: the SDK must not re-read the process's variables.
    ignoreConfiguredEndpointUrls: true,
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    maxAttempts: 3,
    credentials: async () => {
      const resolved = await deps.credentials.resolve(profile);
      return { ...resolved };
    },
  };
}

/** Turns what the SDK threw into an error that says what happened and what to do. */
export function describeControlPlaneError(
  error: unknown,
  where: { profile: string; region: string; action: string },
): AppError {
  if (error instanceof AppError) return error;
  const e = error as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
    cause?: { code?: string };
  };
  const at = `${where.action} for profile "${where.profile}" in ${where.region}`;
  const said = e.message ? `: ${e.message}` : '';
  if (e.name === 'AbortError') return new AppError('CANCELLED', `${at} was cancelled.`);
  switch (e.name) {
    case 'ExpiredTokenException':
      return new AppError(
        'EXPIRED_TOKEN',
        `${at} was refused: the session token has expired. Sign in again or refresh the profile's credentials.`,
      );
    case 'UnrecognizedClientException':
    case 'InvalidClientTokenId':
      return new AppError(
        'INVALID_CLIENT_TOKEN',
        `${at} was refused: AWS does not know the access key${said}. Check the profile's keys.`,
      );
    case 'InvalidSignatureException':
    case 'SignatureDoesNotMatch':
      return new AppError(
        'SIGNATURE_MISMATCH',
        `${at} was refused: the signature does not match${said}. Check the secret key and the clock.`,
      );
    case 'AccessDeniedException':
    case 'UnauthorizedException':
      return new AppError(
        'FORBIDDEN',
        `${at} was refused${said}. The profile needs appsync:${where.action.split(' ')[0]} permission in ${where.region}.`,
      );
    case 'NotFoundException':
      return new AppError('NOT_FOUND', `${at} found nothing${said}.`);
  }
  const status = e.$metadata?.httpStatusCode;
  if (status === undefined) {
    const code = e.code ?? e.cause?.code;
    const cause = code ? `${code}${said}` : (e.message ?? String(error));
    return new AppError(
      'NETWORK',
      `${at} could not reach the AppSync control plane (${cause}). Check the network, or AWS_ENDPOINT_URL_APPSYNC for a local one.`,
    );
  }
  if (status === 401 || status === 403) {
    return new AppError('FORBIDDEN', `${at} was refused (HTTP ${status})${said}.`);
  }
  return new AppError('INTERNAL', `${at} failed (HTTP ${status} ${e.name ?? ''})${said}.`);
}
