import { timingSafeEqual } from 'node:crypto';
import type { SandboxIdentity } from '../identity-store.ts';
import {
  ALGORITHM,
  canonicalRequest,
  sha256Hex,
  signatureHex,
  signingKey,
  stringToSign,
} from './sigv4-canonical.ts';

export interface IncomingSignedRequest {
  method: string;
  /** Path + `?query` exactly as received. */
  rawPath: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type Sigv4Failure =
  | 'missing'
  | 'malformed'
  | 'unknown-key'
  | 'bad-token'
  | 'expired-token'
  | 'skew'
  | 'payload-hash'
  | 'signature'
  | 'wrong-service';

export type Sigv4Verdict =
  | { ok: true; identity: SandboxIdentity; region: string; service: string }
  | {
      ok: false;
      failure: Sigv4Failure;
      message: string;
      canonicalRequest?: string;
      stringToSign?: string;
    };

export interface Sigv4VerifyOptions {
  lookup(accessKeyId: string): SandboxIdentity | undefined;
  now(): number;
  /** When set, a credential scoped to another service is refused. */
  service?: string;
  /** Default 5 minutes, as on AWS. */
  maxSkewMs?: number;
}

/** AWS's own first sentence; services append the canonical request and string to sign. */
export const SIGNATURE_MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]*)\s*$/;
const AMZ_DATE_PATTERN = /^(\d{8})T\d{6}Z$/;
const FIVE_MINUTES = 5 * 60 * 1000;

function fail(
  failure: Sigv4Failure,
  message: string,
  extra: Partial<Sigv4Verdict> = {},
): Sigv4Verdict {
  return { ok: false, failure, message, ...extra } as Sigv4Verdict;
}

function header(headers: IncomingSignedRequest['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function parseAmzDate(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return Number.NaN;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

function formatAmzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** AWS's exact wording, which SDKs parse to correct their clock. */
function skewMessage(requestMs: number, nowMs: number, maxSkewMs: number): string | undefined {
  const minutes = Math.round(maxSkewMs / 60000);
  const fmt = formatAmzDate;
  if (requestMs < nowMs - maxSkewMs) {
    return `Signature expired: ${fmt(requestMs)} is now earlier than ${fmt(nowMs - maxSkewMs)} (${fmt(nowMs)} - ${minutes} min.)`;
  }
  if (requestMs > nowMs + maxSkewMs) {
    return `Signature not yet current: ${fmt(requestMs)} is still later than ${fmt(nowMs + maxSkewMs)} (${fmt(nowMs)} + ${minutes} min.)`;
  }
  return undefined;
}

/**
 * Verifies a header-signed SigV4 request (`Authorization: AWS4-HMAC-SHA256 …`) against the
 * identities the sandbox knows. Checks run in the order AWS reports them: shape, key, token,
 * clock, body hash, signature.
 */
export function verifySigV4(
  request: IncomingSignedRequest,
  options: Sigv4VerifyOptions,
): Sigv4Verdict {
  const headers: IncomingSignedRequest['headers'] = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;

  const authorization = header(headers, 'authorization');
  if (!authorization) return fail('missing', 'Request is missing Authentication Token');
  const auth = AUTH_PATTERN.exec(authorization.trim());
  if (!auth) {
    return fail(
      'malformed',
      `Authorization header must be "${ALGORITHM} Credential=AKID/date/region/service/aws4_request, SignedHeaders=…, Signature=…".`,
    );
  }
  const [, credential, signedHeaderList, signature] = auth as unknown as [
    string,
    string,
    string,
    string,
  ];
  const scopeParts = credential.split('/');
  if (
    scopeParts.length !== 5 ||
    scopeParts[4] !== 'aws4_request' ||
    !/^\d{8}$/.test(scopeParts[1]!)
  ) {
    return fail(
      'malformed',
      `Credential should be scoped to a valid region and service, like AKID/20260101/us-east-1/sts/aws4_request, not "${scopeParts.slice(1).join('/')}".`,
    );
  }
  const [accessKeyId, scopeDate, region, service] = scopeParts as [string, string, string, string];
  if (options.service !== undefined && service !== options.service) {
    return fail(
      'wrong-service',
      `Credential should be scoped to correct service: '${options.service}'. `,
    );
  }

  const signedHeaders = signedHeaderList.split(';');
  const sortedOk = signedHeaders.every(
    (h, i) => h === h.toLowerCase() && (i === 0 || signedHeaders[i - 1]! < h),
  );
  if (!sortedOk) return fail('malformed', 'SignedHeaders must be lower-case and sorted.');
  for (const required of ['host', 'x-amz-date']) {
    if (!signedHeaders.includes(required)) {
      return fail('malformed', `'${required}' must be a 'SignedHeader' in the AWS Authorization.`);
    }
  }
  const missing = signedHeaders.find((h) => headers[h] === undefined);
  if (missing)
    return fail(
      'malformed',
      `SignedHeaders names '${missing}', but the request has no such header.`,
    );

  const amzDate = header(headers, 'x-amz-date') ?? '';
  const dateMatch = AMZ_DATE_PATTERN.exec(amzDate);
  if (!dateMatch)
    return fail(
      'malformed',
      `X-Amz-Date must be in the ISO8601 Long Format (yyyyMMdd'T'HHmmss'Z'), got '${amzDate}'.`,
    );
  if (dateMatch[1] !== scopeDate) {
    return fail(
      'signature',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${dateMatch[1]}', from '${amzDate}'.`,
    );
  }

  const identity = options.lookup(accessKeyId);
  if (!identity)
    return fail('unknown-key', 'The security token included in the request is invalid.');
  const token = header(headers, 'x-amz-security-token');
  const tokenOk =
    identity.sessionToken === undefined
      ? token === undefined
      : token !== undefined && sameSecret(token, identity.sessionToken);
  if (!tokenOk) return fail('bad-token', 'The security token included in the request is invalid.');
  const now = options.now();
  if (identity.expiresAt !== undefined && identity.expiresAt <= now) {
    return fail('expired-token', 'The security token included in the request is expired');
  }

  const skew = skewMessage(parseAmzDate(amzDate), now, options.maxSkewMs ?? FIVE_MINUTES);
  if (skew) return fail('skew', skew);

  const bodyHash = sha256Hex(request.body);
  const claimedHash = header(headers, 'x-amz-content-sha256');
  if (claimedHash !== undefined && claimedHash !== bodyHash) {
    return fail(
      'payload-hash',
      "The provided 'x-amz-content-sha256' header does not match what was computed.",
    );
  }

  const q = request.rawPath.indexOf('?');
  const canonical = canonicalRequest({
    method: request.method,
    path: q < 0 ? request.rawPath : request.rawPath.slice(0, q),
    query: q < 0 ? '' : request.rawPath.slice(q + 1),
    service,
    signedHeaders,
    headers,
    payloadHash: bodyHash,
  });
  const toSign = stringToSign(amzDate, `${scopeDate}/${region}/${service}/aws4_request`, canonical);
  const expected = signatureHex(
    signingKey(identity.secretAccessKey, scopeDate, region, service),
    toSign,
  );
  if (!sameSecret(signature.toLowerCase(), expected)) {
    return fail(
      'signature',
      `${SIGNATURE_MISMATCH_MESSAGE}\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'${toSign}'\n`,
      { canonicalRequest: canonical, stringToSign: toSign },
    );
  }
  return { ok: true, identity, region, service };
}
