/**
 * Runs a saved request: `{{variables}}` are resolved here, in main, so an environment's
 * secrets reach the requests engine and nothing else.
 */
import { randomUUID } from 'node:crypto';
import {
  headerAuthMode,
  type RequestDraftDTO,
  type SavedRequestDTO,
} from '../../../shared/collections.ts';
import type { AuthModeInput } from '../../../shared/endpoints.ts';
import { AppError } from '../../../shared/errors.ts';
import type { RequestResultDTO } from '../../../shared/requests.ts';
import type { SecretVault } from '../ports.ts';
import type { RequestRunner, RunOptions, RunRequest } from '../requests/request-service.ts';
import type { HistoryTestsDTO } from '../../../shared/history.ts';
import {
  checkAnswer,
  hasChecks,
  historyTests,
  newRunState,
  regionOf,
  runPreScript,
  withRunVariables,
  type ChecksContext,
  type RunState,
} from '../tests/request-checks.ts';
import type { CollectionEnvironment } from './collection-settings.ts';
import type { CollectionStore } from './collection-store.ts';
import { resolveTemplate } from './template-resolver.ts';

export interface SavedRunOptions extends RunOptions {
  /** The environment `{{variables}}` resolve against; null = the base variables. */
  environment: string | null;
  /** For IAM: the profile to sign with, over the request's own binding. */
  profile?: string;
  /** A tab's unsaved edits (templated like the file), run with the saved URL and auth. */
  edits?: Pick<RequestDraftDTO, 'query' | 'operationName' | 'variables' | 'headers' | 'profile'> &
    Partial<Pick<RequestDraftDTO, 'assertions' | 'scripts'>>;
  /** Run variables shared with the run's other requests (a chain); fresh if unset. */
  state?: RunState;
  /** The account a profile resolved to, when known: scripts see it as `aws.account`. */
  accountOf?: (profile: string | null) => string | null;
}

/**
 * Runs one saved request: reads it from disk; with checks, runs its pre script, sends it with
 * the run variables over the environment, then checks the answer (assertions, post script)
 * and returns the report with the result. History waits for the report's counts.
 */
export async function runSavedRequest(
  store: CollectionStore,
  id: string,
  options: SavedRunOptions,
  runner: RequestRunner,
  vault: SecretVault,
): Promise<RequestResultDTO> {
  const saved = withHeaderAuth({ ...(await store.read(id)), ...options.edits });
  const environment = await store.environment(options.environment);
  const checks = hasChecks(saved);
  if (!checks) {
    const state = options.state;
    const env = state ? withRunVariables(environment, state) : environment;
    return (await send(id, saved, env, options, runner, vault)).result;
  }
  const state = options.state ?? newRunState();
  const context: ChecksContext = {
    id,
    environment,
    state,
    aws: {
      region: regionOf(saved.url, saved.auth?.type === 'AWS_IAM' ? saved.auth.region : null),
      account: options.accountOf?.(options.profile ?? saved.profile) ?? null,
    },
  };
  const pre = await runPreScript(saved, context);
  const outcome = Promise.withResolvers<HistoryTestsDTO | null>();
  let settled = false;
  try {
    const { result, secrets } = await send(
      id,
      { ...saved, ...pre.request },
      withRunVariables(environment, state),
      { ...options, testOutcome: outcome.promise },
      runner,
      vault,
    );
    const tests = await checkAnswer(saved, result, pre, context, secrets);
    outcome.resolve(historyTests(tests));
    settled = true;
    return { ...result, tests };
  } finally {
    if (!settled) outcome.resolve(null);
  }
}

/**
 * Resolves `{{variables}}` and hands the request to the engine. A non-IAM auth value that is
 * a secret variable is passed by its vault key; any other value is parked under a one-run
 * vault key, removed after the run, because the engine reads secrets only from a source.
 */
async function send(
  id: string,
  saved: SavedRequestDTO,
  environment: CollectionEnvironment,
  options: SavedRunOptions & { testOutcome?: Promise<HistoryTestsDTO | null> },
  runner: RequestRunner,
  vault: SecretVault,
): Promise<{ result: RequestResultDTO; secrets: string[] }> {
  const resolved = await resolveTemplate(saved, environment, vault);
  const runOptions: RunOptions = {
    secrets: resolved.secrets,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.consent ? { consent: options.consent } : {}),
    ...(options.testOutcome ? { testOutcome: options.testOutcome } : {}),
  };
  const run = async (request: RunRequest) => ({
    result: await runner.run(request, runOptions),
    secrets: resolved.secrets,
  });
  const chosenProfile = options.profile;
  const request: RunRequest = {
    query: resolved.query,
    variables: resolved.variables,
    headers: resolved.headers,
    ...(resolved.operationName ? { operationName: resolved.operationName } : {}),
  };
  const profile = chosenProfile ?? resolved.profile ?? undefined;
  if (profile) request.profile = profile;
  if (resolved.endpointRef) {
    request.endpointId = resolved.endpointRef;
    if (resolved.auth) request.authMode = resolved.auth.type;
    return run(request);
  }
  if (!resolved.url) {
    throw new AppError(
      'COLLECTION_INVALID',
      `${id} names neither an endpoint nor a URL. Open it, choose an endpoint, and save it again.`,
      { id },
    );
  }
  request.url = resolved.url;
  if (resolved.connectTo) request.connectTo = resolved.connectTo;
  const auth = resolved.auth ?? { type: 'AWS_IAM', region: null, service: null };
  if (auth.type === 'AWS_IAM') {
    request.auth = {
      type: 'AWS_IAM',
      profile: null,
      ...(auth.region ? { region: auth.region } : {}),
      ...(auth.service ? { service: auth.service } : {}),
    } satisfies AuthModeInput;
    return run(request);
  }
  const original = saved.auth?.type === auth.type ? saved.auth.value : '';
  const reference = /^\{\{\s*([\w.-]+)\s*\}\}$/.exec(original)?.[1];
  const stored = reference === undefined ? undefined : environment.variables[reference];
  if (stored !== undefined && typeof stored === 'object') {
    request.auth = { type: auth.type, source: { from: 'vault', secretRef: stored.secret } };
    return run(request);
  }
  const oneRun = `collection-run:${randomUUID()}`;
  await vault.put(oneRun, auth.value);
  try {
    request.auth = { type: auth.type, source: { from: 'vault', secretRef: oneRun } };
    return await run(request);
  } finally {
    await vault.delete(oneRun);
  }
}

/**
 * A request without auth that carries its key in an `x-api-key` header, or its token in an
 * `Authorization` header (as many Postman exports do), runs in that mode: the engine then
 * reads the value as a secret and scrubs it from the answer, instead of sending it unsigned
 * as a plain header.
 */
function withHeaderAuth(request: SavedRequestDTO): SavedRequestDTO {
  if (request.auth || request.endpointRef) return request;
  const found = headerAuthMode(request.headers);
  if (!found) return request;
  const { [found.header]: value, ...headers } = request.headers;
  return { ...request, headers, auth: { type: found.type, value: value! } };
}
