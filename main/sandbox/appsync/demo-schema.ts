/**
 * The demo API's schema and resolvers. Every type opens to every auth mode except
 * `Query.adminStats` (IAM only), so one workspace shows both the common case and AppSync's
 * field-level denial. `slow` and `fail` exist for the client's cancellation, timeout and
 * error-explanation paths.
 */
import { buildSchema, type GraphQLSchema } from 'graphql';
import type { CallerIdentity } from './auth-config.ts';
import { ConditionFailedError, type DemoNotes, type Note, type Priority } from './demo-notes.ts';

const ALL_MODES = '@aws_iam @aws_api_key @aws_oidc @aws_cognito_user_pools @aws_lambda';

/** AppSync's resolver timeout; `slow` never waits longer. */
export const RESOLVER_TIMEOUT_MS = 30_000;

export const DEMO_SDL = /* GraphQL */ `
directive @aws_iam on OBJECT | FIELD_DEFINITION
directive @aws_api_key on OBJECT | FIELD_DEFINITION
directive @aws_oidc on OBJECT | FIELD_DEFINITION
directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION
directive @aws_lambda on OBJECT | FIELD_DEFINITION
directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION

"An ISO 8601 date-time in UTC, AppSync's built-in scalar."
scalar AWSDateTime
"A JSON value sent as a string, AppSync's built-in scalar."
scalar AWSJSON

enum Priority {
  LOW
  NORMAL
  HIGH
}

"A note in the sandbox's demo notebook."
type Note ${ALL_MODES} {
  id: ID!
  title: String!
  body: String
  tags: [String!]!
  done: Boolean!
  priority: Priority!
  "Bumped on every update; pass it as expectedVersion to update safely."
  version: Int!
  createdAt: AWSDateTime!
  updatedAt: AWSDateTime!
}

type NoteConnection ${ALL_MODES} {
  items: [Note!]!
  "Pass to listNotes to get the next page; null on the last page."
  nextToken: String
}

"Who the API thinks is calling, and through which auth mode. Never a secret."
type Caller ${ALL_MODES} {
  authMode: String!
  accountId: String
  arn: String
  userId: String
  sub: String
  issuer: String
  apiKeyDescription: String
  resolverContext: AWSJSON
}

type SlowResult ${ALL_MODES} {
  waitedMs: Int!
  message: String
}

type AdminStats @aws_iam {
  noteCount: Int!
}

type Query ${ALL_MODES} {
  getNote(id: ID!): Note
  listNotes(limit: Int, nextToken: String, tag: String, done: Boolean): NoteConnection!
  whoami: Caller!
  "Answers after ms milliseconds (at most ${RESOLVER_TIMEOUT_MS}, AppSync's resolver timeout)."
  slow(ms: Int!, message: String): SlowResult!
  "Always fails with a GraphQL error of the given errorType (default DemoError)."
  fail(errorType: String, message: String): String
  "IAM callers only: any other mode gets AppSync's field-level Unauthorized error."
  adminStats: AdminStats @aws_iam
}

input CreateNoteInput {
  title: String!
  body: String
  tags: [String!]
  priority: Priority
}

input UpdateNoteInput {
  id: ID!
  "When set, the update applies only if the note is still at this version."
  expectedVersion: Int
  title: String
  body: String
  tags: [String!]
  done: Boolean
  priority: Priority
}

type Mutation ${ALL_MODES} {
  createNote(input: CreateNoteInput!): Note!
  updateNote(input: UpdateNoteInput!): Note
  deleteNote(id: ID!): Note
}

type Subscription ${ALL_MODES} {
  onCreateNote: Note @aws_subscribe(mutations: ["createNote"])
  onUpdateNote(id: ID): Note @aws_subscribe(mutations: ["updateNote"])
  onDeleteNote: Note @aws_subscribe(mutations: ["deleteNote"])
}
`;

export function buildDemoSchema(): GraphQLSchema {
  return buildSchema(DEMO_SDL);
}

/** A resolver failure in AppSync's terms: `errorType` and `errorInfo` reach the client as-is. */
export class ResolverError extends Error {
  readonly errorType: string;
  readonly errorInfo: Record<string, unknown> | null;

  constructor(
    errorType: string,
    message: string,
    errorInfo: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.errorType = errorType;
    this.errorInfo = errorInfo;
  }
}

export interface ResolverContext {
  caller: CallerIdentity;
  notes: DemoNotes;
  /** Aborted when the client goes away, so slow work stops with it. */
  signal: AbortSignal;
}

type Args = Record<string, unknown>;
type Resolver = (source: unknown, args: Args, context: ResolverContext) => unknown;

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function callerView(caller: CallerIdentity): Record<string, unknown> {
  switch (caller.mode) {
    case 'AWS_IAM':
      return {
        authMode: caller.mode,
        accountId: caller.accountId,
        arn: caller.userArn,
        userId: caller.userId,
      };
    case 'API_KEY':
      return { authMode: caller.mode, apiKeyDescription: caller.apiKeyDescription };
    case 'OPENID_CONNECT':
    case 'AMAZON_COGNITO_USER_POOLS':
      return { authMode: caller.mode, sub: caller.sub, issuer: caller.issuer };
    case 'AWS_LAMBDA':
      return { authMode: caller.mode, resolverContext: JSON.stringify(caller.resolverContext) };
  }
}

function conditionFailed(error: unknown): never {
  if (error instanceof ConditionFailedError) {
    throw new ResolverError(
      'DynamoDB:ConditionalCheckFailedException',
      `The conditional request failed (${error.message})`,
      {
        id: error.noteId,
      },
    );
  }
  throw error;
}

export const DEMO_RESOLVERS: Record<string, Record<string, Resolver>> = {
  Query: {
    getNote: (_s, args, ctx) => ctx.notes.get(String(args.id)),
    listNotes: (_s, args, ctx) => {
      try {
        return ctx.notes.list(args as Parameters<DemoNotes['list']>[0]);
      } catch (error) {
        if (error instanceof RangeError)
          throw new ResolverError('InvalidNextTokenException', error.message);
        throw error;
      }
    },
    whoami: (_s, _args, ctx) => callerView(ctx.caller),
    slow: async (_s, args, ctx) => {
      const asked = Math.max(0, Number(args.ms));
      await wait(Math.min(asked, RESOLVER_TIMEOUT_MS), ctx.signal);
      if (asked > RESOLVER_TIMEOUT_MS)
        throw new ResolverError('ExecutionTimeout', 'Execution timed out.');
      return { waitedMs: asked, message: args.message ?? null };
    },
    fail: (_s, args) => {
      throw new ResolverError(
        typeof args.errorType === 'string' ? args.errorType : 'DemoError',
        typeof args.message === 'string' ? args.message : 'This field always fails, on purpose.',
        { reason: 'requested by the caller' },
      );
    },
    adminStats: (_s, _args, ctx) => ({ noteCount: ctx.notes.count }),
  },
  Mutation: {
    createNote: (_s, args, ctx) =>
      ctx.notes.create(args.input as { title: string; priority?: Priority }),
    updateNote: (_s, args, ctx) => {
      try {
        return ctx.notes.update(args.input as Partial<Note> & { id: string });
      } catch (error) {
        return conditionFailed(error);
      }
    },
    deleteNote: (_s, args, ctx) => ctx.notes.delete(String(args.id)),
  },
};
