/**
 * Role credentials for an IAM Identity Center (SSO) profile: the sign-in token from the AWS CLI
 * v2 token cache (`~/.aws/sso/cache/<sha1>.json`), then SSO `GetRoleCredentials` in the SSO
 * region (never the profile's `region`).
 *
 * Why not the SDK's path through `fromIni`: it calls `fromSSO` without our file paths and reads
 * the token cache under `process.env.HOME`, so a CoreEnvironment with another home or config
 * file would silently read someone else's files. We read the same cache, in the same format,
 * under the CoreEnvironment's home, and keep the SDK's SSO client for the call itself.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { Clock } from '../ports.ts';
import { ssoCacheDir } from '../profiles/aws-files.ts';
import type { AwsCredentials } from './credential-source.ts';

export interface SsoSignIn {
  /** The `sso_session` name, or null for a legacy profile (keyed by start URL). */
  session: string | null;
  startUrl: string;
  region: string;
}

export interface SsoToken {
  accessToken: string;
  /** ms since the epoch */
  expiresAt: number;
}

/**
 * Where sign-in tokens come from. The default reads the CLI's cache; the SSO login engine can
 * supply one that also refreshes with a refresh token.
 */
export type SsoTokenSource = (signIn: SsoSignIn, signal?: AbortSignal) => Promise<SsoToken | null>;

export function ssoCacheFile(homeDir: string, signIn: SsoSignIn): string {
  const id = signIn.session ?? signIn.startUrl;
  return join(ssoCacheDir(homeDir), `${createHash('sha1').update(id).digest('hex')}.json`);
}

export function cachedSsoTokens(homeDir: string): SsoTokenSource {
  return async (signIn) => {
    let text: string;
    try {
      text = await readFile(ssoCacheFile(homeDir, signIn), 'utf8');
    } catch {
      return null;
    }
    try {
      const data = JSON.parse(text) as { accessToken?: unknown; expiresAt?: unknown };
      const expiresAt = Date.parse(String(data.expiresAt));
      if (typeof data.accessToken !== 'string' || Number.isNaN(expiresAt)) return null;
      return { accessToken: data.accessToken, expiresAt };
    } catch {
      return null;
    }
  };
}

export function describeSignIn(signIn: Pick<SsoSignIn, 'session' | 'startUrl'>): string {
  return signIn.session
    ? `IAM Identity Center session "${signIn.session}"`
    : `IAM Identity Center start URL ${signIn.startUrl}`;
}

/**
 * A sign-in that has to be done again. The message says what happened; `next` says, once, how
 * to sign in (the app, or this app's own CLI: a terminal user needs no AWS CLI). `profile`
 * names the legacy profile (no sso-session) to sign in with, when it is known.
 */
export function signInAgain(
  signIn: Pick<SsoSignIn, 'session' | 'startUrl'> & { profile?: string },
  why: string,
): AppError {
  const cli = signIn.session
    ? `appsync-workbench sso login --sso-session ${signIn.session}`
    : `appsync-workbench sso login --profile ${signIn.profile ?? '<this profile>'}`;
  return new AppError('SSO_LOGIN_REQUIRED', why, {
    session: signIn.session ?? signIn.profile ?? null,
    startUrl: signIn.startUrl,
    next: `Sign in to ${describeSignIn(signIn)} again (the app's "Sign in" button, or \`${cli}\` in a terminal), then retry.`,
  });
}

export async function ssoRoleCredentials(
  signIn: SsoSignIn,
  account: { accountId: string; roleName: string },
  tokens: SsoTokenSource,
  endpoint: string | undefined,
  clock: Clock,
  signal?: AbortSignal,
): Promise<AwsCredentials> {
  const now = clock.now();
  const token = await tokens(signIn, signal);
  if (!token) throw signInAgain(signIn, `You are not signed in to ${describeSignIn(signIn)}.`);
  if (token.expiresAt <= now) {
    throw signInAgain(
      signIn,
      `Your sign-in to ${describeSignIn(signIn)} expired at ${new Date(token.expiresAt).toISOString()}.`,
    );
  }
  // Imported here, not at the top: only SSO profiles pay for loading the SDK client.
  const { GetRoleCredentialsCommand, SSOClient } = await import('@aws-sdk/client-sso');
  const sso = new SSOClient({
    region: signIn.region,
    ...(endpoint ? { endpoint } : {}),
    ignoreConfiguredEndpointUrls: true,
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    maxAttempts: 2,
    systemClockOffset: now - Date.now(),
  });
  try {
    const out = await sso.send(
      new GetRoleCredentialsCommand({
        accessToken: token.accessToken,
        accountId: account.accountId,
        roleName: account.roleName,
      }),
      { abortSignal: signal },
    );
    const role = out.roleCredentials;
    if (!role?.accessKeyId || !role.secretAccessKey) {
      throw new Error('IAM Identity Center answered GetRoleCredentials without credentials.');
    }
    return {
      accessKeyId: role.accessKeyId,
      secretAccessKey: role.secretAccessKey,
      ...(role.sessionToken ? { sessionToken: role.sessionToken } : {}),
      ...(role.expiration ? { expiration: new Date(role.expiration) } : {}),
    };
  } catch (error) {
    if ((error as { name?: string }).name === 'UnauthorizedException') {
      throw signInAgain(signIn, `${describeSignIn(signIn)} no longer accepts your sign-in.`);
    }
    throw error;
  } finally {
    sso.destroy();
  }
}
