/**
 * `appsync-workbench logs <request-id> --api-id ID [--profile P] [--region R] [--since 15m]
 * [--json]`: the CloudWatch log lines AppSync wrote for one request (its `x-amzn-RequestId`),
 * oldest first: time, log stream, message (JSON messages indented).
 */
import { parseArgs } from 'node:util';
import { API_ID_PATTERN, REQUEST_ID_PATTERN } from '../../../shared/logs.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export async function logsCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      'api-id': { type: 'string' },
      profile: { type: 'string' },
      region: { type: 'string' },
      since: { type: 'string' },
      json: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  const [requestId, ...extra] = positionals;
  if (!requestId || extra.length) {
    throw new UsageError('name one request id: appsync-workbench logs <request-id> --api-id ID');
  }
  if (!REQUEST_ID_PATTERN.test(requestId)) {
    throw new UsageError(`"${requestId}" is not an AppSync request id (x-amzn-RequestId, a UUID).`);
  }
  const apiId = values['api-id'];
  if (!apiId || !API_ID_PATTERN.test(apiId)) {
    throw new UsageError(
      'pass --api-id ID: the API id (the first part of <id>.appsync-api.<region>.amazonaws.com).',
    );
  }
  if (values.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(values.region)) {
    throw new UsageError(`"${values.region}" is not an AWS region (like eu-west-1).`);
  }
  const profile = values.profile ?? (await (await cli.profiles()).list()).active;
  if (!profile) throw new UsageError('no profile: pass --profile NAME (or set AWS_PROFILE).');
  const sinceMs = values.since === undefined ? undefined : duration(values.since);

  const { RequestLogs } = await import('../../core/logs/request-logs.ts');
  const logs = new RequestLogs({
    environment: cli.environment,
    credentials: cli.credentialSource(),
  });
  const found = await logs.forRequest(
    {
      requestId,
      apiId,
      profile,
      ...(values.region ? { region: values.region } : {}),
      ...(sinceMs ? { sinceMs } : {}),
    },
    { signal: cli.io.signal },
  );
  if (values.json) {
    cli.out(JSON.stringify(found));
    return EXIT.ok;
  }
  for (const line of found.lines) {
    const text = (line.pretty ?? line.message).replace(/\n/g, '\n    ');
    cli.out(`${new Date(line.timestamp).toISOString()}  ${line.logStream}\n    ${text}`);
  }
  if (found.truncated) cli.err(`Only the first ${found.lines.length} lines are shown.`);
  if (found.retryHint) cli.err(found.retryHint);
  return EXIT.ok;
}

function duration(text: string): number {
  const match = /^(\d+)([smhd])$/.exec(text);
  if (!match || Number(match[1]) === 0) {
    throw new UsageError(`--since takes a duration like 90s, 15m, 2h or 1d, not "${text}".`);
  }
  return Number(match[1]) * UNITS[match[2]!]!;
}
