/**
 * Removes anything that looks like a credential from text and JSON before it is stored. The
 * history record has no header map at all; this is the second line of defence for secrets a
 * user pasted into variables, a query, or that a resolver echoed back in a response.
 */

import { REDACTED } from './redacted.ts';

/** Key names (lower-case, without `-` and `_`) whose values are always secrets. */
const SECRET_KEYS = new Set([
  'authorization',
  'authorizationtoken',
  'proxyauthorization',
  'xapikey',
  'apikey',
  'secret',
  'secretkey',
  'secretaccesskey',
  'awssecretaccesskey',
  'sessiontoken',
  'awssessiontoken',
  'securitytoken',
  'xamzsecuritytoken',
  'token',
  'accesstoken',
  'idtoken',
  'refreshtoken',
  'bearertoken',
  'clientsecret',
  'password',
  'passwd',
  'cookie',
  'setcookie',
]);

export function isSecretKey(key: string): boolean {
  return SECRET_KEYS.has(key.toLowerCase().replace(/[-_\s]/g, ''));
}

const KEY_ALTERNATION = [
  'authorization(?:[-_]?token)?',
  'proxy[-_]?authorization',
  'x[-_]?api[-_]?key',
  'api[-_]?key',
  '(?:aws[-_]?)?secret[-_]?access[-_]?key',
  'secret[-_]?key',
  '(?:aws[-_]?)?session[-_]?token',
  'x[-_]amz[-_]security[-_]token',
  'security[-_]?token',
  '(?:access|id|refresh|bearer)[-_]?token',
  'client[-_]?secret',
  'password',
  'cookie',
].join('|');

/** `"apiKey": "…"`, `apiKey=…`, `Authorization: …` in JSON, query strings, INI and header text. */
const KEY_VALUE = new RegExp(
  `(["']?)\\b(${KEY_ALTERNATION})\\1(\\s*[:=]\\s*)("(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^\\s,;&}"'\\]]+(?: [A-Za-z0-9._~+/=-]{8,})?)`,
  'gi',
);

/** Value shapes that are secrets wherever they appear. */
const VALUE_PATTERNS: RegExp[] = [
  // SigV4 Authorization header value and presigned-URL parameters.
  /AWS4-HMAC-SHA256\s+Credential=[^\s"',]+(?:,\s*SignedHeaders=[^\s"',]+)?(?:,\s*Signature=[0-9a-f]+)?/g,
  /X-Amz-(?:Signature|Security-Token|Credential)=[^&\s"']+/gi,
  // HTTP auth schemes.
  /\b(?:Bearer|Basic)\s+[A-Za-z0-9._~+/-]{8,}=*/gi,
  // JWT (also unsigned ones, whose third part is empty).
  /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g,
  // AppSync API keys.
  /\bda2-[A-Za-z0-9]{10,}/g,
  // AWS session tokens (STS, all known prefixes).
  /\b(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz|AQoDYXdz)[A-Za-z0-9+/=]{16,}/g,
  // AWS access key ids.
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
];

/** A 40-character base64 word with mixed case and a digit: the shape of an AWS secret key. */
const SECRET_ACCESS_KEY = /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;

function looksLikeSecretAccessKey(word: string): boolean {
  return /[a-z]/.test(word) && /[A-Z]/.test(word) && /[0-9]/.test(word);
}

export function scrubText(text: string): string {
  let out = text;
  for (const pattern of VALUE_PATTERNS) out = out.replace(pattern, REDACTED);
  out = out.replace(KEY_VALUE, (match, quote: string, key: string, sep: string, value: string) => {
    if (value.replace(/^["']/, '').startsWith(REDACTED.slice(0, -1))) return match;
    const q = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
    return `${quote}${key}${quote}${sep}${q}${REDACTED}${q}`;
  });
  return out.replace(SECRET_ACCESS_KEY, (word) =>
    looksLikeSecretAccessKey(word) ? REDACTED : word,
  );
}

/** Scrubs a JSON value: secret-named keys lose their value, every string is scrubbed as text. */
export function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value)) return value.map(scrubValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isSecretKey(key) && inner !== null && inner !== '' ? REDACTED : scrubValue(inner);
    }
    return out;
  }
  return value;
}
