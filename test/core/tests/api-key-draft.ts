/** A saved request for tests against the sandbox: its URL and API key from `{{variables}}`. */
import type { RequestDraftDTO } from '../../../shared/collections.ts';
import { noRequestTests } from '../../../shared/request-tests.ts';

export function apiKeyDraft(
  name: string,
  query: string,
  more: Partial<RequestDraftDTO> = {},
): RequestDraftDTO {
  return {
    name,
    query,
    operationName: null,
    variables: {},
    headers: {},
    endpointRef: null,
    url: '{{apiUrl}}',
    auth: { type: 'API_KEY', value: '{{apiKey}}' },
    profile: null,
    ...noRequestTests(),
    ...more,
  };
}
