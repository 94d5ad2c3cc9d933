/**
 * Removes the secret values a run used (session token, secret key, API key, JWT, a collection's
 * secret variables) from whatever the other side said, in every form an echo takes: raw,
 * JSON-escaped (`\/`, `\u002b`, escaped again inside an embedded JSON string, `\x2b`) and
 * URL-encoded (`%2B`, `%2b`), in any mix. A hostile or compromised endpoint can echo what it
 * received; this is what keeps it in main.
 *
 * Not one regular expression: a session token is ~1,000 characters, and a pattern with every
 * form of each of them is too large for V8 to run fast. Raw copies go with split/join; the
 * encoded forms are found in one pass that tries a secret only where its first character (in
 * any form) starts, and walks it character by character.
 */
import { REDACTED } from './redacted.ts';

/** Short values could match innocent text; no real key, token or secret is under 8 chars. */
const MIN_SECRET_LENGTH = 8;

const BACKSLASH = 0x5c;
const PERCENT = 0x25;

/** Characters JSON (and JS) may write as a backslash before the character itself. */
const SELF_ESCAPED = new Set(['/', '"', '\\', "'"]);

function hexAt(text: string, at: number, digits: number): number {
  const hex = text.slice(at, at + digits);
  return hex.length === digits && /^[0-9a-fA-F]+$/.test(hex) ? parseInt(hex, 16) : -1;
}

/** Where one UTF-16 unit `char` of a secret ends if it is written at `at`, or -1. */
function unitEnd(text: string, at: number, char: string): number {
  const code = char.charCodeAt(0);
  const first = text.charCodeAt(at);
  if (first === PERCENT && code < 0x80 && hexAt(text, at + 1, 2) === code) return at + 3;
  if (first === BACKSLASH) {
    let next = at;
    while (text.charCodeAt(next) === BACKSLASH) next += 1;
    const kind = text[next];
    if (kind === 'u' && hexAt(text, next + 1, 4) === code) return next + 5;
    if (kind === 'x' && hexAt(text, next + 1, 2) === code) return next + 3;
    if (kind === char && SELF_ESCAPED.has(char)) return next + 1;
  }
  return first === code ? at + 1 : -1;
}

/** Where `secret` ends if some form of it starts at `at`, or -1. */
function secretEnd(text: string, at: number, secret: string): number {
  let position = at;
  for (const char of secret) {
    if (char.length === 1) {
      position = unitEnd(text, position, char);
    } else {
      // Outside the BMP: raw or percent-encoded (UTF-8); no token is written so.
      const percent = encodeURIComponent(char);
      if (text.startsWith(char, position)) position += char.length;
      else if (text.slice(position, position + percent.length).toUpperCase() === percent) {
        position += percent.length;
      } else position = -1;
    }
    if (position < 0) return -1;
  }
  return position;
}

/** One matcher per set of secrets; a run builds it once and applies it to every field. */
export class KnownSecrets {
  readonly values: readonly string[];
  /** The characters an encoded form can start with: an escape, or a secret's first one. */
  readonly #starts: string[];

  constructor(secrets: Iterable<string>) {
    const unique = [...new Set([...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH))];
    // Longest first: a secret that contains another is removed whole.
    unique.sort((a, b) => b.length - a.length);
    this.values = unique;
    this.#starts = [...new Set(['\\', '%', ...unique.map((secret) => secret[0]!)])];
  }

  scrub(text: string): string {
    if (this.values.length === 0) return text;
    let out = text;
    for (const secret of this.values) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    // Only text with an escape or a percent sign can hold an encoded form: skip the slow pass.
    return out.includes('\\') || out.includes('%') ? this.#scrubEncoded(out) : out;
  }

  /** `scrub` over every string (and key) of a JSON-like value. */
  scrubDeep<T>(value: T): T {
    if (this.values.length === 0) return value;
    if (typeof value === 'string') return this.scrub(value) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => this.scrubDeep(item)) as T;
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value))
        out[this.scrub(key)] = this.scrubDeep(inner);
      return out as T;
    }
    return value;
  }

  #scrubEncoded(text: string): string {
    // indexOf runs natively: far faster over a large body than reading it char by char here.
    const found: [number, number][] = [];
    for (const start of this.#starts) {
      for (let at = text.indexOf(start); at >= 0; at = text.indexOf(start, at + 1)) {
        for (const secret of this.values) {
          const end = secretEnd(text, at, secret);
          if (end < 0) continue;
          found.push([at, end]);
          break;
        }
      }
    }
    if (found.length === 0) return text;
    found.sort((a, b) => a[0] - b[0]);
    const parts: string[] = [];
    let copied = 0;
    for (const [start, end] of found) {
      if (start < copied) continue;
      parts.push(text.slice(copied, start), REDACTED);
      copied = end;
    }
    parts.push(text.slice(copied));
    return parts.join('');
  }
}
