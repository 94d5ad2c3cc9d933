/** CloudWatch Logs of one answered request. */
import { API_ID_PATTERN, REGION_PATTERN } from '../auth-modes.ts';
import { REQUEST_ID_PATTERN, type RequestLogsDTO } from '../logs.ts';
import * as z from '../zod.ts';
import { operationId, returns } from './common.ts';

export const logsMethods = {
  /** `FilterLogEvents` on `/aws/appsync/apis/<apiId>` for the request id, with the profile. */
  'logs.forRequest': {
    input: z.strictObject({
      requestId: z.string().check(z.regex(REQUEST_ID_PATTERN, 'an AppSync request id (a UUID)')),
      apiId: z
        .string()
        .check(z.regex(API_ID_PATTERN, 'an AppSync API id (lower-case letters and digits)')),
      /** null: the active profile. */
      profile: z.nullable(z.string().check(z.minLength(1), z.maxLength(256))),
      region: z.optional(z.string().check(z.regex(REGION_PATTERN, 'an AWS region like us-east-1'))),
      /** When the request was sent (ISO 8601); the search is bounded around it. */
      at: z.optional(z.iso.datetime({ offset: true, error: 'an ISO 8601 time' })),
      /** Without `at`: how far back to look, ms (15 minutes by default). */
      sinceMs: z.optional(z.number().check(z.int(), z.positive(), z.lte(14 * 24 * 3600 * 1000))),
      operationId,
    }),
    output: returns<RequestLogsDTO>(),
  },
} as const;
