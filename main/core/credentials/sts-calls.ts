/**
 * The STS calls the engine makes, with the real SDK client. Every setting the client
 * would otherwise look up in the process's own environment (endpoint, region) is passed in.
 * The SDK is imported on the first call: a static-keys profile never needs it, and loading it
 * is a large part of a one-shot CLI command's time.
 */
import type { STSClient, Credentials as StsCredentials } from '@aws-sdk/client-sts';
import type { Clock } from '../ports.ts';
import type { AwsCredentials } from './credential-source.ts';

export interface StsTarget {
  /** Custom endpoint (local STS, VPC endpoint), or undefined for AWS's own. */
  endpoint: string | undefined;
  region: string;
  /** The core's clock: requests are signed with its time, as the emulator and tests expect. */
  clock: Clock;
}

export interface AssumeRoleParams {
  RoleArn: string;
  RoleSessionName: string;
  ExternalId?: string;
  SerialNumber?: string;
  TokenCode?: string;
  DurationSeconds?: number;
}

export interface WebIdentityParams {
  RoleArn: string;
  RoleSessionName: string;
  WebIdentityToken: string;
  DurationSeconds?: number;
}

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

const sdk = () => import('@aws-sdk/client-sts');

async function client(target: StsTarget, credentials?: AwsCredentials): Promise<STSClient> {
  const { STSClient } = await sdk();
  return new STSClient({
    region: target.region,
    ...(target.endpoint ? { endpoint: target.endpoint } : {}),
    // We decided the endpoint from the CoreEnvironment already; the client must not second-guess
    // it from the process's variables or the default profile.
    ignoreConfiguredEndpointUrls: true,
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    maxAttempts: 2,
    systemClockOffset: target.clock.now() - Date.now(),
    ...(credentials ? { credentials } : {}),
  });
}

function fromSts(credentials: StsCredentials | undefined, what: string): AwsCredentials {
  if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
    throw new Error(`STS answered ${what} without credentials.`);
  }
  return {
    accessKeyId: credentials.AccessKeyId,
    secretAccessKey: credentials.SecretAccessKey,
    ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
    ...(credentials.Expiration ? { expiration: new Date(credentials.Expiration) } : {}),
  };
}

async function using<T>(
  created: Promise<STSClient>,
  call: (sts: STSClient) => Promise<T>,
): Promise<T> {
  const sts = await created;
  try {
    return await call(sts);
  } finally {
    sts.destroy();
  }
}

export function assumeRole(
  source: AwsCredentials,
  params: AssumeRoleParams,
  target: StsTarget,
  signal?: AbortSignal,
): Promise<AwsCredentials> {
  return using(client(target, source), async (sts) => {
    const { AssumeRoleCommand } = await sdk();
    const out = await sts.send(new AssumeRoleCommand(params), { abortSignal: signal });
    return fromSts(out.Credentials, 'AssumeRole');
  });
}

/** Temporary credentials for an IAM user's long-term keys (what the console's federation needs). */
export function getFederationToken(
  source: AwsCredentials,
  params: { Name: string; Policy: string; DurationSeconds: number },
  target: StsTarget,
  signal?: AbortSignal,
): Promise<AwsCredentials> {
  return using(client(target, source), async (sts) => {
    const { GetFederationTokenCommand } = await sdk();
    const out = await sts.send(new GetFederationTokenCommand(params), { abortSignal: signal });
    return fromSts(out.Credentials, 'GetFederationToken');
  });
}

export function assumeRoleWithWebIdentity(
  params: WebIdentityParams,
  target: StsTarget,
  signal?: AbortSignal,
): Promise<AwsCredentials> {
  // AssumeRoleWithWebIdentity is unsigned (the token is the proof): no credentials needed.
  return using(client(target), async (sts) => {
    const { AssumeRoleWithWebIdentityCommand } = await sdk();
    const out = await sts.send(new AssumeRoleWithWebIdentityCommand(params), {
      abortSignal: signal,
    });
    return fromSts(out.Credentials, 'AssumeRoleWithWebIdentity');
  });
}

export function getCallerIdentity(
  credentials: AwsCredentials,
  target: StsTarget,
  signal?: AbortSignal,
): Promise<CallerIdentity> {
  return using(client(target, credentials), async (sts) => {
    const { GetCallerIdentityCommand } = await sdk();
    const out = await sts.send(new GetCallerIdentityCommand({}), { abortSignal: signal });
    return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
  });
}
