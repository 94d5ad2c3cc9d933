/** Running a GraphQL request against a saved endpoint, and the same request as code. */
import * as z from '../zod.ts';
import { AUTH_MODE_TYPES } from '../endpoints.ts';
import { MAX_CURL_BYTES, type CurlImportDTO } from '../curl-import.ts';
import type { RequestResultDTO, RunPlanDTO } from '../requests.ts';
import { id, jsonObject, operationId, profileName, returns } from './common.ts';

const authModeType = z.enum(AUTH_MODE_TYPES);
const query = z
  .string('a GraphQL document is text')
  .check(
    z.minLength(1, 'the GraphQL document is empty'),
    z.maxLength(1_000_000, 'a GraphQL document is at most 1 MB'),
  );
const variables = z.optional(jsonObject());
const operationName = z.optional(z.string().check(z.maxLength(256)));
const headers = z.optional(z.record(z.string(), z.string().check(z.maxLength(8192))));

/** What a request needs besides its endpoint. */
const requestBody = {
  endpointId: id,
  authMode: z.optional(authModeType),
  query,
  variables,
  operationName,
  headers,
  profile: z.optional(profileName),
};

export const requestMethods = {
  'requests.run': {
    input: z.strictObject({
      ...requestBody,
      operationId,
      timeoutMs: z.optional(z.number().check(z.int(), z.positive(), z.maximum(600_000))),
    }),
    output: returns<RequestResultDTO>(),
  },
  /** What a run would use (mode, profile, region, production), as main decides it. */
  'requests.plan': {
    input: z.strictObject({
      endpointId: id,
      authMode: z.optional(authModeType),
      profile: z.optional(profileName),
    }),
    output: returns<RunPlanDTO>(),
  },
  'requests.copyAsCode': {
    input: z.strictObject({
      ...requestBody,
      language: z.enum(['curl', 'python', 'typescript']),
    }),
    output: returns<string>(),
  },
  /**
   * Reads a pasted curl command into a tab's fields. Credentials in it are dropped and
   * reported, never returned; the saved endpoint with its URL is named when there is one.
   */
  'requests.fromCurl': {
    input: z.strictObject({
      text: z
        .string('a curl command is text')
        .check(
          z.minLength(1, 'paste a curl command'),
          z.maxLength(MAX_CURL_BYTES, 'a curl command is at most 256 KB'),
        ),
    }),
    output: returns<CurlImportDTO>(),
  },
} as const;
