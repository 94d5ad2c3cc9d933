/**
 * Rebuilds, from a request as it was sent, what SigV4 signed: canonical request, string to
 * sign, signed headers, credential scope. It is derived from the sent headers and body bytes —
 * not from the signer's internals — so it shows what the server will recompute. The secret key
 * and the signing key never appear; the session token's value is redacted from the canonical
 * request shown (the string to sign is still computed over the real one).
 */
import { hash } from 'node:crypto';
import type { SignatureInspectionDTO } from '../../../shared/requests.ts';

import { REDACTED } from '../redaction/redacted.ts';

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/\s]+)\/(\d{8})\/([^/\s]+)\/([^/\s]+)\/aws4_request, SignedHeaders=([^,\s]+), Signature=([0-9a-f]+)$/;

export interface SentRequest {
  method: string;
  url: URL;
  /** Lower-case names, as written to the socket. */
  headers: Record<string, string>;
  body: Uint8Array;
}

/** null when the request carries no SigV4 Authorization header. */
export function inspectSignature(request: SentRequest): SignatureInspectionDTO | null {
  const match = AUTHORIZATION.exec(request.headers.authorization ?? '');
  if (!match) return null;
  const [, accessKeyId, date, region, service, signedList, signature] =
    match as unknown as string[];
  const signedHeaders = (signedList as string).split(';');
  const amzDate = request.headers['x-amz-date'] ?? '';
  const payloadHash = request.headers['x-amz-content-sha256'] ?? sha256Hex(request.body);
  const head = `${request.method.toUpperCase()}\n${canonicalPath(request.url.pathname)}\n${canonicalQuery(request.url.searchParams)}\n`;
  const tail = `\n\n${signedList}\n${payloadHash}`;
  const lines = signedHeaders.map(
    (name) => `${name}:${canonicalHeaderValue(request.headers[name] ?? '')}`,
  );
  const canonicalRequest = head + lines.join('\n') + tail;
  const token = signedHeaders.indexOf('x-amz-security-token');
  if (token >= 0) lines[token] = `x-amz-security-token:${REDACTED}`;
  const credentialScope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${credentialScope}\n${sha256Hex(canonicalRequest)}`;
  return {
    accessKeyId: accessKeyId as string,
    region: region as string,
    service: service as string,
    amzDate,
    credentialScope,
    signedHeaders,
    canonicalRequest: token >= 0 ? head + lines.join('\n') + tail : canonicalRequest,
    stringToSign,
    payloadHash,
    signature: signature as string,
    usesSessionToken: 'x-amz-security-token' in request.headers,
  };
}

export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/** RFC 3986 unreserved characters stay; everything else is %XX (AWS's UriEncode). */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Normalized, then encoded a second time: the rule for every service except S3. */
function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  const normalized = `${path.startsWith('/') ? '/' : ''}${segments.join('/')}${trailing}`;
  return uriEncode(normalized).replace(/%2F/g, '/');
}

function canonicalQuery(params: URLSearchParams): string {
  const pairs: [string, string][] = [];
  for (const [key, value] of params) pairs.push([uriEncode(key), uriEncode(value)]);
  pairs.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([k, v]) => `${k}=${v}`).join('&');
}

/** Most values need none of it: tested first, so they are not copied three times. */
const NEEDS_FOLDING = /[\r\n\t]| {2}/;

function canonicalHeaderValue(value: string): string {
  if (!NEEDS_FOLDING.test(value) && value.trim() === value) return value;
  return value
    .replace(/[\r\n]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
