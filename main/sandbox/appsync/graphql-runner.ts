/**
 * Runs one GraphQL-over-HTTP request the way AppSync does: reads the operation from a POST body
 * (or GET query parameters), validates and executes it with graphql-js, and answers in AppSync's
 * response shape — `{data}` or `{data, errors:[{path, data, errorType, errorInfo, locations, message}]}`,
 * with `sourceName: null` in every location and validation errors as `{path: null, locations, message}`.
 */
import {
  execute,
  getOperationAST,
  GraphQLError,
  parse,
  validate,
  visit,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { malformedRequest, type AppSyncRefusal } from './appsync-response.ts';
import { DEMO_RESOLVERS, ResolverError, type ResolverContext } from './demo-schema.ts';
import type { FieldAuthorization } from './field-authorization.ts';

export interface GraphQLOperation {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown>;
}

export type OperationRead =
  { ok: true; operation: GraphQLOperation } | { ok: false; refusal: AppSyncRefusal };

const UNPARSABLE = 'Unable to parse GraphQL query.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toOperation(raw: Record<string, unknown>): OperationRead {
  let variables = raw.variables;
  if (typeof variables === 'string') {
    try {
      variables = variables.trim() === '' ? null : JSON.parse(variables);
    } catch {
      return { ok: false, refusal: malformedRequest(UNPARSABLE) };
    }
  }
  if (typeof raw.query !== 'string' || raw.query.trim() === '') {
    return { ok: false, refusal: malformedRequest(UNPARSABLE) };
  }
  if (variables != null && !isRecord(variables))
    return { ok: false, refusal: malformedRequest(UNPARSABLE) };
  const name = raw.operationName;
  return {
    ok: true,
    operation: {
      query: raw.query,
      operationName: typeof name === 'string' && name !== '' ? name : undefined,
      variables: (variables as Record<string, unknown> | null | undefined) ?? {},
    },
  };
}

/** The operation of a POST (JSON body) or GET (`?query=&variables=&operationName=`) request. */
export function readOperation(
  method: string,
  search: URLSearchParams,
  body: Buffer,
): OperationRead {
  if (method === 'GET') {
    return toOperation({
      query: search.get('query') ?? undefined,
      variables: search.get('variables') ?? undefined,
      operationName: search.get('operationName') ?? undefined,
    });
  }
  if (body.length === 0) return { ok: false, refusal: malformedRequest('Request body is empty.') };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, refusal: malformedRequest(UNPARSABLE) };
  }
  return isRecord(parsed)
    ? toOperation(parsed)
    : { ok: false, refusal: malformedRequest(UNPARSABLE) };
}

interface AppSyncErrorEntry {
  path: readonly (string | number)[] | null;
  data?: null;
  errorType?: string | null;
  errorInfo?: Record<string, unknown> | null;
  locations: { line: number; column: number; sourceName: null }[] | null;
  message: string;
}

export interface GraphQLAnswer {
  data?: unknown;
  errors?: AppSyncErrorEntry[];
}

/** Raised by the field-authorization check; becomes AppSync's `errorType: "Unauthorized"`. */
class FieldDenied extends Error {}

function formatError(error: GraphQLError): AppSyncErrorEntry {
  const locations =
    error.locations?.map(({ line, column }) => ({ line, column, sourceName: null })) ?? null;
  if (!error.path) return { path: null, locations, message: error.message };
  const original = error.originalError;
  return {
    path: error.path,
    data: null,
    errorType:
      original instanceof ResolverError
        ? original.errorType
        : original instanceof FieldDenied
          ? 'Unauthorized'
          : null,
    errorInfo: original instanceof ResolverError ? original.errorInfo : null,
    locations,
    message: error.message,
  };
}

/**
 * graphql-js 17 parses `{ }` (an empty selection set, graphql-spec#1227); AppSync's parser does
 * not, so each one is the syntax error graphql-js gave before, at its closing brace.
 */
function emptySelectionSets(document: DocumentNode): GraphQLError[] {
  const errors: GraphQLError[] = [];
  visit(document, {
    SelectionSet(node) {
      if (node.selections.length > 0 || !node.loc) return;
      errors.push(
        new GraphQLError('Syntax Error: Expected Name, found "}".', {
          source: node.loc.source,
          positions: [node.loc.end - 1],
        }),
      );
    },
  });
  return errors;
}

function requestErrors(errors: readonly GraphQLError[]): GraphQLAnswer {
  return { data: null, errors: errors.map(formatError) };
}

export interface RunOptions {
  schema: GraphQLSchema;
  fields: FieldAuthorization;
  context: ResolverContext;
}

export async function runOperation(
  operation: GraphQLOperation,
  options: RunOptions,
): Promise<GraphQLAnswer> {
  let document: DocumentNode;
  try {
    document = parse(operation.query);
  } catch (error) {
    if (error instanceof GraphQLError) return requestErrors([error]);
    throw error;
  }
  const syntaxErrors = emptySelectionSets(document);
  if (syntaxErrors.length > 0) return requestErrors(syntaxErrors.slice(0, 1));
  const validationErrors = validate(options.schema, document);
  if (validationErrors.length > 0) return requestErrors(validationErrors);
  const definition = getOperationAST(document, operation.operationName);
  if (definition?.operation === 'subscription') {
    return requestErrors([
      new GraphQLError(
        'Subscriptions are served over the real-time WebSocket endpoint, not over HTTP.',
        {
          nodes: definition,
        },
      ),
    ]);
  }

  const fieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = (
    source,
    args,
    context,
    info,
  ) => {
    const denial = options.fields.denial(info.parentType.name, info.fieldName, context.caller);
    if (denial) throw new FieldDenied(denial);
    const resolver = DEMO_RESOLVERS[info.parentType.name]?.[info.fieldName];
    if (resolver) return resolver(source, args, context);
    return isRecord(source) ? source[info.fieldName] : undefined;
  };

  const result = await execute({
    schema: options.schema,
    document,
    operationName: operation.operationName,
    variableValues: operation.variables,
    contextValue: options.context,
    fieldResolver,
    abortSignal: options.context.signal,
  });
  const answer: GraphQLAnswer = { data: result.data ?? null };
  if (result.errors?.length) answer.errors = result.errors.map(formatError);
  return answer;
}
