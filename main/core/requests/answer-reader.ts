/**
 * Reads a GraphQL answer: the body as JSON when it is, the GraphQL errors with AppSync's
 * `errorType`, and every secret used for the request scrubbed out first (AWS echoes the session
 * token back inside an InvalidSignatureException's canonical string).
 */
import type { GraphQLErrorDTO } from '../../../shared/requests.ts';
import { REDACTED } from './signature-inspector.ts';

export interface ReadAnswer {
  body: unknown;
  bodyIsJson: boolean;
  errors: GraphQLErrorDTO[];
}

/** Request headers that carry a secret in some auth mode. */
const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'x-amz-security-token']);

/** Headers as a person may see them: auth headers redacted, known secret values scrubbed. */
export function redactHeaders(
  headers: Record<string, string>,
  secrets: readonly string[] = [],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : scrubSecrets(value, secrets);
  }
  return out;
}

/** `scrubSecrets` over every string of a JSON-like value (variables, a signature inspection). */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === 'string') return scrubSecrets(value, secrets) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => scrubDeep(item, secrets)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = scrubDeep(inner, secrets);
    return out as T;
  }
  return value;
}

export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Short values could match innocent text; no real key, token or secret is under 8 chars.
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join(REDACTED);
  return out;
}

export function readAnswer(text: string, contentType: string | undefined): ReadAnswer {
  const looksJson = /json/i.test(contentType ?? '') || /^\s*[[{]/.test(text);
  if (!looksJson) return { body: text, bodyIsJson: false, errors: [] };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { body: text, bodyIsJson: false, errors: [] };
  }
  return { body, bodyIsJson: true, errors: graphqlErrors(body) };
}

function graphqlErrors(body: unknown): GraphQLErrorDTO[] {
  if (!body || typeof body !== 'object') return [];
  const list = (body as { errors?: unknown }).errors;
  if (!Array.isArray(list)) return [];
  return list.map((raw): GraphQLErrorDTO => {
    const e = (raw && typeof raw === 'object' ? raw : { message: String(raw) }) as Record<
      string,
      unknown
    >;
    const ext = (e.extensions ?? {}) as Record<string, unknown>;
    const errorType = e.errorType ?? ext.errorType ?? ext.code ?? null;
    return {
      message: typeof e.message === 'string' ? e.message : JSON.stringify(e.message ?? null),
      errorType: typeof errorType === 'string' ? errorType : null,
      path: Array.isArray(e.path) ? (e.path as (string | number)[]) : null,
      locations: Array.isArray(e.locations)
        ? (e.locations as { line: number; column: number }[]).map(({ line, column }) => ({
            line,
            column,
          }))
        : null,
    };
  });
}
