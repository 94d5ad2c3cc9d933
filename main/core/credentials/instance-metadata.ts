/**
 * Credentials of the EC2 instance's role, from the instance metadata service, the way the AWS
 * CLI and SDKs read it: IMDSv2 (a session token from `PUT /latest/api/token`, then the role
 * name and its credentials with that token), falling back to IMDSv1 only where the service
 * does not hand out tokens and v1 is not disabled. Settings come from the CoreEnvironment
 * (the SDK's own provider reads the process's variables): AWS_EC2_METADATA_SERVICE_ENDPOINT,
 * AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE, AWS_EC2_METADATA_DISABLED,
 * AWS_EC2_METADATA_V1_DISABLED.
 */
import { AppError } from '../../../shared/errors.ts';
import type { EnvVars } from '../environment.ts';
import type { AwsCredentials } from './credential-source.ts';

const TOKEN_TTL_SECONDS = '21600';
const TIMEOUT_MS = 1000;
const CREDENTIALS_PATH = '/latest/meta-data/iam/security-credentials/';

export function metadataEndpoint(env: EnvVars): string {
  const configured = env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
  if (configured) return configured.replace(/\/+$/, '');
  return env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE?.toLowerCase() === 'ipv6'
    ? 'http://[fd00:ec2::254]'
    : 'http://169.254.169.254';
}

function unresolved(message: string): AppError {
  return new AppError('CREDENTIALS_UNRESOLVED', message, {
    next: 'Use credential_source = Ec2InstanceMetadata only on an EC2 instance with an instance profile (or point AWS_EC2_METADATA_SERVICE_ENDPOINT at its metadata service).',
  });
}

async function call(
  url: string,
  init: RequestInit,
  signal: AbortSignal | undefined,
): Promise<Response> {
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  try {
    return await fetch(url, {
      ...init,
      redirect: 'manual',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    if (signal?.aborted) throw new AppError('CANCELLED', 'Resolving credentials was cancelled.');
    throw unresolved(
      `The instance metadata service at ${new URL(url).host} did not answer (${(error as Error).message}): this does not look like an EC2 instance.`,
    );
  }
}

export async function instanceMetadataCredentials(
  env: EnvVars,
  signal?: AbortSignal,
): Promise<AwsCredentials> {
  if (env.AWS_EC2_METADATA_DISABLED?.toLowerCase() === 'true') {
    throw unresolved('AWS_EC2_METADATA_DISABLED is true, so the instance role cannot be read.');
  }
  const base = metadataEndpoint(env);
  const tokenAnswer = await call(
    `${base}/latest/api/token`,
    { method: 'PUT', headers: { 'x-aws-ec2-metadata-token-ttl-seconds': TOKEN_TTL_SECONDS } },
    signal,
  );
  const headers: Record<string, string> = {};
  if (tokenAnswer.ok) {
    headers['x-aws-ec2-metadata-token'] = await tokenAnswer.text();
  } else if (
    ![403, 404, 405].includes(tokenAnswer.status) ||
    env.AWS_EC2_METADATA_V1_DISABLED?.toLowerCase() === 'true'
  ) {
    throw unresolved(
      `The instance metadata service refused a session token (HTTP ${tokenAnswer.status}).`,
    );
  }
  const read = async (path: string) => {
    const answer = await call(`${base}${path}`, { headers }, signal);
    if (!answer.ok) {
      throw unresolved(
        `The instance metadata service answered HTTP ${answer.status} for ${path}${answer.status === 404 ? ': the instance has no role (instance profile)' : ''}.`,
      );
    }
    return answer.text();
  };
  const roleName = (await read(CREDENTIALS_PATH)).split('\n')[0]?.trim();
  if (!roleName) throw unresolved('The instance has no role (instance profile) attached.');
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(await read(`${CREDENTIALS_PATH}${roleName}`)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw unresolved('The instance metadata service answered credentials that are not JSON.');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw unresolved('The instance metadata service answered credentials that are not an object.');
  }
  const { AccessKeyId, SecretAccessKey, Token, Expiration, Code } = body;
  const expiration = typeof Expiration === 'string' ? new Date(Expiration) : null;
  if (expiration && Number.isNaN(expiration.getTime())) {
    throw unresolved(`The instance metadata service answered an expiry that is not a date.`);
  }
  if (
    (Code !== undefined && Code !== 'Success') ||
    typeof AccessKeyId !== 'string' ||
    typeof SecretAccessKey !== 'string'
  ) {
    throw unresolved(`The instance metadata service has no credentials for role ${roleName}.`);
  }
  return {
    accessKeyId: AccessKeyId,
    secretAccessKey: SecretAccessKey,
    ...(typeof Token === 'string' ? { sessionToken: Token } : {}),
    ...(expiration ? { expiration } : {}),
  };
}
