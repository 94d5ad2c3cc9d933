/**
 * The two ways to ask an API for its schema:
 *  - the data plane: graphql-js's standard introspection query, sent through the requests
 *    engine so it is signed or authorized exactly like the user's own requests;
 *  - AppSync's control plane: GetIntrospectionSchema (SDL with the `@aws_*` directives) with
 *    an AWS profile's credentials, which needs the API id and region.
 * Both say clearly when the API has introspection turned off.
 */
import { GetIntrospectionSchemaCommand } from '@aws-sdk/client-appsync';
import { getIntrospectionQuery } from 'graphql';
import type { AuthModeInput } from '../../../shared/endpoints.ts';
import { AppError } from '../../../shared/errors.ts';
import type { IntrospectionResultJSON, SchemaSource } from '../../../shared/schema.ts';
import {
  appsyncClient,
  describeControlPlaneError,
  type ControlPlaneDeps,
} from '../discovery/appsync-control-plane.ts';
import type { RequestRunner, RunOptions } from '../requests/request-service.ts';

export const INTROSPECTION_OPERATION = 'IntrospectionQuery';

export interface DataPlaneTarget {
  endpointId?: string;
  url?: string;
  auth?: AuthModeInput;
  headers?: Record<string, string>;
  profile?: string;
}

const INTROSPECTION_REFUSED = /__schema|__type|introspection/i;
const CONTROL_PLANE_DISABLED = /introspection (is )?(disabled|not (allowed|enabled))/i;

/** `source`: which way of loading was refused, so the UI offers the other one only once. */
function disabled(where: string, said: string, source: SchemaSource): AppError {
  return new AppError(
    'INTROSPECTION_DISABLED',
    `Introspection is disabled on ${where}, so its schema cannot be loaded this way (the API answered: "${said}"). ` +
      'Ask the API owners to enable it (AppSync: Settings → Introspection queries), or load the schema from AppSync with an AWS profile allowed to call appsync:GetIntrospectionSchema.',
    { source },
  );
}

export async function introspectDataPlane(
  runner: RequestRunner,
  target: DataPlaneTarget,
  options: RunOptions,
): Promise<IntrospectionResultJSON> {
  // Signed and sent like the user's requests, but not theirs: history does not keep it.
  const result = await runner.run(
    { ...target, query: getIntrospectionQuery(), operationName: INTROSPECTION_OPERATION },
    { ...options, record: false },
  );
  const where = new URL(result.url).host;
  const body = result.body as { data?: { __schema?: unknown } | null } | null;
  const schema = result.bodyIsJson ? body?.data?.__schema : undefined;
  if (schema && typeof schema === 'object') {
    return { __schema: schema as Record<string, unknown> };
  }
  if (result.diagnosis) {
    throw new AppError(
      result.diagnosis.code,
      `${result.diagnosis.message} ${result.diagnosis.hint}`,
    );
  }
  const first = result.errors[0];
  if (first && INTROSPECTION_REFUSED.test(first.message)) {
    throw disabled(where, first.message, 'introspection');
  }
  if (result.status === 401 || result.status === 403) {
    throw new AppError(
      result.status === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN',
      `${where} refused the introspection query (HTTP ${result.status}${first ? `: ${first.message}` : ''}). Check the endpoint's auth mode and credentials.`,
    );
  }
  throw new AppError(
    'INTERNAL',
    `${where} did not answer the introspection query with a schema (${first ? `${first.errorType ?? 'error'}: ${first.message}` : `HTTP ${result.status} ${result.statusText}`}). Is this a GraphQL endpoint?`,
  );
}

export interface ControlPlaneTarget {
  apiId: string;
  region: string;
  profile: string;
}

/** AppSync's SDL for the API, `@aws_*` directives included. */
export async function sdlFromControlPlane(
  deps: ControlPlaneDeps,
  target: ControlPlaneTarget,
  signal?: AbortSignal,
): Promise<string> {
  const client = await appsyncClient(deps, target.profile, target.region);
  try {
    const answer = await client.send(
      new GetIntrospectionSchemaCommand({
        apiId: target.apiId,
        format: 'SDL',
        includeDirectives: true,
      }),
      signal ? { abortSignal: signal } : {},
    );
    const text = answer.schema ? new TextDecoder().decode(answer.schema) : '';
    if (!text.trim()) {
      throw new AppError(
        'NOT_FOUND',
        `AppSync returned an empty schema for API ${target.apiId} in ${target.region}. Has a schema been created for it?`,
      );
    }
    return text;
  } catch (error) {
    throw controlPlaneFailure(error, target);
  } finally {
    client.destroy();
  }
}

/**
 * What a failed GetIntrospectionSchema means. The operation's own name contains
 * "Introspection", so a refusal for lack of `appsync:GetIntrospectionSchema` must not read as
 * "introspection is disabled": only a message saying so does.
 */
export function controlPlaneFailure(error: unknown, target: ControlPlaneTarget): AppError {
  if (error instanceof AppError) return error;
  const message = (error as { message?: string }).message ?? '';
  if ((error as { name?: string }).name === 'NotFoundException') {
    return new AppError(
      'NOT_FOUND',
      `AppSync has no API ${target.apiId} in ${target.region} for the account of profile "${target.profile}". Check the API id, the region and the profile.`,
    );
  }
  if (CONTROL_PLANE_DISABLED.test(message)) {
    return disabled(`AppSync API ${target.apiId} (${target.region})`, message, 'control-plane');
  }
  return describeControlPlaneError(error, {
    profile: target.profile,
    region: target.region,
    action: 'GetIntrospectionSchema',
  });
}

/** The API id in an AppSync hostname (`<id>.appsync-api.<region>.amazonaws.com`), or null. */
export function apiIdFromUrl(url: string): string | null {
  try {
    return (
      /^([^.]+)\.appsync-api\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/i.exec(
        new URL(url).hostname,
      )?.[1] ?? null
    );
  } catch {
    return null;
  }
}
