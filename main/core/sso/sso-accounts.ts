/**
 * The accounts and roles an SSO session reaches (SSO portal ListAccounts / ListAccountRoles),
 * every page, at a pace the portal accepts: a few calls at a time, backing off on 429.
 */
import { ListAccountRolesCommand, ListAccountsCommand, type SSOClient } from '@aws-sdk/client-sso';
import { AppError } from '../../../shared/errors.ts';
import type { SsoAccountDTO } from '../../../shared/sso.ts';
import { describeServiceError, isAbort, isThrottled, serviceErrorIs } from './sso-clients.ts';
import type { Wait } from '../auth/device-code-polling.ts';

export interface ListAccountsOptions {
  signal?: AbortSignal;
  /** Accounts whose roles are known so far, of how many (null until every page is listed). */
  onProgress?(done: number, total: number | null): void;
}

export interface PortalPace {
  wait: Wait;
  /** Role lookups in flight at once. */
  concurrency?: number;
  /** Attempts per call when the portal answers 429. */
  maxAttempts?: number;
  /** First backoff; doubles on each 429, capped at 20 s, with jitter. */
  baseDelayMs?: number;
}

const PAGE_SIZE = 100;

/**
 * One portal call, retried with exponential backoff while the portal says "too many requests".
 * Other errors pass through unchanged, for the caller to explain.
 */
export async function withBackoff<T>(
  call: () => Promise<T>,
  pace: PortalPace,
  signal?: AbortSignal,
): Promise<T> {
  const maxAttempts = pace.maxAttempts ?? 8;
  const base = pace.baseDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (isAbort(error, signal))
        throw new AppError('CANCELLED', 'Listing accounts was cancelled.');
      if (!isThrottled(error) || attempt >= maxAttempts) throw error;
      const ceiling = Math.min(base * 2 ** (attempt - 1), 20_000);
      try {
        await pace.wait(ceiling / 2 + Math.random() * (ceiling / 2), signal);
      } catch {
        throw new AppError('CANCELLED', 'Listing accounts was cancelled.');
      }
    }
  }
}

export function portalError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (serviceErrorIs(error, 'UnauthorizedException')) {
    return new AppError(
      'SSO_LOGIN_REQUIRED',
      "IAM Identity Center no longer accepts this session's token. Sign in again.",
    );
  }
  if (isThrottled(error)) {
    return new AppError(
      'NETWORK',
      'IAM Identity Center kept answering "too many requests". Wait a minute and try again.',
    );
  }
  return new AppError(
    'NETWORK',
    `The IAM Identity Center portal failed: ${describeServiceError(error)}`,
  );
}

export async function listAccountsAndRoles(
  portal: SSOClient,
  accessToken: string,
  pace: PortalPace,
  options: ListAccountsOptions = {},
): Promise<SsoAccountDTO[]> {
  try {
    return await listEverything(portal, accessToken, pace, options);
  } catch (error) {
    throw portalError(error);
  }
}

async function listEverything(
  portal: SSOClient,
  accessToken: string,
  pace: PortalPace,
  options: ListAccountsOptions,
): Promise<SsoAccountDTO[]> {
  const { signal, onProgress } = options;
  const accounts: SsoAccountDTO[] = [];
  let nextToken: string | undefined;
  onProgress?.(0, null);
  do {
    const page = await withBackoff(
      () =>
        portal.send(new ListAccountsCommand({ accessToken, maxResults: PAGE_SIZE, nextToken }), {
          abortSignal: signal,
        }),
      pace,
      signal,
    );
    for (const account of page.accountList ?? []) {
      if (!account.accountId) continue;
      accounts.push({
        accountId: account.accountId,
        accountName: account.accountName ?? null,
        emailAddress: account.emailAddress ?? null,
        roles: [],
      });
    }
    nextToken = page.nextToken || undefined;
  } while (nextToken);

  let done = 0;
  onProgress?.(0, accounts.length);
  let next = 0;
  const worker = async () => {
    while (next < accounts.length) {
      const account = accounts[next++] as SsoAccountDTO;
      account.roles = await listRoles(portal, accessToken, account.accountId, pace, signal);
      onProgress?.(++done, accounts.length);
    }
  };
  const workers = Array.from({ length: Math.min(pace.concurrency ?? 4, accounts.length) }, worker);
  await Promise.all(workers);
  return accounts;
}

async function listRoles(
  portal: SSOClient,
  accessToken: string,
  accountId: string,
  pace: PortalPace,
  signal?: AbortSignal,
): Promise<SsoAccountDTO['roles']> {
  const roles: SsoAccountDTO['roles'] = [];
  let nextToken: string | undefined;
  do {
    const page = await withBackoff(
      () =>
        portal.send(
          new ListAccountRolesCommand({ accessToken, accountId, maxResults: PAGE_SIZE, nextToken }),
          { abortSignal: signal },
        ),
      pace,
      signal,
    );
    for (const role of page.roleList ?? []) {
      if (role.roleName) roles.push({ roleName: role.roleName });
    }
    nextToken = page.nextToken || undefined;
  } while (nextToken);
  return roles;
}
