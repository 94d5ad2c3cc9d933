/**
 * The CloudWatch log lines of one AppSync request: `FilterLogEvents` on the API's log group
 * (`/aws/appsync/apis/<apiId>`) with the request id as a quoted term, bounded in time around the
 * request and paginated up to a cap, with the profile's own credentials. Where calls go is
 * decided as for the AppSync control plane (AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, `[services]`
 * `cloudwatch_logs.endpoint_url`, … from the CoreEnvironment), which is how tests reach moto.
 */
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AppError } from '../../../shared/errors.ts';
import type { LogLineDTO, LogsForRequestInput, RequestLogsDTO } from '../../../shared/logs.ts';
import type { CredentialSource } from '../credentials/credential-source.ts';
import { sdkClientConfig } from '../discovery/appsync-control-plane.ts';
import type { CoreEnvironment } from '../environment.ts';
import { redactLogLine } from './log-credentials.ts';
import { describeLogsError } from './logs-errors.ts';

export interface RequestLogsDeps {
  environment: CoreEnvironment;
  credentials: CredentialSource;
  clock?: { now(): number };
  /** The profile used when the caller names none (the app's active profile). */
  activeProfile?: () => Promise<string | null>;
}

export interface LogsOptions {
  signal?: AbortSignal;
  /** The most lines returned (500 by default). */
  maxLines?: number;
}

/** Lines before the request are the ones of a clock that is a little off. */
const BEFORE_REQUEST_MS = 60_000;
/** AppSync's lines arrive within seconds; a long resolver run is still within this. */
const AFTER_REQUEST_MS = 15 * 60_000;
const DEFAULT_SINCE_MS = 15 * 60_000;
const DEFAULT_MAX_LINES = 500;
/** FilterLogEvents may answer empty pages while it scans; this bounds the calls, not the lines. */
const MAX_PAGES = 20;

export const RETRY_HINT =
  'No log lines for this request yet. AppSync delivers them to CloudWatch a few seconds after the answer: retry in a moment. If none ever come, the API logs only errors: set field-level logging to ALL in AppSync settings → Logging.';

export function logGroupOf(apiId: string): string {
  return `/aws/appsync/apis/${apiId}`;
}

export class RequestLogs {
  readonly #deps: RequestLogsDeps;

  constructor(deps: RequestLogsDeps) {
    this.#deps = deps;
  }

  async forRequest(input: LogsForRequestInput, options: LogsOptions = {}): Promise<RequestLogsDTO> {
    const { requestId, apiId } = input;
    const profile = input.profile ?? (await this.#activeProfile());
    const region = input.region ?? (await this.#deps.credentials.region(profile));
    if (!region) {
      throw new AppError(
        'INVALID_INPUT',
        `Profile "${profile}" names no region; say which region the API is in.`,
      );
    }
    const logGroup = logGroupOf(apiId);
    const now = (this.#deps.clock ?? Date).now();
    const at = input.at ? Date.parse(input.at) : null;
    const startTime =
      at !== null ? at - BEFORE_REQUEST_MS : now - (input.sinceMs ?? DEFAULT_SINCE_MS);
    const endTime = at !== null ? Math.min(now, at + AFTER_REQUEST_MS) + 1000 : now + 1000;
    const maxLines = options.maxLines ?? DEFAULT_MAX_LINES;

    const client = await this.#client(profile, region);
    const lines: LogLineDTO[] = [];
    let truncated = false;
    try {
      let nextToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const answer = await client.send(
          new FilterLogEventsCommand({
            logGroupName: logGroup,
            // Quoted: a request id has dashes, which the filter syntax reads as "exclude".
            filterPattern: `"${requestId}"`,
            startTime,
            endTime,
            limit: Math.min(maxLines - lines.length + 1, 10_000),
            ...(nextToken ? { nextToken } : {}),
          }),
          options.signal ? { abortSignal: options.signal } : {},
        );
        for (const event of answer.events ?? []) {
          if (lines.length === maxLines) {
            truncated = true;
            break;
          }
          const message = redactLogLine((event.message ?? '').replace(/\n$/, ''));
          lines.push({
            timestamp: event.timestamp ?? 0,
            logStream: event.logStreamName ?? '',
            message,
            pretty: prettyJson(message),
          });
        }
        nextToken = answer.nextToken;
        if (truncated || !nextToken) break;
        if (page === MAX_PAGES - 1) truncated = true;
      }
    } catch (error) {
      throw describeLogsError(error, { profile, region, logGroup, apiId });
    } finally {
      client.destroy();
    }
    lines.sort((a, b) => a.timestamp - b.timestamp);
    return {
      requestId,
      logGroup,
      region,
      lines,
      truncated,
      retryHint: lines.length === 0 ? RETRY_HINT : null,
    };
  }

  async #activeProfile(): Promise<string> {
    const profile = (await this.#deps.activeProfile?.()) ?? null;
    if (!profile) {
      throw new AppError(
        'PROFILE_NOT_FOUND',
        'No profile is active to read CloudWatch Logs with. Choose a profile in the sidebar first.',
      );
    }
    return profile;
  }

  async #client(profile: string, region: string): Promise<CloudWatchLogsClient> {
    return new CloudWatchLogsClient(
      await sdkClientConfig(this.#deps, profile, region, 'cloudwatch_logs'),
    );
  }
}

/** AppSync's resolver and request lines are JSON objects; they read better indented. */
function prettyJson(message: string): string | null {
  const text = message.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return null;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}
