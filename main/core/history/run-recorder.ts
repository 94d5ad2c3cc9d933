/**
 * Turns what the engines report after each run (a request, a subscription) into a history
 * record. Both inputs are already redacted; history scrubs free text once more on its own.
 */
import type {
  HistoryEndpointRef,
  HistorySource,
  HistoryStatus,
  HistoryTestsDTO,
} from '../../../shared/history.ts';
import type { SubscriptionRecord } from '../realtime/realtime-service.ts';
import { operationTypeOf } from '../requests/operation-type.ts';
import type { CompletedRun } from '../requests/request-service.ts';
import type { HistoryRecordInput } from './history-record.ts';

export interface RecordContext {
  source: HistorySource;
  /** The endpoint's saved name, when the run used a saved endpoint. */
  endpointName(id: string): string | null;
  /** The account a profile resolved to, when the app already knows it. */
  accountOf(profile: string | null): string | null;
}

/** `query Name …` → "Name": what the list shows when the run did not name its operation. */
export function firstOperationName(query: string): string | null {
  return (
    /^\s*(?:#[^\n]*\n\s*)*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(
      query,
    )?.[1] ?? null
  );
}

export function requestRecord(
  run: CompletedRun,
  context: RecordContext,
  tests: HistoryTestsDTO | null = null,
): HistoryRecordInput {
  const result = run.result;
  let status: HistoryStatus = 'success';
  if (run.error?.code === 'CANCELLED') status = 'cancelled';
  else if (!result || result.status >= 400 || result.errors.length > 0) status = 'error';
  const endpoint: HistoryEndpointRef = {
    id: run.endpointId,
    name: run.endpointId ? context.endpointName(run.endpointId) : null,
    url: run.url,
  };
  return {
    time: Date.parse(run.startedAt),
    endpoint,
    profile: run.profile,
    account: context.accountOf(run.profile),
    authMode: run.authMode,
    operationName: run.operationName ?? firstOperationName(run.query),
    operationType: operationTypeOf(run.query),
    query: run.query,
    variables: run.variables,
    status,
    httpStatus: result?.status ?? null,
    durationMs: run.durationMs,
    response:
      result === null
        ? null
        : typeof result.body === 'string'
          ? result.body
          : JSON.stringify(result.body),
    errors: result
      ? result.errors.map((e) => ({ message: e.message, errorType: e.errorType }))
      : run.error
        ? [{ message: run.error.message, errorType: run.error.code }]
        : [],
    source: context.source,
    tests,
  };
}

export function subscriptionRecord(
  record: SubscriptionRecord,
  context: RecordContext,
): HistoryRecordInput {
  const startedAt = Date.parse(record.startedAt);
  return {
    time: startedAt,
    endpoint: { id: null, name: null, url: record.graphqlUrl },
    profile: record.profile,
    account: context.accountOf(record.profile),
    authMode: record.authMode,
    operationName: record.operationName ?? firstOperationName(record.query),
    operationType: 'subscription',
    query: record.query,
    variables: record.variables,
    status: record.errors.length > 0 || record.status === 'failed' ? 'error' : 'success',
    httpStatus: null,
    durationMs: record.endedAt ? Date.parse(record.endedAt) - startedAt : null,
    response: null,
    errors: record.errors.map((e) => ({ message: e.message, errorType: e.code })),
    source: context.source,
    subscription: {
      startedAt,
      stoppedAt: record.endedAt ? Date.parse(record.endedAt) : null,
      messageCount: record.messageCount,
    },
  };
}
