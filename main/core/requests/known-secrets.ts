/**
 * Removes the secret values a run used (session token, secret key, API key, JWT, a collection's
 * secret variables) from whatever the other side said, in every form an echo takes: raw,
 * JSON-escaped (`\/`, `\u002b`, escaped again inside an embedded JSON string) and URL-encoded.
 * A hostile or compromised endpoint can echo what it received; this is what keeps it in main.
 */
import { REDACTED } from './signature-inspector.ts';

/** Short values could match innocent text; no real key, token or secret is under 8 chars. */
const MIN_SECRET_LENGTH = 8;

/** Characters JSON (and JS) may write as a backslash before the character itself. */
const SELF_ESCAPED = new Set(['/', '"', '\\', "'"]);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Every way one character of a secret may be written in an echo. */
function characterForms(char: string): string {
  const code = char.charCodeAt(0);
  const hex4 = code.toString(16).padStart(4, '0');
  const forms = [escapeRegExp(char), `\\\\+u${hex4}`];
  if (code < 0x100) forms.push(`\\\\+x${hex4.slice(2)}`);
  if (SELF_ESCAPED.has(char)) forms.push(`\\\\+${escapeRegExp(char)}`);
  const percent = encodeURIComponent(char);
  if (percent !== char) forms.push(escapeRegExp(percent));
  else if (code < 0x80) forms.push(`%${hex4.slice(2)}`);
  return `(?:${forms.join('|')})`;
}

function secretPattern(secret: string): string {
  let pattern = '';
  for (const char of secret) {
    // Outside the BMP (two UTF-16 units): raw or percent-encoded; no token is written so.
    pattern +=
      char.length === 1
        ? characterForms(char)
        : `(?:${escapeRegExp(char)}|${escapeRegExp(encodeURIComponent(char))})`;
  }
  return pattern;
}

/** One matcher per set of secrets; a run builds it once and applies it to every field. */
export class KnownSecrets {
  readonly values: readonly string[];
  readonly #raw: string[];
  readonly #encoded: RegExp | null;

  constructor(secrets: Iterable<string>) {
    const unique = [...new Set([...secrets].filter((s) => s.length >= MIN_SECRET_LENGTH))];
    // Longest first: a secret that contains another is removed whole.
    unique.sort((a, b) => b.length - a.length);
    this.values = unique;
    this.#raw = unique;
    this.#encoded = unique.length ? new RegExp(unique.map(secretPattern).join('|'), 'gi') : null;
  }

  scrub(text: string): string {
    if (!this.#encoded) return text;
    let out = text;
    for (const secret of this.#raw)
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    // Only text with an escape or a percent sign can hold an encoded form: skip the slow pass.
    return /[\\%]/.test(out) ? out.replace(this.#encoded, REDACTED) : out;
  }

  /** `scrub` over every string (and key) of a JSON-like value. */
  scrubDeep<T>(value: T): T {
    if (!this.#encoded) return value;
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
}
