/**
 * STS GetFederationToken as AWS answers it: only an IAM user's long-term keys may call it, the
 * name is 2–32 characters, the duration 900 s–36 h (12 h by default), and an inline policy must
 * be JSON (the session's permissions are its intersection with the user's, which the sandbox
 * does not evaluate). The federated user's session is then honoured by every sandbox peer.
 */
import type { IdentityStore, SandboxIdentity } from '../identity-store.ts';
import type { StsCall } from './sts-fixture.ts';
import { isoSeconds, StsError, stsResult, type WireResponse } from './sts-wire.ts';

const NAME = /^[\w+=,.@-]{2,32}$/;
const MAX_POLICY_CHARS = 2048;

export function getFederationToken(
  params: URLSearchParams,
  caller: SandboxIdentity,
  identities: IdentityStore,
  now: number,
  call: StsCall,
): WireResponse {
  if (caller.kind !== 'user') {
    throw new StsError(
      'AccessDenied',
      403,
      'Cannot call GetFederationToken with session credentials',
      'temporary credentials',
    );
  }
  const name = params.get('Name') ?? '';
  if (!NAME.test(name)) {
    throw new StsError(
      'ValidationError',
      400,
      `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must have length between 2 and 32 and satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  const raw = params.get('DurationSeconds');
  const seconds = raw === null ? 43_200 : Number(raw);
  if (!Number.isInteger(seconds) || seconds < 900 || seconds > 129_600) {
    throw new StsError(
      'ValidationError',
      400,
      `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 129600`,
    );
  }
  const policy = params.get('Policy');
  if (policy !== null) {
    try {
      JSON.parse(policy);
    } catch {
      throw new StsError('MalformedPolicyDocument', 400, 'The policy is not valid JSON.');
    }
    if (policy.length > MAX_POLICY_CHARS) {
      throw new StsError('PackedPolicyTooLarge', 400, 'The inline policy is too large.');
    }
  }
  call.durationSeconds = seconds;
  call.federatedName = name;
  if (policy !== null) call.policy = policy;
  const session = identities.issueSession(
    {
      arn: `arn:aws:sts::${caller.accountId}:federated-user/${name}`,
      accountId: caller.accountId,
      userId: `${caller.accountId}:${name}`,
      kind: 'federated-user',
    },
    seconds,
  );
  call.issuedAccessKeyId = session.accessKeyId;
  return stsResult(
    'GetFederationToken',
    {
      Credentials: {
        AccessKeyId: session.accessKeyId,
        SecretAccessKey: session.secretAccessKey,
        SessionToken: session.sessionToken,
        Expiration: isoSeconds(session.expiresAt ?? 0),
      },
      FederatedUser: { FederatedUserId: session.userId, Arn: session.arn },
      PackedPolicySize: policy === null ? undefined : Math.ceil((policy.length * 100) / 2048),
    },
    now,
  );
}
