/**
 * How AppSync answers over HTTP: the status codes, headers and JSON error shapes a real
 * `*.appsync-api.<region>.amazonaws.com/graphql` endpoint returns, so the client is tested
 * against the wire format it will meet in production.
 *
 * Sources for the shapes (AppSync does not document them in one place):
 * - the AppSync team's own description of its HTTP behaviour (graphql/graphql-over-http#81):
 *   empty body → 400 `MalformedHttpRequestException` "Request body is empty."; a body that is not
 *   a GraphQL request → 400 "Unable to parse GraphQL query."; validation errors → 200 with
 *   `data: null` and `locations[].sourceName: null`; GET with query parameters is supported;
 * - AWS re:Post "troubleshoot Unauthorized errors in AppSync": credentials missing or invalid
 *   → 401 `UnauthorizedException`; resolver-level denial → 200 with `errorType: "Unauthorized"`;
 * - observed bodies in aws-appsync-community / amplify issues: "You are not authorized to make
 *   this call.", "Unable to parse JWT token." (a `Bearer ` prefix), "Valid authorization header
 *   not provided.", `InvalidSignatureException` 403 with the canonical string and string to sign.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';

export interface AppSyncError {
  errorType: string;
  message: string;
}

/** A refusal before any GraphQL runs: an HTTP status plus AppSync's `{errors:[…]}` body. */
export interface AppSyncRefusal extends AppSyncError {
  status: number;
}

export const NOT_AUTHORIZED = 'You are not authorized to make this call.';

export function refusal(status: number, errorType: string, message: string): AppSyncRefusal {
  return { status, errorType, message };
}

export const unauthorized = (message = NOT_AUTHORIZED): AppSyncRefusal =>
  refusal(401, 'UnauthorizedException', message);

export const malformedRequest = (message: string): AppSyncRefusal =>
  refusal(400, 'MalformedHttpRequestException', message);

/** Headers every AppSync answer carries; `Date` comes from the sandbox clock so skew is measurable. */
export function appSyncHeaders(now: number, requestId: string): Record<string, string> {
  return {
    'Content-Type': 'application/json;charset=UTF-8',
    'x-amzn-RequestId': requestId,
    Date: new Date(now).toUTCString(),
  };
}

export function newRequestId(): string {
  return randomUUID();
}

export function sendJson(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: unknown,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Length': String(Buffer.byteLength(text)) });
  res.end(text);
}

export function sendRefusal(
  res: ServerResponse,
  headers: Record<string, string>,
  failure: AppSyncRefusal,
): void {
  sendJson(
    res,
    failure.status,
    { ...headers, 'x-amzn-ErrorType': failure.errorType },
    { errors: [{ errorType: failure.errorType, message: failure.message }] },
  );
}
