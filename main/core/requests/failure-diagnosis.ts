/**
 * Turns AppSync's refusals into words a user can act on. The facts come from the answer itself
 * (status, errorType, message, the Date header) and from what we signed.
 */
import { OIDC_TOKEN_MODES, type AuthModeType } from '../../../shared/auth-modes.ts';
import type {
  DiagnosisDTO,
  GraphQLErrorDTO,
  SignatureInspectionDTO,
} from '../../../shared/requests.ts';

export interface AnswerFacts {
  status: number;
  headers: Record<string, string>;
  errors: GraphQLErrorDTO[];
  authMode: AuthModeType;
  signature: SignatureInspectionDTO | null;
  /** Local clock when the answer arrived, ms since the epoch. */
  receivedAt: number;
}

const EXPIRED_TOKEN = /security token included in the request is expired|ExpiredToken/i;
/** AppSync's 401 message for a JWT past its `exp` (OIDC and Cognito user pool modes). */
const EXPIRED_JWT = /^Token has expired/i;
const SIGNATURE_TIME = /^Signature (expired|not yet current)/i;
const SERVER_CANONICAL =
  /The Canonical String for this request should have been\s*'([\s\S]*?)'\s*The String-to-Sign/;

/** True when AWS refused the request because the session token expired: worth one retry. */
export function isExpiredToken(facts: Pick<AnswerFacts, 'status' | 'errors' | 'headers'>): boolean {
  if (facts.status < 400) return false;
  const type = facts.headers['x-amzn-errortype'] ?? '';
  return (
    /ExpiredToken/i.test(type) ||
    facts.errors.some(
      (e) => e.errorType === 'ExpiredTokenException' || EXPIRED_TOKEN.test(e.message),
    )
  );
}

/** True when AppSync refused a JWT (OIDC or Cognito mode) because it expired. */
export function isExpiredJwt(facts: Pick<AnswerFacts, 'status' | 'errors' | 'authMode'>): boolean {
  return (
    facts.status === 401 &&
    (OIDC_TOKEN_MODES as readonly string[]).includes(facts.authMode) &&
    facts.errors.some((e) => EXPIRED_JWT.test(e.message))
  );
}

export function diagnose(facts: AnswerFacts): DiagnosisDTO | null {
  if (facts.status < 400) return null;
  const first = facts.errors[0];
  const type = first?.errorType ?? facts.headers['x-amzn-errortype']?.split(':')[0] ?? '';
  const message = first?.message ?? '';

  if (isExpiredToken(facts)) {
    return {
      code: 'EXPIRED_TOKEN',
      message: 'AWS refused the request: the session token of these credentials has expired.',
      hint: 'Refresh the profile\'s credentials (for SSO profiles run "aws sso login"; for MFA roles enter a new code) and run it again.',
    };
  }
  if (SIGNATURE_TIME.test(message)) {
    const serverDate = Date.parse(facts.headers.date ?? '');
    const skewMs = Number.isNaN(serverDate) ? undefined : serverDate - facts.receivedAt;
    const amount =
      skewMs === undefined
        ? 'by more than 5 minutes'
        : `by ${formatDuration(Math.abs(skewMs))} (${skewMs > 0 ? 'this computer is behind' : 'this computer is ahead'})`;
    return {
      code: 'CLOCK_SKEW',
      message: `AWS refused the signature because this computer's clock differs from AWS's ${amount}. SigV4 accepts at most 5 minutes.`,
      hint: 'Turn on automatic time synchronisation (NTP) on this computer and run the request again.',
      ...(skewMs === undefined ? {} : { skewMs }),
    };
  }
  if (
    type === 'InvalidSignatureException' ||
    /signature we calculated does not match/i.test(message)
  ) {
    const server = SERVER_CANONICAL.exec(message)?.[1];
    const signed = facts.signature?.canonicalRequest;
    const line = server && signed ? firstDifferentLine(signed, server) : undefined;
    const where = line ? ` They first differ at line ${line} of the canonical request.` : '';
    return {
      code: 'SIGNATURE_MISMATCH',
      message: `AWS computed a different signature than the one sent.${where} Either the secret key does not belong to the access key, or the request changed between signing and sending (body, headers, path, host).`,
      hint: 'Compare what was signed with what AWS received below; if they are identical the secret access key is wrong: check the profile.',
      ...(signed ? { signedCanonicalRequest: signed } : {}),
      ...(server ? { serverCanonicalRequest: server } : {}),
      ...(line ? { firstDifferentLine: line } : {}),
    };
  }
  if (isExpiredJwt(facts)) {
    return {
      code: 'EXPIRED_TOKEN',
      message: 'AppSync refused the JWT: it has expired.',
      hint: 'Sign in to the OIDC provider again (a sign-in renews its token by itself; one from an environment variable or the vault must be replaced) and run it again.',
    };
  }
  if (facts.status === 401 || type === 'UnauthorizedException') {
    return {
      code: 'UNAUTHORIZED',
      message: `AppSync refused the ${describeMode(facts.authMode)}: wrong auth mode or missing permission for this endpoint${message ? ` ("${message}")` : ''}.`,
      hint: 'Check that the endpoint enables this auth mode, that the key or token is current and meant for this API, and that the identity is allowed to call it.',
    };
  }
  if (facts.status === 403) {
    return {
      code: 'FORBIDDEN',
      message: `AWS refused the request (403 ${type || 'Forbidden'})${message ? `: ${message}` : ''}.`,
      hint: 'The credentials were recognised but are not allowed to do this: check the IAM policy of the identity.',
    };
  }
  return null;
}

function describeMode(mode: AuthModeType): string {
  switch (mode) {
    case 'AWS_IAM':
      return 'IAM signature';
    case 'API_KEY':
      return 'API key';
    case 'AWS_LAMBDA':
      return 'Lambda authorizer token';
    default:
      return 'JWT';
  }
}

function firstDifferentLine(a: string, b: string): number | undefined {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i] && !(left[i]?.startsWith('x-amz-security-token:') ?? false))
      return i + 1;
  }
  return undefined;
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}
