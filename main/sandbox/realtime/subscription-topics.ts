/**
 * Which subscriptions a mutation reaches, the way AppSync wires them: a `Subscription` field
 * listens to the mutations its `@aws_subscribe(mutations: […])` names; each argument the client
 * set (non-null) must equal the field of the same name in the mutation's result; the event
 * carries the subscription's own selection set over that result.
 */
import {
  executeSync,
  getOperationAST,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

export interface PreparedSubscription {
  /** The root field, e.g. `onUpdateNote`. */
  field: string;
  /** Arguments after variables are applied, e.g. `{ id: 'note-001' }`. */
  args: Record<string, unknown>;
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown>;
  document: DocumentNode;
}

export type Preparation =
  { ok: true; subscription: PreparedSubscription } | { ok: false; errors: unknown[] };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function formatError(error: GraphQLError): Record<string, unknown> {
  return {
    message: error.message,
    locations:
      error.locations?.map(({ line, column }) => ({ line, column, sourceName: null })) ?? null,
    path: null,
  };
}

const unparsable = (message: string) => ({
  ok: false as const,
  errors: [{ errorType: 'BadRequestException', message }],
});

/** Reads a start's `payload.data` (`{"query", "variables", "operationName"}`) against the schema. */
export function prepareSubscription(schema: GraphQLSchema, data: string): Preparation {
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return unparsable('Unable to parse the subscription request: payload.data is not JSON.');
  }
  if (!isRecord(raw) || typeof raw.query !== 'string') {
    return unparsable('Unable to parse GraphQL query.');
  }
  const variables = isRecord(raw.variables) ? raw.variables : {};
  const operationName =
    typeof raw.operationName === 'string' && raw.operationName !== ''
      ? raw.operationName
      : undefined;
  let document: DocumentNode;
  try {
    document = parse(raw.query);
  } catch (error) {
    if (error instanceof GraphQLError) return { ok: false, errors: [formatError(error)] };
    throw error;
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return { ok: false, errors: invalid.map(formatError) };
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== 'subscription') {
    return unparsable('Only subscription operations are served over the real-time endpoint.');
  }
  const roots = operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD);
  if (roots.length !== 1 || operation.selectionSet.selections.length !== 1) {
    return unparsable('A subscription selects exactly one field of the Subscription type.');
  }

  // Executing once over an empty root hands us the arguments exactly as graphql-js coerces
  // them (defaults and variables applied), without re-implementing coercion here.
  let field = '';
  let args: Record<string, unknown> = {};
  const probe = executeSync({
    schema,
    document,
    operationName,
    variableValues: variables,
    rootValue: {},
    fieldResolver: (_source, fieldArgs, _context, info) => {
      if (info.parentType === schema.getSubscriptionType()) {
        field = info.fieldName;
        args = { ...fieldArgs };
      }
      return null;
    },
  });
  if (probe.errors?.length && field === '') {
    return { ok: false, errors: probe.errors.map(formatError) };
  }
  return {
    ok: true,
    subscription: { field, args, query: raw.query, operationName, variables, document },
  };
}

/** Subscription field → the mutation fields it listens to, read from `@aws_subscribe`. */
export function subscribedMutations(schema: GraphQLSchema): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const type = schema.getSubscriptionType();
  for (const field of Object.values(type?.getFields() ?? {})) {
    const directive = field.astNode?.directives?.find((d) => d.name.value === 'aws_subscribe');
    const list = directive?.arguments?.find((a) => a.name.value === 'mutations')?.value;
    const names =
      list?.kind === Kind.LIST
        ? list.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []))
        : [];
    out.set(field.name, new Set(names));
  }
  return out;
}

/** AppSync's argument filter: every argument the subscriber set must match the result. */
export function matchesArguments(
  args: Record<string, unknown>,
  result: Record<string, unknown>,
): boolean {
  return Object.entries(args).every(
    ([name, value]) => value == null || sameValue(result[name], value),
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // IDs arrive as strings from variables and may be numbers in a result (or the reverse).
  return (
    (typeof a === 'number' || typeof a === 'string') &&
    (typeof b === 'number' || typeof b === 'string') &&
    String(a) === String(b)
  );
}

/** The `data` event payload: the subscriber's selection over the mutation's result. */
export function renderEvent(
  subscription: PreparedSubscription,
  schema: GraphQLSchema,
  result: unknown,
): unknown {
  const answer = executeSync({
    schema,
    document: subscription.document,
    operationName: subscription.operationName,
    variableValues: subscription.variables,
    rootValue: { [subscription.field]: result },
  });
  return answer.errors?.length
    ? { data: answer.data ?? null, errors: answer.errors.map(formatError) }
    : { data: answer.data };
}
