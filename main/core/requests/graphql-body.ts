/** The GraphQL request a pasted command sends: `{query, variables, operationName}` as JSON. */
import type { CurlImportDTO } from '../../../shared/curl-import.ts';
import { AppError } from '../../../shared/errors.ts';

/** The GraphQL request in a JSON body, or in a GET's query string. */
export function graphqlOf(
  body: string,
  url: string,
): Pick<CurlImportDTO, 'query' | 'variables' | 'operationName'> {
  let json: unknown;
  if (body) {
    try {
      json = JSON.parse(body);
    } catch {
      throw new AppError(
        'INVALID_INPUT',
        'The body is not JSON: a GraphQL request sends {"query": …}.',
      );
    }
  } else {
    const params = new URL(url).searchParams;
    json = {
      query: params.get('query'),
      variables: params.get('variables'),
      operationName: params.get('operationName'),
    };
  }
  if (Array.isArray(json))
    throw new AppError('INVALID_INPUT', 'The body is a batch of requests: paste one at a time.');
  const { query, variables, operationName } = (json ?? {}) as Record<string, unknown>;
  if (typeof query !== 'string' || !query.trim()) {
    throw new AppError('INVALID_INPUT', 'The body has no GraphQL "query".');
  }
  let vars = variables;
  if (typeof vars === 'string') {
    try {
      vars = vars.trim() ? JSON.parse(vars) : null;
    } catch {
      throw new AppError('INVALID_INPUT', 'The "variables" are not JSON.');
    }
  }
  if (vars !== null && vars !== undefined && (typeof vars !== 'object' || Array.isArray(vars))) {
    throw new AppError('INVALID_INPUT', 'The "variables" are not a JSON object.');
  }
  return {
    query,
    variables: vars && Object.keys(vars).length ? JSON.stringify(vars, null, 2) : '',
    operationName: typeof operationName === 'string' && operationName ? operationName : null,
  };
}
