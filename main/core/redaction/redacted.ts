/**
 * The one marker for everything scrubbed, wherever it is scrubbed: a secret the run used
 * (`known-secrets.ts`), anything that looks like a credential (`secret-scrubber.ts`), a
 * credential header in an answer or a log line, the session token in a canonical request.
 * One marker, so a person (and a test) recognises a redaction in every view.
 */
export const REDACTED = '<redacted>';

/** Headers (lower-case) whose value is a credential in some auth mode, or a session. */
export const CREDENTIAL_HEADERS: readonly string[] = [
  'authorization',
  'x-api-key',
  'x-amz-security-token',
  'cookie',
];
const CREDENTIAL_HEADER_SET = new Set(CREDENTIAL_HEADERS);

export function isCredentialHeader(name: string): boolean {
  return CREDENTIAL_HEADER_SET.has(name.toLowerCase());
}
