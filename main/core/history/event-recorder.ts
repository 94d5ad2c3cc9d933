/**
 * Turns what the Events engine reports (a publish, a channel subscription that ended) into a
 * history record. Only the shape is kept: kind, channel, how many events went and how many
 * AppSync took, status and errors. Event payloads are never stored: unlike a GraphQL query
 * they are the application's data, and anything in them (a token a client publishes) would
 * otherwise sit in the database.
 */
import type { HistoryStatus } from '../../../shared/history.ts';
import type { ChannelRecord, PublishRecord } from '../events/events-service.ts';
import type { HistoryRecordInput } from './history-record.ts';
import type { RecordContext } from './run-recorder.ts';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export function publishRecord(record: PublishRecord, context: RecordContext): HistoryRecordInput {
  const result = record.result;
  let status: HistoryStatus = 'success';
  if (record.error?.code === 'CANCELLED') status = 'cancelled';
  else if (!result || result.failed.length > 0) status = 'error';
  const sent = record.events.length;
  const summary = result
    ? `${plural(sent, 'event')} published to ${record.channel} over ${result.transport}: ${result.successful.length} accepted, ${result.failed.length} refused`
    : `${plural(sent, 'event')} not published to ${record.channel}`;
  return {
    time: Date.parse(record.at),
    endpoint: { id: null, name: null, url: record.url },
    profile: record.profile,
    account: context.accountOf(record.profile),
    authMode: record.authMode,
    operationName: `publish ${record.channel}`,
    operationType: 'publish',
    query: summary,
    variables: null,
    status,
    httpStatus: result?.httpStatus ?? null,
    durationMs: result?.durationMs ?? null,
    // AppSync's answer names events by id and index; it carries none of their content.
    response: result
      ? JSON.stringify({ successful: result.successful, failed: result.failed })
      : null,
    errors: result
      ? result.failed.map((f) => ({
          message: `event ${f.index + 1}: ${f.message}`,
          errorType: f.code,
        }))
      : record.error
        ? [{ message: record.error.message, errorType: record.error.code }]
        : [],
    source: context.source,
  };
}

export function channelRecord(record: ChannelRecord, context: RecordContext): HistoryRecordInput {
  const startedAt = Date.parse(record.startedAt);
  const endedAt = Date.parse(record.endedAt);
  return {
    time: startedAt,
    endpoint: { id: null, name: null, url: record.url },
    profile: record.profile,
    account: context.accountOf(record.profile),
    authMode: record.authMode,
    operationName: `subscribe ${record.channel}`,
    operationType: 'channel',
    query: `subscribed to ${record.channel}: ${plural(record.messageCount, 'event')} received`,
    variables: null,
    status: record.errors.length > 0 || record.status === 'failed' ? 'error' : 'success',
    httpStatus: null,
    durationMs: endedAt - startedAt,
    response: null,
    errors: record.errors.map((e) => ({ message: e.message, errorType: e.code })),
    source: context.source,
    subscription: { startedAt, stoppedAt: endedAt, messageCount: record.messageCount },
  };
}
