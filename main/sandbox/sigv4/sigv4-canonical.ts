import { createHash, createHmac } from 'node:crypto';

/**
 * The canonical request and string to sign, rebuilt from the request exactly as it arrived on
 * the wire — written from the AWS SigV4 specification with node:crypto only, so that a bug in
 * the client's signer (smithy, botocore, curl) shows up as a mismatch instead of being mirrored.
 */

export const ALGORITHM = 'AWS4-HMAC-SHA256';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ is %XX (upper case). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    // A stray '%' is kept literally; the client must have encoded the same bytes.
    return value;
  }
}

/**
 * Every service but S3 removes dot segments and empty segments, then encodes the already
 * encoded path a second time (so `%20` on the wire is `%2520` in the canonical URI).
 */
export function canonicalUri(path: string, service: string): string {
  if (path === '') return '/';
  if (service === 's3') return path;
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const leading = path.startsWith('/') ? '/' : '';
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  const normalized = leading + segments.join('/') + trailing;
  return normalized === '' ? '/' : uriEncode(normalized).replace(/%2F/g, '/');
}

/** Pairs decoded, re-encoded per RFC 3986 and sorted by name, then value. */
export function canonicalQuery(query: string): string {
  if (query === '') return '';
  const pairs: Array<[string, string]> = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    pairs.push([uriEncode(percentDecode(name)), uriEncode(percentDecode(value))]);
  }
  pairs.sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

/** Trimmed, inner runs of spaces collapsed to one; repeated headers joined with ','. */
export function canonicalHeaderValue(value: string | string[]): string {
  const values = Array.isArray(value) ? value : [value];
  return values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',');
}

export interface CanonicalInput {
  method: string;
  path: string;
  query: string;
  service: string;
  /** Lower-case signed header names in the order the client listed them. */
  signedHeaders: string[];
  headers: Record<string, string | string[] | undefined>;
  payloadHash: string;
}

export function canonicalRequest(input: CanonicalInput): string {
  const headerLines = input.signedHeaders.map(
    (name) => `${name}:${canonicalHeaderValue(input.headers[name] ?? '')}\n`,
  );
  return [
    input.method.toUpperCase(),
    canonicalUri(input.path, input.service),
    canonicalQuery(input.query),
    headerLines.join(''),
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

export function stringToSign(amzDate: string, scope: string, canonical: string): string {
  return `${ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
}

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const kDate = createHmac('sha256', `AWS4${secret}`).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  return createHmac('sha256', kService).update('aws4_request').digest();
}

export function signatureHex(key: Buffer, toSign: string): string {
  return createHmac('sha256', key).update(toSign).digest('hex');
}
