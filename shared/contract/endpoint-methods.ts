/** Saved endpoints: URL, auth modes, production tag; secrets go in and never come back. */
import * as z from '../zod.ts';
import { endpointInputSchema, type EndpointDTO } from '../endpoints.ts';
import { id, returns } from './common.ts';

const secretMode = z.enum(['API_KEY', 'OPENID_CONNECT', 'AMAZON_COGNITO_USER_POOLS', 'AWS_LAMBDA']);

export const endpointMethods = {
  'endpoints.list': {
    input: z.strictObject({}),
    output: returns<EndpointDTO[]>(),
  },
  'endpoints.create': {
    input: z.strictObject({ endpoint: endpointInputSchema }),
    output: returns<EndpointDTO>(),
  },
  'endpoints.update': {
    input: z.strictObject({ id, endpoint: endpointInputSchema }),
    output: returns<EndpointDTO>(),
  },
  'endpoints.duplicate': {
    input: z.strictObject({ id }),
    output: returns<EndpointDTO>(),
  },
  'endpoints.delete': {
    input: z.strictObject({ id }),
    output: returns<null>(),
  },
  /** The one way a secret travels renderer → main: the user types it; it never comes back. */
  'endpoints.setSecret': {
    input: z.strictObject({
      id,
      mode: secretMode,
      value: z.string().check(z.minLength(1, 'the secret is empty'), z.maxLength(16_384)),
    }),
    output: returns<EndpointDTO>(),
  },
} as const;
