/**
 * The IAM Identity Center token cache, exactly where and how the AWS CLI v2 keeps it
 * (`~/.aws/sso/cache/<sha1>.json`, botocore's SSOTokenLoader / JSONFileCache), so a login in
 * either tool serves both, and the AWS SDKs' `fromSSO` read what we write.
 */
import { createHash } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-file.ts';
import { ssoCacheDir } from '../profiles/aws-files.ts';

/** A cached token as the CLI writes it. Unknown fields are kept when we rewrite a file. */
export interface SsoCachedToken {
  startUrl?: string;
  region?: string;
  accessToken: string;
  /** `YYYY-MM-DDTHH:MM:SSZ` (UTC). */
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
  [other: string]: unknown;
}

/** A cached OIDC client registration (`RegisterClient`), shared with the CLI. */
export interface SsoCachedRegistration {
  clientId: string;
  clientSecret: string;
  expiresAt: string;
  scopes?: string[];
  grantTypes?: string[];
  [other: string]: unknown;
}

/** sha1 of the session name for `[sso-session]` logins, of the start URL for legacy profiles. */
export function tokenCacheKey(startUrl: string, sessionName: string | null): string {
  return createHash('sha1')
    .update(sessionName ?? startUrl, 'utf8')
    .digest('hex');
}

/**
 * The CLI keys a registration by these properties so a registration never grants a token for
 * another start URL: sha1 of Python's `json.dumps(args, sort_keys=True)`.
 */
export function registrationCacheKey(args: {
  startUrl: string;
  region: string;
  scopes: string[] | null;
  sessionName: string | null;
}): string {
  const text = pythonJsonDumps({
    region: args.region,
    scopes: args.scopes,
    session_name: args.sessionName,
    startUrl: args.startUrl,
    tool: 'botocore',
  });
  return createHash('sha1').update(text, 'utf8').digest('hex');
}

/**
 * Python's `json.dumps` with its default separators (", " and ": ") and `ensure_ascii`, keys in
 * the given order. The registration key is a hash of this text, so every byte matters.
 */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') {
    return JSON.stringify(value).replace(
      /[\u0080-\uffff]/g,
      (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(
    ([, v]) => v !== undefined,
  );
  return `{${entries.map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}

/** The CLI's `_serialize_utc_timestamp`: `%Y-%m-%dT%H:%M:%SZ`, whole seconds. */
export function formatCacheTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Milliseconds since the epoch, or NaN. Accepts what the CLI v2 writes (`...Z`), what the SDK
 * writes (`...sssZ`) and the CLI v1's `%Z` form (`2019-11-14T04:05:45UTC`).
 */
export function parseCacheTime(text: unknown): number {
  if (typeof text !== 'string') return Number.NaN;
  return Date.parse(text.trim().replace(/\s*UTC$/, 'Z'));
}

export class SsoTokenCache {
  readonly dir: string;

  constructor(homeDir: string) {
    this.dir = ssoCacheDir(homeDir);
  }

  tokenPath(startUrl: string, sessionName: string | null): string {
    return join(this.dir, `${tokenCacheKey(startUrl, sessionName)}.json`);
  }

  registrationPath(args: Parameters<typeof registrationCacheKey>[0]): string {
    return join(this.dir, `${registrationCacheKey(args)}.json`);
  }

  /** The cached token, or null when there is none or it is not a token (as botocore decides). */
  async readToken(startUrl: string, sessionName: string | null): Promise<SsoCachedToken | null> {
    const data = await readJson(this.tokenPath(startUrl, sessionName));
    if (!data || typeof data.accessToken !== 'string' || typeof data.expiresAt !== 'string') {
      return null;
    }
    return data as SsoCachedToken;
  }

  async writeToken(
    startUrl: string,
    sessionName: string | null,
    token: SsoCachedToken,
  ): Promise<void> {
    await writeFileAtomic(this.tokenPath(startUrl, sessionName), pythonJsonDumps(token), 0o600);
  }

  async deleteToken(startUrl: string, sessionName: string | null): Promise<void> {
    await rm(this.tokenPath(startUrl, sessionName), { force: true });
  }

  async readRegistration(
    args: Parameters<typeof registrationCacheKey>[0],
  ): Promise<SsoCachedRegistration | null> {
    const data = await readJson(this.registrationPath(args));
    if (!data || typeof data.clientId !== 'string' || typeof data.clientSecret !== 'string') {
      return null;
    }
    return data as SsoCachedRegistration;
  }

  async writeRegistration(
    args: Parameters<typeof registrationCacheKey>[0],
    registration: SsoCachedRegistration,
  ): Promise<void> {
    await writeFileAtomic(this.registrationPath(args), pythonJsonDumps(registration), 0o600);
  }
}

async function readJson(path: string): Promise<Record<string, unknown> | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const data: unknown = JSON.parse(text);
    return data && typeof data === 'object' && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : null;
  } catch {
    // Like botocore: an unreadable cache entry is no entry (and its text is never logged).
    return null;
  }
}
