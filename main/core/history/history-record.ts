/**
 * What a finished run hands to history, and how it is made safe to store. The input type has
 * no header map and no credential field: the recorder cannot be given a secret by accident,
 * and the free-text fields are scrubbed on top of that.
 */
import type { AuthModeType } from '../../../shared/endpoints.ts';
import type {
  HistoryEndpointRef,
  HistoryErrorDTO,
  HistoryOperationType,
  HistorySource,
  HistoryStatus,
  HistorySubscriptionDTO,
  HistoryTestsDTO,
} from '../../../shared/history.ts';
import { scrubText, scrubValue } from '../redaction/secret-scrubber.ts';

export interface HistoryRecordInput {
  /** When the run started, ms since the epoch. */
  time: number;
  endpoint: HistoryEndpointRef;
  profile: string | null;
  account: string | null;
  authMode: AuthModeType | null;
  operationName: string | null;
  operationType: HistoryOperationType | null;
  query: string;
  variables: unknown;
  status: HistoryStatus;
  httpStatus: number | null;
  durationMs: number | null;
  /** The response body as received; it is scrubbed and capped before it is stored. */
  response: string | null;
  errors: HistoryErrorDTO[];
  source: HistorySource;
  subscription?: HistorySubscriptionDTO | null;
  /** A saved request's test outcome: counts and failed names only, never values. */
  tests?: HistoryTestsDTO | null;
}

export const DEFAULT_RESPONSE_CAP_BYTES = 256 * 1024;

/** The row as it is written: every text field scrubbed, the big ones capped. */
export interface StoredRecord {
  time: number;
  endpointId: string | null;
  endpointName: string | null;
  endpointUrl: string;
  profile: string | null;
  account: string | null;
  authMode: string | null;
  operationName: string | null;
  operationType: string | null;
  query: string;
  variables: string | null;
  status: string;
  httpStatus: number | null;
  durationMs: number | null;
  response: string | null;
  responseTruncated: number;
  responseBytes: number | null;
  errors: string;
  errorCount: number;
  firstError: string | null;
  source: string;
  subStarted: number | null;
  subStopped: number | null;
  subMessages: number | null;
  tests: string | null;
}

/** Cuts UTF-8 text to at most `cap` bytes without splitting a character. */
export function truncateUtf8(text: string, cap: number): { text: string; truncated: boolean } {
  // A UTF-16 unit takes 1 to 3 bytes: decide without encoding when the length alone tells.
  if (text.length * 3 <= cap) return { text, truncated: false };
  const bytes = Buffer.from(text.length > cap ? text.slice(0, cap) : text, 'utf8');
  if (text.length <= cap && bytes.length <= cap) return { text, truncated: false };
  let end = Math.min(cap, bytes.length);
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return { text: bytes.subarray(0, end).toString('utf8'), truncated: true };
}

function capAndScrub(text: string, cap: number): { text: string; truncated: boolean } {
  // Scrub before the final cut so a secret straddling the cap can't survive as a prefix.
  const margin = text.length > cap + 8192 ? text.slice(0, cap + 8192) : text;
  const capped = truncateUtf8(scrubText(margin), cap);
  return { text: capped.text, truncated: capped.truncated || margin !== text };
}

export function toStoredRecord(input: HistoryRecordInput, cap: number): StoredRecord {
  const response = input.response === null ? null : capAndScrub(input.response, cap);
  const errors = input.errors.map((error) => ({
    message: scrubText(error.message),
    errorType: error.errorType,
  }));
  const variables =
    input.variables === undefined || input.variables === null
      ? null
      : JSON.stringify(scrubValue(input.variables));
  return {
    time: input.time,
    endpointId: input.endpoint.id,
    endpointName: input.endpoint.name,
    endpointUrl: scrubText(input.endpoint.url),
    profile: input.profile,
    account: input.account,
    authMode: input.authMode,
    operationName: input.operationName,
    operationType: input.operationType,
    query: capAndScrub(input.query, cap).text,
    variables: variables === null ? null : capAndScrub(variables, cap).text,
    status: input.status,
    httpStatus: input.httpStatus,
    durationMs: input.durationMs,
    response: response?.text ?? null,
    responseTruncated: response?.truncated ? 1 : 0,
    responseBytes: input.response === null ? null : Buffer.byteLength(input.response, 'utf8'),
    errors: JSON.stringify(errors),
    errorCount: errors.length,
    firstError: errors[0]?.message.slice(0, 500) ?? null,
    source: input.source,
    subStarted: input.subscription?.startedAt ?? null,
    subStopped: input.subscription?.stoppedAt ?? null,
    subMessages: input.subscription?.messageCount ?? null,
    tests: input.tests
      ? JSON.stringify({
          passed: input.tests.passed,
          failed: input.tests.failed,
          failedNames: input.tests.failedNames.slice(0, 20).map((name) => scrubText(name)),
        })
      : null,
  };
}
