import { randomBytes } from 'node:crypto';

/**
 * Everyone the local AWS peers know: long-term IAM users from the fixture and the temporary
 * sessions the local STS / SSO portal issued. The SigV4 verifiers of every sandbox peer (STS,
 * SSO, AppSync) look access key ids up here, so a credential issued by one peer is honoured by
 * all of them, exactly as on AWS.
 */
export interface SandboxIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** ms epoch; undefined = long-term key. */
  expiresAt?: number;
  arn: string;
  accountId: string;
  userId: string;
  kind: 'user' | 'assumed-role' | 'federated-user';
  /** An assumed-role session whose AssumeRole was signed by another session (role chaining). */
  chained?: boolean;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Random upper-case id in the shape AWS uses (`ASIA` + 16 chars). */
export function randomAwsId(prefix: string, length = 20): string {
  const bytes = randomBytes(length);
  let id = prefix;
  for (let i = 0; id.length < length; i++) id += KEY_ALPHABET[bytes[i]! % KEY_ALPHABET.length];
  return id;
}

function randomSecret(): string {
  return randomBytes(30).toString('base64').replace(/\+/g, 'A').replace(/\//g, 'B');
}

function accountOf(arn: string): string {
  // arn:aws:iam::123456789012:user/alice → 123456789012
  const account = arn.split(':')[4];
  if (!account || !/^\d{12}$/.test(account)) {
    throw new Error(
      `IdentityStore: cannot read an account id from ARN "${arn}"; pass accountId explicitly.`,
    );
  }
  return account;
}

export class IdentityStore {
  readonly #clock: { now(): number };
  readonly #byKey = new Map<string, SandboxIdentity>();

  constructor(clock: { now(): number } = Date) {
    this.#clock = clock;
  }

  addUser(user: {
    accessKeyId: string;
    secretAccessKey: string;
    arn: string;
    accountId?: string;
    userId?: string;
  }): SandboxIdentity {
    const identity: SandboxIdentity = {
      accessKeyId: user.accessKeyId,
      secretAccessKey: user.secretAccessKey,
      arn: user.arn,
      accountId: user.accountId ?? accountOf(user.arn),
      userId: user.userId ?? randomAwsId('AIDA', 21),
      kind: 'user',
    };
    this.#byKey.set(identity.accessKeyId, identity);
    return identity;
  }

  /** A fresh temporary credential (random `ASIA…` key, secret and token) for `base`. */
  issueSession(
    base: Omit<SandboxIdentity, 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'expiresAt'>,
    durationSeconds: number,
  ): SandboxIdentity {
    const identity: SandboxIdentity = {
      ...base,
      accessKeyId: randomAwsId('ASIA'),
      secretAccessKey: randomSecret(),
      // Real tokens are long opaque blobs; the prefix makes sandbox tokens recognisable in tests.
      sessionToken: `SandboxToken/${randomBytes(96).toString('base64')}`,
      expiresAt: this.#clock.now() + durationSeconds * 1000,
    };
    this.#byKey.set(identity.accessKeyId, identity);
    return identity;
  }

  /** Expired sessions are still returned, so verifiers can answer ExpiredToken rather than "unknown key". */
  lookup(accessKeyId: string): SandboxIdentity | undefined {
    return this.#byKey.get(accessKeyId);
  }
}
