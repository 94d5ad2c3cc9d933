/**
 * Credentials of an `aws login` session (AWS CLI 2.32+ "console credentials"): the profile
 * names `login_session = <arn>`, and the CLI keeps the session's credentials in
 * `~/.aws/login/cache/<sha256 of login_session>.json` (or AWS_LOGIN_CACHE_DIRECTORY), the
 * file botocore's LoginProvider and the JS SDK's fromLoginCredentials read:
 * `{ accessToken: { accessKeyId, secretAccessKey, sessionToken, accountId, expiresAt },
 *    refreshToken, clientId, dpopKey, … }`.
 * Unexpired credentials are used as they are. Renewing them needs a DPoP-signed call to the
 * sign-in service with the refresh token; that is left to `aws login`, which the error names.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import type { CoreEnvironment } from '../environment.ts';
import type { AwsCredentials } from './credential-source.ts';

const REQUIRED = ['accessToken', 'refreshToken', 'dpopKey', 'clientId'] as const;

export function loginCacheFile(session: string, environment: CoreEnvironment): string {
  const dir =
    environment.env.AWS_LOGIN_CACHE_DIRECTORY ||
    join(environment.homeDir, '.aws', 'login', 'cache');
  return join(dir, `${createHash('sha256').update(session, 'utf8').digest('hex')}.json`);
}

function signInAgain(profile: string, message: string): AppError {
  return new AppError('CREDENTIALS_UNRESOLVED', message, {
    next: `Run \`aws login --profile ${profile}\`, then try again.`,
  });
}

export async function loginSessionCredentials(
  profile: string,
  session: string,
  environment: CoreEnvironment,
  now: number,
): Promise<AwsCredentials> {
  const file = loginCacheFile(session, environment);
  let token: Record<string, unknown>;
  try {
    token = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw signInAgain(
      profile,
      missing
        ? `Profile "${profile}" uses the aws login session ${session}, which has not signed in on this machine (no ${file}).`
        : `The aws login cache ${file} for profile "${profile}" cannot be read: ${(error as Error).message}.`,
    );
  }
  // The file is another program's output: anything may be in it, so every field is checked.
  const record = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!record(token)) {
    throw signInAgain(profile, `The aws login cache ${file} holds no JSON object.`);
  }
  const gaps = REQUIRED.filter((key) => token[key] === undefined);
  const access = record(token.accessToken) ? token.accessToken : null;
  const keys = ['accessKeyId', 'secretAccessKey', 'sessionToken', 'expiresAt'] as const;
  if (gaps.length || !access || keys.some((key) => typeof access[key] !== 'string')) {
    throw signInAgain(
      profile,
      `The aws login cache ${file} lacks ${gaps.length ? gaps.join(', ') : 'accessToken fields'}.`,
    );
  }
  const expiresAt = new Date(access.expiresAt as string);
  if (Number.isNaN(expiresAt.getTime())) {
    throw signInAgain(profile, `The aws login cache ${file} has an expiry that is not a date.`);
  }
  if (!(expiresAt.getTime() > now)) {
    throw signInAgain(
      profile,
      `The aws login session of profile "${profile}" expired at ${expiresAt.toISOString()}; this app does not renew it.`,
    );
  }
  return {
    accessKeyId: access.accessKeyId as string,
    secretAccessKey: access.secretAccessKey as string,
    sessionToken: access.sessionToken as string,
    expiration: expiresAt,
  };
}
