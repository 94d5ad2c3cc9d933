/**
 * What CloudWatch Logs refused, said as what to do: a missing log group is AppSync logging
 * switched off; AccessDenied names the action and the log group's ARN the profile needs.
 */
import { AppError } from '../../../shared/errors.ts';
import { describeControlPlaneError } from '../discovery/appsync-control-plane.ts';

export interface LogsWhere {
  profile: string;
  region: string;
  logGroup: string;
  apiId: string;
}

export function describeLogsError(error: unknown, where: LogsWhere): AppError {
  if (error instanceof AppError) return error;
  const e = error as { name?: string; message?: string };
  if (e.name === 'ResourceNotFoundException') {
    return new AppError(
      'NOT_FOUND',
      `The log group ${where.logGroup} does not exist in ${where.region}: logging is off for this API. Enable it in AppSync settings → Logging, with field-level logging ALL to see resolver lines.`,
      { logGroup: where.logGroup, region: where.region },
    );
  }
  if (e.name === 'AccessDeniedException' || e.name === 'AccessDenied') {
    const resource = `arn:aws:logs:${where.region}:${accountOf(e.message) ?? '<account-id>'}:log-group:${where.logGroup}:*`;
    return new AppError(
      'FORBIDDEN',
      `Profile "${where.profile}" may not read this API's logs: it needs logs:FilterLogEvents on ${resource}.`,
      { action: 'logs:FilterLogEvents', resource },
    );
  }
  const described = describeControlPlaneError(error, {
    profile: where.profile,
    region: where.region,
    action: `FilterLogEvents on ${where.logGroup}`,
  });
  return new AppError(
    described.code,
    described.message
      .replace('the AppSync control plane', 'CloudWatch Logs')
      .replace('AWS_ENDPOINT_URL_APPSYNC', 'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS'),
    described.details,
  );
}

/** AWS's AccessDenied names the caller (`User: arn:aws:iam::123456789012:…`). */
function accountOf(message: string | undefined): string | null {
  return /arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(message ?? '')?.[1] ?? null;
}
