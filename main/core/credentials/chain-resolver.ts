/**
 * Walks a chain from the asked-for profile down, the way botocore's AssumeRoleProvider does:
 * a hop whose role session is cached and fresh is used as is, and only a hop that must call
 * STS resolves the hop below it first. So a warm chain costs nothing and a cold one costs one
 * AssumeRole per role hop. The leaves use the SDK's providers where they take their inputs
 * explicitly (fromTokenFile, fromHttp) and our own reading where the SDK
 * would consult the process's own environment (credential-process.ts, sso-credentials.ts,
 * instance-metadata.ts).
 */
import { AppError } from '../../../shared/errors.ts';
import type { CoreEnvironment, EnvVars } from '../environment.ts';
import type { Clock, Prompter } from '../ports.ts';
import type { CredentialChain, CredentialHop, AwsProfileData } from './credential-chain.ts';
import { diagnose } from './credential-diagnosis.ts';
import type { AwsCredentials } from './credential-source.ts';
import { roleSessionKey, type RoleSessions } from './role-sessions.ts';
import { ssoRoleCredentials, type SsoTokenSource } from './sso-credentials.ts';
import { assumeRole, assumeRoleWithWebIdentity, type StsTarget } from './sts-calls.ts';

// Imported when a leaf needs one: most profiles (static keys, roles over them) never do.
const providers = () => import('@aws-sdk/credential-providers');

export interface ChainResolution {
  chain: CredentialChain;
  data: AwsProfileData;
  environment: CoreEnvironment;
  prompter: Prompter;
  clock: Clock;
  roles: RoleSessions;
  ssoTokens: SsoTokenSource;
  sts: StsTarget;
  ssoEndpoint: string | undefined;
  /** Skip the cached session of the first hop (AWS refused the credentials it gave). */
  forceRefresh: boolean;
  /** Filled with the role-session keys this chain used, so "forget" can drop them. */
  roleKeys: Set<string>;
}

export function resolveChain(run: ChainResolution, signal: AbortSignal): Promise<AwsCredentials> {
  return hopCredentials(run, 0, signal);
}

async function hopCredentials(
  run: ChainResolution,
  index: number,
  signal: AbortSignal,
): Promise<AwsCredentials> {
  const hop = run.chain.hops[index];
  if (!hop)
    throw new AppError(
      'PROFILE_CHAIN_INVALID',
      `Profile "${run.chain.profile}" has no hop ${index + 1}.`,
    );
  try {
    if (signal.aborted)
      throw new AppError('CANCELLED', `Resolving profile "${run.chain.profile}" was cancelled.`);
    if (hop.roleArn && (hop.kind === 'assume-role' || hop.kind === 'credential-source')) {
      return await roleHop(run, index, hop, signal);
    }
    if (hop.kind === 'assume-role' || hop.kind === 'credential-source') {
      // A source reached through source_profile that only names a credential_source.
      return await sourceOf(run, index, hop, signal);
    }
    return await baseCredentials(run, hop, signal);
  } catch (error) {
    throw diagnose(error, run.chain, index);
  }
}

function sourceOf(
  run: ChainResolution,
  index: number,
  hop: CredentialHop,
  signal: AbortSignal,
): Promise<AwsCredentials> {
  if (hop.credentialSource) {
    return fromCredentialSource(hop.credentialSource, run.environment.env, signal);
  }
  return hopCredentials(run, index + 1, signal);
}

async function roleHop(
  run: ChainResolution,
  index: number,
  hop: CredentialHop,
  signal: AbortSignal,
): Promise<AwsCredentials> {
  const key = roleSessionKey(hop);
  run.roleKeys.add(key);
  if (!(run.forceRefresh && index === 0)) {
    const cached = run.roles.fresh(key);
    if (cached) return cached;
  }
  const roleArn = hop.roleArn as string;
  return run.roles.obtain(
    key,
    async (flightSignal) => {
      const source = await sourceOf(run, index, hop, flightSignal);
      const params = {
        RoleArn: roleArn,
        RoleSessionName: hop.roleSessionName ?? `appsync-workbench-${run.clock.now()}`,
        DurationSeconds: hop.durationSeconds ?? 3600,
        ...(hop.externalId !== undefined ? { ExternalId: hop.externalId } : {}),
      };
      if (!hop.mfaSerial) return assumeRole(source, params, run.sts, flightSignal);
      // Asked only now, with the source in hand: the code goes straight to STS while valid.
      const code = await run.prompter.mfaCode(
        { profile: run.chain.profile, roleArn, serial: hop.mfaSerial },
        flightSignal,
      );
      const tokenCode = run.roles.claimCode(hop.mfaSerial, code);
      return assumeRole(
        source,
        { ...params, SerialNumber: hop.mfaSerial, TokenCode: tokenCode },
        run.sts,
        flightSignal,
      );
    },
    signal,
    `Assuming role ${roleArn}`,
  );
}

function staticKeys(hop: CredentialHop): AwsCredentials {
  const s = hop.settings;
  return {
    accessKeyId: s.aws_access_key_id as string,
    secretAccessKey: s.aws_secret_access_key as string,
    ...(s.aws_session_token ? { sessionToken: s.aws_session_token } : {}),
  };
}

/** AWS_ACCESS_KEY_ID & co. from the CoreEnvironment (the SDK's fromEnv reads process.env). */
export function environmentCredentials(env: EnvVars): AwsCredentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) {
    throw new AppError(
      'CREDENTIALS_UNRESOLVED',
      'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set in the environment.',
      {
        next: 'Set both variables (and AWS_SESSION_TOKEN for temporary keys) before starting the app.',
      },
    );
  }
  const expiry = env.AWS_CREDENTIAL_EXPIRATION;
  return {
    accessKeyId,
    secretAccessKey,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
    ...(expiry ? { expiration: new Date(expiry) } : {}),
  };
}

async function fromCredentialSource(
  source: string,
  env: EnvVars,
  signal?: AbortSignal,
): Promise<AwsCredentials> {
  if (source === 'Environment') return environmentCredentials(env);
  if (source === 'Ec2InstanceMetadata') {
    const { instanceMetadataCredentials } = await import('./instance-metadata.ts');
    return instanceMetadataCredentials(env, signal);
  }
  if (source === 'EcsContainer') {
    const { fromHttp } = await providers();
    return fromHttp({
      awsContainerCredentialsRelativeUri: env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI,
      awsContainerCredentialsFullUri: env.AWS_CONTAINER_CREDENTIALS_FULL_URI,
      awsContainerAuthorizationToken: env.AWS_CONTAINER_AUTHORIZATION_TOKEN,
      awsContainerAuthorizationTokenFile: env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE,
    })();
  }
  throw new AppError(
    'PROFILE_CHAIN_INVALID',
    `credential_source = ${source} is not one AWS knows.`,
    {
      next: 'Use Environment, Ec2InstanceMetadata or EcsContainer.',
    },
  );
}

async function baseCredentials(
  run: ChainResolution,
  hop: CredentialHop,
  signal: AbortSignal,
): Promise<AwsCredentials> {
  const { env, homeDir } = run.environment;
  switch (hop.kind) {
    case 'static':
      return staticKeys(hop);
    case 'environment':
      return environmentCredentials(env);
    case 'credential-process': {
      // node:child_process is loaded only for a profile that runs a process.
      const { credentialsFromProcess } = await import('./credential-process.ts');
      return credentialsFromProcess(
        hop.profile,
        hop.settings.credential_process as string,
        env,
        homeDir,
        () => run.clock.now(),
        signal,
      );
    }
    case 'web-identity': {
      const { fromTokenFile } = await providers();
      return fromTokenFile({
        webIdentityTokenFile: hop.settings.web_identity_token_file as string,
        roleArn: hop.roleArn as string,
        ...(hop.roleSessionName ? { roleSessionName: hop.roleSessionName } : {}),
        roleAssumerWithWebIdentity: (params) =>
          assumeRoleWithWebIdentity(
            {
              RoleArn: params.RoleArn,
              RoleSessionName: params.RoleSessionName,
              WebIdentityToken: params.WebIdentityToken,
              ...(params.DurationSeconds ? { DurationSeconds: params.DurationSeconds } : {}),
            },
            run.sts,
            signal,
          ),
      })();
    }
    case 'login': {
      const { loginSessionCredentials } = await import('./login-session.ts');
      return loginSessionCredentials(
        hop.profile,
        hop.settings.login_session as string,
        run.environment,
        run.clock.now(),
      );
    }
    case 'sso': {
      const s = hop.settings;
      const session = s.sso_session ? run.data.ssoSessions[s.sso_session] : undefined;
      return ssoRoleCredentials(
        {
          session: s.sso_session ?? null,
          startUrl: (session?.sso_start_url ?? s.sso_start_url) as string,
          region: (session?.sso_region ?? s.sso_region) as string,
        },
        { accountId: s.sso_account_id as string, roleName: s.sso_role_name as string },
        run.ssoTokens,
        run.ssoEndpoint,
        run.clock,
        signal,
      );
    }
    default:
      throw new AppError(
        'PROFILE_CHAIN_INVALID',
        `Profile "${hop.profile}" has no credentials: no keys, role, SSO or process.`,
        {
          next: `Add keys, a role, an SSO session or a credential_process to profile "${hop.profile}".`,
        },
      );
  }
}
