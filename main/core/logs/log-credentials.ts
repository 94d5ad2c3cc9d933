/**
 * AppSync's verbose logs can carry the request's headers — an API key, a bearer token, a session
 * token. The lines come from CloudWatch (whatever the API wrote) and go to the window, so every
 * value of a credential header is redacted before they leave main: in JSON lines by key, at any
 * depth, and in text lines (`authorization: Bearer …`, `"x-api-key":"…"`) by pattern.
 */
import { CREDENTIAL_HEADERS, isCredentialHeader, REDACTED } from '../redaction/redacted.ts';

// A header name (optionally quoted), `:` or `=`, then its value: quoted, or up to the line's end
// or the next separator of a `k=v, k=v` / JSON-ish list.
const IN_TEXT = new RegExp(
  `(["']?(?:${CREDENTIAL_HEADERS.join('|')})["']?\\s*[:=]\\s*)("(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^,;}\\]\\n]+)`,
  'gi',
);

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isCredentialHeader(key) ? REDACTED : redactValue(inner);
    }
    return out;
  }
  return typeof value === 'string' ? redactText(value) : value;
}

function redactText(text: string): string {
  return text.replace(IN_TEXT, (_, name: string, value: string) =>
    value.startsWith('"') || value.startsWith("'")
      ? `${name}${value[0]}${REDACTED}${value[0]}`
      : `${name}${REDACTED}`,
  );
}

/** The line with every credential header's value replaced by the redaction marker. */
export function redactLogLine(message: string): string {
  const text = message.trim();
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      const redacted = JSON.stringify(redactValue(parsed));
      // Unchanged lines keep their own spacing.
      return redacted === JSON.stringify(parsed) ? message : redacted;
    } catch {
      // Not JSON after all: treated as text below.
    }
  }
  return redactText(message);
}
