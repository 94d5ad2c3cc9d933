/** Open request tabs, kept by main so they survive restarts and web-host reloads. */
import * as z from '../zod.ts';
import { ASSERTION_OPERATORS, MAX_ASSERTIONS } from '../request-tests.ts';
import { strictScriptsSchema } from '../request-tests-schema.ts';
import type { LoadedTabsDTO } from '../tabs.ts';
import { id, returns } from './common.ts';

const text = (max: number) => z.string().check(z.maxLength(max));
const nullableText = (max: number) => z.nullable(text(max));

const tab = z.strictObject({
  id,
  title: text(200),
  endpointId: z.nullable(id),
  authMode: nullableText(64),
  profile: nullableText(256),
  query: text(1_000_000),
  variables: text(1_000_000),
  headers: text(100_000),
  operationName: nullableText(256),
  origin: z.nullable(
    z.strictObject({
      kind: z.literal('collection'),
      folder: text(4096),
      requestId: text(4096),
      version: text(200),
      ownUrl: z.optional(z.boolean()),
    }),
  ),
  // As typed: a half-written path is still a draft; saving to a collection checks it.
  assertions: z.optional(
    z
      .array(
        z.strictObject({
          enabled: z.boolean(),
          path: text(512),
          operator: z.enum(ASSERTION_OPERATORS),
          value: nullableText(8192),
        }),
      )
      .check(z.maxLength(MAX_ASSERTIONS, `at most ${MAX_ASSERTIONS} assertions`)),
  ),
  scripts: z.optional(strictScriptsSchema),
});

export const tabMethods = {
  'tabs.load': {
    input: z.strictObject({}),
    output: returns<LoadedTabsDTO>(),
  },
  'tabs.save': {
    // The tabs travel in one message; the router holds every input to MAX_INPUT_BYTES.
    input: z.strictObject({
      tabs: z.array(tab).check(z.maxLength(100, 'at most 100 open tabs')),
      activeId: z.nullable(id),
      // The generation tabs.load gave: a page loaded before a workspace switch saves nothing.
      generation: id,
    }),
    output: returns<null>(),
  },
} as const;
