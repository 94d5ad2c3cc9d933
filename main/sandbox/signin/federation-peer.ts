/**
 * The AWS sign-in federation endpoint, locally: `getSigninToken` takes the Session JSON
 * ({sessionId, sessionKey, sessionToken}, exactly those keys) and answers `{"SigninToken": …}`
 * only for a temporary credential the sandbox STS issued and that has not expired;
 * `SessionDuration` (900–43200 s) is refused for a role-chained or GetFederationToken session,
 * as AWS refuses it. `login` redirects to the Destination only with a token issued here in the
 * last 15 minutes, used once. Paths: `/signin/federation`.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IdentityStore, SandboxIdentity } from '../identity-store.ts';
import type { WireResponse } from '../sts/sts-wire.ts';

export const FEDERATION_PATH = '/signin/federation';
/** How long a sign-in token may be used, as AWS documents. */
export const SIGNIN_TOKEN_TTL_MS = 15 * 60_000;

/** One federation request answered, for tests to assert on. */
export interface SigninCall {
  service: 'signin';
  action: string;
  at: number;
  outcome: string;
  /** The access key id the Session named. */
  sessionId?: string;
  callerArn?: string;
  sessionDuration?: number;
  issuer?: string;
  destination?: string;
}

interface IssuedToken {
  identity: SandboxIdentity;
  issuedAt: number;
  sessionDuration: number | undefined;
}

class Refusal extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const SESSION_KEYS = ['sessionId', 'sessionKey', 'sessionToken'];

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function text(status: number, body: string, headers: Record<string, string> = {}): WireResponse {
  return { status, headers: { 'content-type': 'text/plain', ...headers }, body };
}

export function createFederationPeer(options: {
  identities: IdentityStore;
  clock: { now(): number };
  record(call: SigninCall): void;
}) {
  const { identities, clock, record } = options;
  const tokens = new Map<string, IssuedToken>();

  function sessionOf(raw: string | null, call: SigninCall): SandboxIdentity {
    let session: unknown;
    try {
      session = JSON.parse(raw ?? '');
    } catch {
      throw new Refusal(400, 'Session is not JSON.');
    }
    const keys = session && typeof session === 'object' ? Object.keys(session).sort() : [];
    if (keys.join() !== SESSION_KEYS.join()) {
      throw new Refusal(400, `Session must have exactly the keys ${SESSION_KEYS.join(', ')}.`);
    }
    const { sessionId, sessionKey, sessionToken } = session as Record<string, unknown>;
    if (typeof sessionId !== 'string' || typeof sessionKey !== 'string') {
      throw new Refusal(400, 'sessionId and sessionKey must be strings.');
    }
    call.sessionId = sessionId;
    const identity = identities.lookup(sessionId);
    if (
      !identity?.sessionToken ||
      typeof sessionToken !== 'string' ||
      !same(identity.secretAccessKey, sessionKey) ||
      !same(identity.sessionToken, sessionToken)
    ) {
      // AWS answers a bad or long-term credential with a bare 400.
      throw new Refusal(400, 'The Session is not a valid temporary credential.');
    }
    if ((identity.expiresAt ?? 0) <= clock.now()) throw new Refusal(400, 'The Session expired.');
    call.callerArn = identity.arn;
    return identity;
  }

  function sessionDuration(raw: string | null, identity: SandboxIdentity): number | undefined {
    if (raw === null) return undefined;
    const seconds = Number(raw);
    if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43_200) {
      throw new Refusal(400, 'SessionDuration must be between 900 and 43200 seconds.');
    }
    if (identity.kind !== 'assumed-role' || identity.chained) {
      throw new Refusal(
        400,
        'SessionDuration is only allowed for a role session assumed with long-term credentials.',
      );
    }
    return seconds;
  }

  function getSigninToken(params: URLSearchParams, call: SigninCall): WireResponse {
    const identity = sessionOf(params.get('Session'), call);
    const duration = sessionDuration(params.get('SessionDuration'), identity);
    if (duration !== undefined) call.sessionDuration = duration;
    const token = randomBytes(48).toString('base64url');
    tokens.set(token, { identity, issuedAt: clock.now(), sessionDuration: duration });
    return {
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ SigninToken: token }),
    };
  }

  function login(params: URLSearchParams, call: SigninCall): WireResponse {
    const destination = params.get('Destination') ?? '';
    call.destination = destination;
    const issuer = params.get('Issuer');
    if (issuer !== null) call.issuer = issuer;
    const token = params.get('SigninToken') ?? '';
    const issued = tokens.get(token);
    if (!issued) throw new Refusal(400, 'Unknown SigninToken.');
    tokens.delete(token);
    if (clock.now() - issued.issuedAt > SIGNIN_TOKEN_TTL_MS) {
      throw new Refusal(400, 'The SigninToken expired (they last 15 minutes).');
    }
    call.callerArn = issued.identity.arn;
    if (
      !/^https:\/\/([\w-]+\.)*console\.(aws\.amazon\.com|amazonaws\.cn|amazonaws-us-gov\.com)\//.test(
        destination,
      )
    ) {
      throw new Refusal(400, 'Destination is not an AWS console URL.');
    }
    return text(302, '', { location: destination });
  }

  return {
    /** Undefined when the request is not for this peer. */
    handle(method: string, rawPath: string): WireResponse | undefined {
      const q = rawPath.indexOf('?');
      if ((q < 0 ? rawPath : rawPath.slice(0, q)) !== FEDERATION_PATH) return undefined;
      const params = new URLSearchParams(q < 0 ? '' : rawPath.slice(q + 1));
      const call: SigninCall = {
        service: 'signin',
        action: params.get('Action') ?? '',
        at: clock.now(),
        outcome: 'ok',
      };
      try {
        if (method !== 'GET') throw new Refusal(405, 'The federation endpoint answers GET.');
        if (call.action === 'getSigninToken') return getSigninToken(params, call);
        if (call.action === 'login') return login(params, call);
        throw new Refusal(400, `Unknown Action "${call.action}".`);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        call.outcome = error.message;
        return text(error.status, error.message);
      } finally {
        record(call);
      }
    },
  };
}
