/** Finding the AppSync APIs (GraphQL and Event) a profile can reach, region by region. */
import type { DiscoveryResultDTO } from '../discovery.ts';
import * as z from '../zod.ts';
import { operationId, returns } from './common.ts';

const region = z
  .string()
  .check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region like us-east-1'));

export const discoveryMethods = {
  /** Progress arrives as `apis.progress` events while the regions are listed. */
  'apis.discover': {
    input: z.strictObject({
      /** null: the active profile. */
      profile: z.nullable(z.string().check(z.minLength(1), z.maxLength(256))),
      regions: z.array(region).check(z.minLength(1, 'choose at least one region'), z.maxLength(40)),
      operationId,
    }),
    output: returns<DiscoveryResultDTO>(),
  },
} as const;
