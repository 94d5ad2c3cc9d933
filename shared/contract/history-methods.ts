/** History of runs: listing, searching, deleting, retention. */
import * as z from '../zod.ts';
import { AUTH_MODE_TYPES } from '../endpoints.ts';
import type { HistoryEntryDTO, HistoryPageDTO, HistoryRetention } from '../history.ts';
import { returns } from './common.ts';

const entryId = z.number().check(z.int(), z.positive());
const time = z.number().check(z.nonnegative());

export const historyMethods = {
  'history.list': {
    input: z.strictObject({
      endpointId: z.optional(z.string().check(z.maxLength(64))),
      endpointUrl: z.optional(z.string().check(z.maxLength(2048))),
      profile: z.optional(z.string().check(z.maxLength(256))),
      status: z.optional(z.enum(['success', 'error', 'cancelled'])),
      authMode: z.optional(z.enum(AUTH_MODE_TYPES)),
      from: z.optional(time),
      to: z.optional(time),
      text: z.optional(z.string().check(z.maxLength(500))),
      cursor: z.optional(z.string().check(z.maxLength(200))),
      limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
    }),
    output: returns<HistoryPageDTO>(),
  },
  'history.get': {
    input: z.strictObject({ id: entryId }),
    output: returns<HistoryEntryDTO>(),
  },
  'history.delete': {
    input: z.strictObject({ id: entryId }),
    output: returns<null>(),
  },
  'history.clear': {
    input: z.strictObject({}),
    output: returns<null>(),
  },
  'history.retention': {
    input: z.strictObject({}),
    output: returns<HistoryRetention>(),
  },
  'history.setRetention': {
    input: z.strictObject({
      maxEntries: z.nullable(z.number().check(z.int(), z.positive())),
      maxAgeDays: z.nullable(z.number().check(z.int(), z.positive())),
    }),
    output: returns<HistoryRetention & { removed: number }>(),
  },
} as const;
