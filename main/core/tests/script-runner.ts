/**
 * Runs one pre or post script of a saved request in the QuickJS sandbox and reads back what
 * it did. What comes out is untrusted too: it is parsed as JSON and checked against a schema
 * (a script may have replaced `JSON.stringify` or the prototypes inside its sandbox), and only
 * what fits is used. It runs on a worker thread (`script-thread.ts`) that is stopped outright
 * when the script outlives its time limit.
 */
import * as z from '../../../shared/zod.ts';
import type { ScriptLogDTO, ScriptTestResultDTO } from '../../../shared/request-tests.ts';
import { DEFAULT_LIMITS, type SandboxLimits } from './quickjs-sandbox.ts';
import {
  MAX_LOG_CHARS,
  MAX_LOGS,
  MAX_TESTS,
  preludeFor,
  type ScriptInput,
} from './script-prelude.ts';
import { runOnThread } from './script-thread.ts';

export interface ScriptOutcome {
  tests: ScriptTestResultDTO[];
  logs: ScriptLogDTO[];
  /** The run variables after the script (set or removed by `vars.set`). */
  vars: Record<string, unknown>;
  /** The environment's plain variables after the script (`env.set`: for the rest of the run). */
  env: Record<string, string>;
  /** The request's variables and headers after a pre script. */
  request: { variables: Record<string, unknown>; headers: Record<string, string> };
  /** Why the script stopped early (threw, a limit, unreadable output), or null. */
  error: string | null;
}

/** At most this much JSON comes back out of a script. */
const MAX_OUTPUT_CHARS = 4 * 1024 * 1024;

const outputSchema = z.object({
  tests: z
    .array(
      z.object({
        name: z.string(),
        passed: z.boolean(),
        message: z.nullable(z.string()),
      }),
    )
    .check(z.maxLength(MAX_TESTS)),
  logs: z.array(z.string().check(z.maxLength(MAX_LOG_CHARS))).check(z.maxLength(MAX_LOGS)),
  vars: z.record(z.string(), z.unknown()),
  env: z.record(z.string(), z.string()),
  request: z.object({
    variables: z.record(z.string(), z.unknown()),
    headers: z.record(z.string(), z.string()),
  }),
});

/**
 * `label` names the script in every message (`post script of orders/Get order`). Never
 * throws for anything the script does; the sandbox failing to load does throw.
 */
export async function runScript(
  code: string,
  input: ScriptInput,
  label: string,
  limits: SandboxLimits = DEFAULT_LIMITS,
): Promise<ScriptOutcome> {
  const { collected, failure } = await runOnThread({
    label,
    prelude: { source: preludeFor(input), file: 'workbench-prelude.js' },
    steps: [{ source: code, file: `${input.phase}-script.js` }],
    limits,
  });
  const unchanged: ScriptOutcome = {
    tests: [],
    logs: [],
    vars: input.vars,
    env: input.env,
    request: { variables: input.request.variables, headers: input.request.headers },
    error: failure,
  };
  if (!collected.ok) return { ...unchanged, error: failure ?? collected.message };
  const read = readOutput(collected.value);
  if (!read) {
    return {
      ...unchanged,
      error:
        failure ?? `${label} left its results unreadable (did it replace JSON or a prototype?).`,
    };
  }
  const phase = input.phase;
  return {
    tests: read.tests.map((t) => ({
      phase,
      name: t.name.slice(0, 200),
      passed: t.passed,
      message: t.message,
    })),
    logs: read.logs.map((message) => ({ phase, message })),
    vars: read.vars,
    env: read.env,
    request: read.request,
    error: failure,
  };
}

function readOutput(text: string): z.infer<typeof outputSchema> | null {
  if (text.length > MAX_OUTPUT_CHARS) return null;
  try {
    const parsed = outputSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
