/** Finding the AppSync APIs (GraphQL and Event) a profile can reach, region by region. */
import * as z from '../zod.ts';
import { discoverApisInputSchema, type DiscoveryResultDTO } from '../discovery.ts';
import { operationId, returns } from './common.ts';

export const discoveryMethods = {
  /** Progress arrives as `apis.progress` events while the regions are listed. */
  'apis.discover': {
    input: z.strictObject({ ...discoverApisInputSchema.shape, operationId }),
    output: returns<DiscoveryResultDTO>(),
  },
} as const;
