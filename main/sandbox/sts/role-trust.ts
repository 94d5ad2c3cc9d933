import { createHash } from 'node:crypto';
import type { SandboxIdentity } from '../identity-store.ts';
import type { StsRole } from './sts-fixture.ts';

/** Reading role ARNs and trust policies the way IAM evaluates them for AssumeRole. */

export interface RoleName {
  accountId: string;
  /** The last path segment: what appears in `assumed-role/<name>/<session>`. */
  name: string;
}

/** `arn:aws:iam::111122223333:role/path/ops` → { accountId, name: 'ops' }. */
export function parseRoleArn(arn: string): RoleName | undefined {
  const m = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/.exec(arn);
  return m ? { accountId: m[1]!, name: m[2]! } : undefined;
}

/** A stable role id (`AROA…`), so the same role keeps its id across runs like on AWS. */
export function roleIdOf(role: StsRole): string {
  if (role.roleId) return role.roleId;
  const digest = createHash('sha256').update(role.arn).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let id = 'AROA';
  for (let i = 0; id.length < 21; i++) id += alphabet[digest[i]! % alphabet.length];
  return id;
}

/** The role a session belongs to, for `assumed-role/<name>/<session>` callers. */
function callerRoleName(caller: SandboxIdentity): string | undefined {
  const m = /^arn:aws[\w-]*:sts::\d{12}:assumed-role\/([^/]+)\/[^/]+$/.exec(caller.arn);
  return m?.[1];
}

export function isTrusted(role: StsRole, caller: SandboxIdentity): boolean {
  const callerRole = callerRoleName(caller);
  return (role.trustedPrincipals ?? []).some((principal) => {
    if (principal === '*' || principal === caller.arn) return true;
    if (principal === `arn:aws:iam::${caller.accountId}:root`) return true;
    const trustedRole = parseRoleArn(principal);
    return (
      callerRole !== undefined &&
      trustedRole !== undefined &&
      trustedRole.accountId === caller.accountId &&
      trustedRole.name === callerRole
    );
  });
}

/** The identity a new session of `role` will have; `kind` is always `assumed-role`. */
export function assumedRoleBase(
  role: StsRole,
  sessionName: string,
): Omit<SandboxIdentity, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiresAt'> {
  const name = parseRoleArn(role.arn);
  if (!name)
    throw new Error(
      `StsFixture: "${role.arn}" is not a role ARN (arn:aws:iam::<account>:role/<name>).`,
    );
  return {
    arn: `arn:aws:sts::${name.accountId}:assumed-role/${name.name}/${sessionName}`,
    accountId: name.accountId,
    userId: `${roleIdOf(role)}:${sessionName}`,
    kind: 'assumed-role',
  };
}
