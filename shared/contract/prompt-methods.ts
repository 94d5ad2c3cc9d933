/** Operations in flight: the questions they ask the user (MFA codes, consent) and cancelling them. */
import * as z from '../zod.ts';
import type { PromptDTO } from '../prompts.ts';
import { id, returns } from './common.ts';

export const promptMethods = {
  'prompts.list': {
    input: z.strictObject({}),
    output: returns<PromptDTO[]>(),
  },
  'prompts.respond': {
    input: z.strictObject({
      id,
      response: z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('mfa'),
          code: z.string().check(z.regex(/^\d{6}$/, 'an MFA code is 6 digits')),
        }),
        z.strictObject({ kind: z.literal('confirm'), accepted: z.boolean() }),
      ]),
    }),
    output: returns<null>(),
  },
  'prompts.cancel': {
    input: z.strictObject({ id }),
    output: returns<null>(),
  },
  'operations.cancel': {
    input: z.strictObject({ operationId: id }),
    output: returns<{ cancelled: boolean }>(),
  },
} as const;
