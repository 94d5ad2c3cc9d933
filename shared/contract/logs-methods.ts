/** CloudWatch Logs of one answered request. */
import * as z from '../zod.ts';
import { logsForRequestInputSchema, type RequestLogsDTO } from '../logs.ts';
import { operationId, returns } from './common.ts';

export const logsMethods = {
  /** `FilterLogEvents` on `/aws/appsync/apis/<apiId>` for the request id, with the profile. */
  'logs.forRequest': {
    input: z.strictObject({ ...logsForRequestInputSchema.shape, operationId }),
    output: returns<RequestLogsDTO>(),
  },
} as const;
