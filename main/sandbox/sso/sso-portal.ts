import { createHash } from 'node:crypto';
import type { IdentityStore } from '../identity-store.ts';
import type { IncomingSignedRequest } from '../sigv4/sigv4-verifier.ts';
import type { WireResponse } from '../sts/sts-wire.ts';
import type { OidcServer } from './oidc-server.ts';
import type { PortalSession } from './oidc-tokens.ts';
import type { SsoAccount, SsoCall, SsoFixture } from './sso-fixture.ts';
import { json, SsoError } from './sso-wire.ts';

/**
 * The local SSO portal (`portal.sso.<region>.amazonaws.com`): the accounts and roles an access
 * token reaches, and role credentials that every sandbox peer then accepts.
 */

export interface SsoPortalOptions {
  fixture: SsoFixture;
  identities: IdentityStore;
  clock: { now(): number };
  oidc: OidcServer;
}

const unauthorized = () =>
  new SsoError('UnauthorizedException', 401, 'Session token not found or invalid');
const invalid = (message: string) => new SsoError('InvalidRequestException', 400, message);

/** `AWSReservedSSO_<set>_<16 hex>`: the role IAM Identity Center creates per permission set. */
function reservedRoleName(accountId: string, roleName: string): string {
  const suffix = createHash('sha256').update(`${accountId}/${roleName}`).digest('hex').slice(0, 16);
  return `AWSReservedSSO_${roleName}_${suffix}`;
}

function page<T>(items: T[], query: URLSearchParams, defaultSize: number, kind: string) {
  const rawMax = query.get('max_result');
  const max = rawMax === null ? defaultSize : Number(rawMax);
  if (!Number.isInteger(max) || max < 1 || max > 100)
    throw invalid(`max_result must be between 1 and 100, got ${rawMax}`);
  const token = query.get('next_token');
  let offset = 0;
  if (token !== null) {
    try {
      const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
        k: string;
        o: number;
      };
      if (decoded.k !== kind || !Number.isInteger(decoded.o)) throw new Error('other list');
      offset = decoded.o;
    } catch {
      throw invalid('The next token is not valid for this list');
    }
  }
  const slice = items.slice(offset, offset + max);
  const next =
    offset + max < items.length
      ? Buffer.from(JSON.stringify({ k: kind, o: offset + max })).toString('base64url')
      : undefined;
  return { slice, next };
}

export function createSsoPortal(options: SsoPortalOptions) {
  const { fixture, identities, clock, oidc } = options;
  const recent: number[] = [];
  const pageSize = fixture.defaultPageSize ?? 20;

  function throttle(): void {
    const limit = fixture.portalCallsPerSecond;
    if (limit === undefined) return;
    const now = clock.now();
    while (recent.length && recent[0]! <= now - 1000) recent.shift();
    if (recent.length >= limit)
      throw new SsoError('TooManyRequestsException', 429, 'HTTP 429 Unknown Code');
    recent.push(now);
  }

  function accountsOf(session: PortalSession): SsoAccount[] {
    const user = fixture.users?.find((u) => u.userName === session.userName);
    const all = fixture.accounts ?? [];
    return user?.accounts ? all.filter((a) => user.accounts!.includes(a.accountId)) : all;
  }

  function getRoleCredentials(
    session: PortalSession,
    query: URLSearchParams,
    call: SsoCall,
  ): WireResponse {
    const accountId = query.get('account_id');
    const roleName = query.get('role_name');
    if (!accountId || !roleName) throw invalid('account_id and role_name are required');
    call.accountId = accountId;
    call.roleName = roleName;
    const account = accountsOf(session).find((a) => a.accountId === accountId);
    if (!account?.roles.includes(roleName))
      throw new SsoError('ForbiddenException', 403, 'No access');
    const seconds = fixture.roleSessionSeconds ?? 3600;
    const role = reservedRoleName(accountId, roleName);
    const roleId = `AROA${createHash('sha256').update(role).digest('hex').slice(0, 17).toUpperCase()}`;
    const issued = identities.issueSession(
      {
        arn: `arn:aws:sts::${accountId}:assumed-role/${role}/${session.userName}`,
        accountId,
        userId: `${roleId}:${session.userName}`,
        kind: 'assumed-role',
      },
      seconds,
    );
    call.issuedAccessKeyId = issued.accessKeyId;
    return json(200, {
      roleCredentials: {
        accessKeyId: issued.accessKeyId,
        secretAccessKey: issued.secretAccessKey,
        sessionToken: issued.sessionToken,
        expiration: issued.expiresAt,
      },
    });
  }

  return {
    /** undefined when the path is not a portal one. */
    handle(request: IncomingSignedRequest, call: SsoCall): WireResponse | undefined {
      const [path = '', queryString = ''] = request.rawPath.split('?');
      const actions: Record<string, [string, string]> = {
        '/federation/credentials': ['GET', 'GetRoleCredentials'],
        '/assignment/accounts': ['GET', 'ListAccounts'],
        '/assignment/roles': ['GET', 'ListAccountRoles'],
        '/logout': ['POST', 'Logout'],
      };
      const route = actions[path];
      if (!route || route[0] !== request.method) return undefined;
      call.action = route[1];
      const query = new URLSearchParams(queryString);
      const token = request.headers['x-amz-sso_bearer_token'];
      const session = typeof token === 'string' ? oidc.session(token) : undefined;
      if (!session) throw unauthorized();
      call.userName = session.userName;
      if (call.action === 'Logout') {
        oidc.endSession(token as string);
        return json(200, {});
      }
      throttle();
      if (query.has('max_result')) call.maxResults = Number(query.get('max_result'));
      if (query.has('next_token')) call.nextToken = query.get('next_token')!;
      if (call.action === 'GetRoleCredentials') return getRoleCredentials(session, query, call);
      if (call.action === 'ListAccounts') {
        const { slice, next } = page(accountsOf(session), query, pageSize, 'accounts');
        const accountList = slice.map((a) => ({
          accountId: a.accountId,
          accountName: a.accountName,
          emailAddress: a.emailAddress,
        }));
        return json(200, { accountList, nextToken: next });
      }
      const accountId = query.get('account_id');
      if (!accountId) throw invalid('account_id is required');
      call.accountId = accountId;
      const roles = accountsOf(session).find((a) => a.accountId === accountId)?.roles ?? [];
      const { slice, next } = page(roles, query, pageSize, `roles:${accountId}`);
      return json(200, {
        roleList: slice.map((roleName) => ({ roleName, accountId })),
        nextToken: next,
      });
    },
  };
}
