/**
 * Reads a GraphQL answer: the body as JSON when it is, the GraphQL errors with AppSync's
 * `errorType`, and every secret used for the request scrubbed out first (AWS echoes the session
 * token back inside an InvalidSignatureException's canonical string).
 */
import type { GraphQLErrorDTO } from '../../../shared/requests.ts';
import { KnownSecrets } from '../redaction/known-secrets.ts';
import { isCredentialHeader, REDACTED } from '../redaction/redacted.ts';

export interface ReadAnswer {
  body: unknown;
  bodyIsJson: boolean;
  errors: GraphQLErrorDTO[];
}

/** Headers as a person may see them: auth headers redacted, known secret values scrubbed. */
export function redactHeaders(
  headers: Record<string, string>,
  known: KnownSecrets,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = isCredentialHeader(name) ? REDACTED : known.scrub(value);
  }
  return out;
}

/** The known secrets removed from `text`, in every form (see known-secrets.ts). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  return new KnownSecrets(secrets).scrub(text);
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
