/** Secrets belong in environment secret variables: a request holding a literal one is never written. */
import type { RequestDraftDTO } from '../../../shared/collections.ts';
import { AppError } from '../../../shared/errors.ts';
import { scrubValue } from '../redaction/secret-scrubber.ts';

/** Throws COLLECTION_INVALID when `draft` holds what looks like a literal secret. */
export function assertNoLiteralSecrets(id: string, draft: RequestDraftDTO): void {
  // `{{name}}` references are the right way to use a secret: only literal values are checked.
  const checked = JSON.parse(
    JSON.stringify({
      headers: draft.headers,
      variables: draft.variables,
      url: draft.url,
      auth: draft.auth,
      query: draft.query,
    }).replace(/\{\{\s*[\w.-]+\s*\}\}/g, ''),
  ) as unknown;
  if (JSON.stringify(scrubValue(checked)) !== JSON.stringify(checked)) {
    throw new AppError(
      'COLLECTION_INVALID',
      `${id} holds what looks like a secret (an API key, token, password or AWS key) in its headers, variables, URL or query. ` +
        'Collection files are shared: put the value in an environment secret variable and use {{name}} instead.',
      { id },
    );
  }
}
