/**
 * The local AppSync-compatible GraphQL endpoint: `POST /graphql` (and GET with query parameters),
 * every request authorized for real under the API's enabled modes before any resolver runs.
 * Plugs into the sandbox's one HTTP server as `handle(req, res, body)`, returning false for
 * requests that are not its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphQLSchema } from 'graphql';
import type { IdentityStore } from '../identity-store.ts';
import { ApiKeyRing } from './api-key-ring.ts';
import {
  appSyncHeaders,
  newRequestId,
  refusal,
  sendJson,
  sendRefusal,
} from './appsync-response.ts';
import type { ApiKeyEntry, AppSyncApiConfig, AppSyncAuthMode } from './auth-config.ts';
import { DemoNotes } from './demo-notes.ts';
import { buildDemoSchema } from './demo-schema.ts';
import { FieldAuthorization } from './field-authorization.ts';
import { readOperation, runOperation } from './graphql-runner.ts';
import { APPSYNC_DOMAIN_HEADER, privateApiHeaders } from './private-api.ts';
import { RequestAuthorizer } from './request-authorizer.ts';

export const GRAPHQL_PATH = '/graphql';

export interface AppSyncHandlerOptions {
  api: AppSyncApiConfig;
  /** Shared with the local STS/SSO, so their temporary credentials are honoured here too. */
  identities: Pick<IdentityStore, 'lookup'>;
  apiKeys?: ApiKeyEntry[];
  clock?: { now(): number };
  /** IAM policy stand-in: may this principal call `appsync:GraphQL`? Default: every known one. */
  iamAllows?: (principal: { arn: string; accountId: string }) => boolean;
}

/** One line per request the endpoint saw, for tests and the sandbox console. Never a secret. */
export interface AppSyncRequestRecord {
  requestId: string;
  at: number;
  method: string;
  authMode: AppSyncAuthMode | null;
  operationName: string | null;
  status: number;
  errorType: string | null;
  /** The client went away before the answer was written. */
  aborted: boolean;
  /** The `Host` the request arrived with, and its `x-appsync-domain` (private APIs). */
  host: string | null;
  appSyncDomain: string | null;
}

export interface AppSyncHandler {
  readonly api: AppSyncApiConfig;
  readonly apiKeys: ApiKeyRing;
  readonly notes: DemoNotes;
  /** Handles `/graphql`; returns false (and writes nothing) for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): boolean;
  recentRequests(): AppSyncRequestRecord[];
  /** Resolves when every request in flight has been answered or abandoned. */
  idle(): Promise<void>;
}

const KEEP_RECORDS = 200;

export function createAppSyncHandler(options: AppSyncHandlerOptions): AppSyncHandler {
  const clock = options.clock ?? Date;
  const apiKeys = new ApiKeyRing();
  for (const key of options.apiKeys ?? []) apiKeys.add(key);
  const notes = new DemoNotes(clock);
  const schema: GraphQLSchema = buildDemoSchema();
  const fields = new FieldAuthorization(schema, options.api.primary.mode, options.api.apiId);
  const authorizer = new RequestAuthorizer(options.api, {
    identities: options.identities,
    apiKeys,
    clock,
    ...(options.iamAllows ? { iamAllows: options.iamAllows } : {}),
  });
  const records: AppSyncRequestRecord[] = [];
  const inFlight = new Set<Promise<void>>();

  async function serve(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: Buffer,
  ): Promise<void> {
    const requestId = newRequestId();
    const headers = appSyncHeaders(clock.now(), requestId);
    const method = req.method ?? 'GET';
    const record: AppSyncRequestRecord = {
      requestId,
      at: clock.now(),
      method,
      authMode: null,
      operationName: null,
      status: 0,
      errorType: null,
      aborted: false,
      host: req.headers.host ?? null,
      appSyncDomain: single(req.headers[APPSYNC_DOMAIN_HEADER]),
    };
    records.push(record);
    if (records.length > KEEP_RECORDS) records.shift();

    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) {
        record.aborted = true;
        controller.abort(new Error('The client closed the connection.'));
      }
    });

    if (method !== 'POST' && method !== 'GET') {
      const failure = refusal(
        405,
        'MethodNotAllowedException',
        `${method} is not supported on ${GRAPHQL_PATH}; send POST (or GET with query parameters).`,
      );
      record.status = failure.status;
      record.errorType = failure.errorType;
      sendRefusal(res, { ...headers, Allow: 'GET, POST' }, failure);
      return;
    }

    const reached = privateApiHeaders(options.api, req.headers);
    if (!reached.ok) {
      record.status = reached.refusal.status;
      record.errorType = reached.refusal.errorType;
      sendRefusal(res, headers, reached.refusal);
      return;
    }
    const read = readOperation(method, url.searchParams, body);
    record.operationName = read.ok ? (read.operation.operationName ?? null) : null;
    const outcome = await authorizer.authorize({
      method,
      rawPath: req.url ?? GRAPHQL_PATH,
      headers: reached.headers,
      body,
      requestId,
      operation: read.ok ? read.operation : { query: '', operationName: undefined, variables: {} },
    });
    if (!outcome.ok) {
      record.status = outcome.refusal.status;
      record.errorType = outcome.refusal.errorType;
      sendRefusal(res, headers, outcome.refusal);
      return;
    }
    record.authMode = outcome.identity.mode;
    if (!read.ok) {
      record.status = read.refusal.status;
      record.errorType = read.refusal.errorType;
      sendRefusal(res, headers, read.refusal);
      return;
    }

    const answer = await runOperation(read.operation, {
      schema,
      fields,
      context: { caller: outcome.identity, notes, signal: controller.signal },
    });
    if (controller.signal.aborted || res.destroyed) return;
    record.status = 200;
    sendJson(res, 200, headers, answer);
  }

  return {
    api: options.api,
    apiKeys,
    notes,
    handle(req, res, body) {
      const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
      if (url.pathname !== GRAPHQL_PATH) return false;
      const work = serve(req, res, url, body).catch((error: unknown) => {
        // Resolver and framework errors carry no credentials; the sandbox console is for people.
        console.error('AppSync sandbox: a request failed inside the sandbox:', error);
        if (res.headersSent || res.destroyed) {
          res.destroy();
          return;
        }
        const failure = refusal(
          500,
          'InternalFailure',
          'The sandbox failed to answer this request; see its console.',
        );
        sendRefusal(res, appSyncHeaders(clock.now(), newRequestId()), failure);
      });
      inFlight.add(work);
      void work.finally(() => inFlight.delete(work));
      return true;
    },
    recentRequests: () => records.map((record) => ({ ...record })),
    idle: async () => {
      await Promise.all([...inFlight]);
    },
  };
}

function single(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
