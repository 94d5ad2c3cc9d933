/**
 * A saved request's checks around its run: the pre script (it may change the request's
 * variables and headers, and set run variables), then, on the answer, the assertions and the
 * post script; all of it as one report. Scripts get the request as saved (templates, never
 * resolved secrets), the answer as the engine returned it (already scrubbed), and the plain
 * variables only: a secret variable's value is never given to a script.
 */
import type { RequestDraftDTO } from '../../../shared/collections.ts';
import type { HistoryTestsDTO } from '../../../shared/history.ts';
import {
  failedNames,
  reportCounts,
  type RequestTestReportDTO,
  type ScriptErrorDTO,
  type ScriptLogDTO,
  type ScriptTestResultDTO,
} from '../../../shared/request-tests.ts';
import type { RequestResultDTO } from '../../../shared/requests.ts';
import { KnownSecrets } from '../redaction/known-secrets.ts';
import { evaluateAssertions, type AnswerView } from './assertion-evaluator.ts';
import { quickJs } from './quickjs-sandbox.ts';
import type { ScriptInput } from './script-prelude.ts';
import { runScript } from './script-runner.ts';

/**
 * What one run shares between its requests: run variables (`vars.set`, `--var`, a data row)
 * and the environment changes scripts made (`env.set`: for this run only, never written).
 */
export interface RunState {
  vars: Record<string, unknown>;
  env: Record<string, string>;
}

export function newRunState(vars: Record<string, unknown> = {}): RunState {
  return { vars: { ...vars }, env: {} };
}

export function hasChecks(request: Pick<RequestDraftDTO, 'assertions' | 'scripts'>): boolean {
  return (
    request.assertions.some((a) => a.enabled) ||
    Boolean(request.scripts.pre?.trim()) ||
    Boolean(request.scripts.post?.trim())
  );
}

/**
 * Base variables overlaid by the chosen environment's, as the checks see them: a plain value is
 * a string, anything else is a secret's reference (its value stays in the vault). Collections
 * build it (`environmentOf`); it is declared here so that checks do not import collections.
 */
export interface ChecksEnvironment<Value = unknown> {
  collection: string;
  name: string | null;
  variables: Record<string, Value>;
}

/** Run variables and script changes over the environment: what `{{templates}}` resolve to. */
export function withRunVariables<Value>(
  environment: ChecksEnvironment<Value>,
  state: RunState,
): ChecksEnvironment<Value | string> {
  const runVars: Record<string, string> = {};
  for (const [name, value] of Object.entries(state.vars)) {
    runVars[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return { ...environment, variables: { ...environment.variables, ...state.env, ...runVars } };
}

/** The environment as a script may see it: plain values, and the names of the secret ones. */
function plainEnvironment(environment: ChecksEnvironment, state: RunState) {
  const env: Record<string, string> = {};
  const secretNames: string[] = [];
  for (const [name, value] of Object.entries(environment.variables)) {
    if (typeof value === 'string') env[name] = value;
    else secretNames.push(name);
  }
  for (const [name, value] of Object.entries(state.env)) {
    if (!secretNames.includes(name)) env[name] = value;
  }
  return { env, secretNames };
}

export interface ChecksContext {
  /** `orders/Get order`: named in every script message. */
  id: string;
  environment: ChecksEnvironment;
  state: RunState;
  aws: ScriptInput['aws'];
}

/** What the pre script produced, kept for the report. */
export interface PreOutcome {
  request: RequestDraftDTO;
  tests: ScriptTestResultDTO[];
  logs: ScriptLogDTO[];
  errors: ScriptErrorDTO[];
}

function scriptRequest(request: RequestDraftDTO): ScriptInput['request'] {
  return {
    query: request.query,
    operationName: request.operationName,
    variables: request.variables,
    headers: request.headers,
  };
}

/** Runs the pre script, if any: returns the request with the script's changes. */
export async function runPreScript(
  request: RequestDraftDTO,
  context: ChecksContext,
): Promise<PreOutcome> {
  const code = request.scripts.pre;
  if (!code?.trim()) return { request, tests: [], logs: [], errors: [] };
  const outcome = await scriptRun('pre', code, request, null, context);
  return {
    request: { ...request, variables: outcome.request.variables, headers: outcome.request.headers },
    tests: outcome.tests,
    logs: outcome.logs,
    errors: outcome.error ? [{ phase: 'pre', message: outcome.error }] : [],
  };
}

/**
 * Runs one script with the run's view of the world; what it changed becomes the run's: its
 * variables, and the environment values it set.
 */
async function scriptRun(
  phase: 'pre' | 'post',
  code: string,
  request: RequestDraftDTO,
  answer: AnswerView | null,
  context: ChecksContext,
) {
  const { env, secretNames } = plainEnvironment(context.environment, context.state);
  const response = answer && {
    status: answer.status,
    headers: answer.headers,
    data: answer.data,
    errors: answer.errors,
    durationMs: answer.durationMs,
  };
  const outcome = await runScript(
    code,
    {
      phase,
      request: scriptRequest(request),
      response,
      vars: context.state.vars,
      env,
      secretNames,
      aws: context.aws,
    },
    `${phase} script of ${context.id}`,
  );
  context.state.vars = outcome.vars;
  for (const [name, value] of Object.entries(outcome.env)) {
    if (env[name] !== value) context.state.env[name] = value;
  }
  return outcome;
}

export function answerView(result: RequestResultDTO): AnswerView {
  const body = result.body as { data?: unknown } | null;
  return {
    status: result.status,
    statusText: result.statusText,
    durationMs: Math.round(result.timing.totalMs * 100) / 100,
    headers: result.headers,
    data: body && typeof body === 'object' && 'data' in body ? body.data : null,
    errors: result.errors,
    sizeBytes: result.sizeBytes,
  };
}

/** `{{name}}` in an assertion's value: run and plain variables only, never a secret. */
function assertionValues(
  request: RequestDraftDTO,
  context: ChecksContext,
): RequestDraftDTO['assertions'] {
  const { env } = plainEnvironment(context.environment, context.state);
  const lookup = (name: string): string | undefined => {
    const run = context.state.vars[name];
    if (run !== undefined) return typeof run === 'string' ? run : JSON.stringify(run);
    return env[name];
  };
  return request.assertions.map((a) =>
    a.value === null
      ? a
      : {
          ...a,
          value: a.value.replace(
            /\{\{\s*([\w.-]+)\s*\}\}/g,
            (m, name: string) => lookup(name) ?? m,
          ),
        },
  );
}

/**
 * The assertions and the post script on the answer, and the whole report. `secrets` are
 * scrubbed from it once more (the answer already was): a report is shown, saved and printed.
 */
export async function checkAnswer(
  request: RequestDraftDTO,
  result: RequestResultDTO,
  pre: PreOutcome,
  context: ChecksContext,
  secrets: readonly string[],
): Promise<RequestTestReportDTO> {
  const answer = answerView(result);
  const needsSandbox = request.assertions.some((a) => a.enabled && a.operator === 'matches');
  const module = needsSandbox ? await quickJs() : null;
  const assertions = evaluateAssertions(assertionValues(request, context), answer, module);
  const tests = [...pre.tests];
  const logs = [...pre.logs];
  const errors = [...pre.errors];
  const code = request.scripts.post;
  if (code?.trim()) {
    const outcome = await scriptRun('post', code, pre.request, answer, context);
    tests.push(...outcome.tests);
    logs.push(...outcome.logs);
    if (outcome.error) errors.push({ phase: 'post', message: outcome.error });
  }
  const report: RequestTestReportDTO = {
    passed: false,
    assertions,
    tests,
    errors,
    logs,
  };
  report.passed = reportCounts(report).failed === 0;
  return secrets.length
    ? (new KnownSecrets(secrets).scrubDeep(report) as RequestTestReportDTO)
    : report;
}

/** What history keeps of a report: counts and names. */
export function historyTests(report: RequestTestReportDTO): HistoryTestsDTO {
  const counts = reportCounts(report);
  return { passed: counts.passed, failed: counts.failed, failedNames: failedNames(report) };
}

/** The region a request goes to, as far as its URL or auth says. */
export function regionOf(url: string | null, authRegion: string | null): string | null {
  if (authRegion) return authRegion;
  return /\.appsync-api\.([a-z0-9-]+)\.amazonaws\.com/.exec(url ?? '')?.[1] ?? null;
}
