/**
 * Requests that test themselves: assertions on the answer, pre/post scripts, and what a run
 * reports about them; zod-free (the window imports it), the schemas are in
 * request-tests-schema.ts. Scripts are text from possibly untrusted collections; main runs them in a sandbox.
 */
export const ASSERTION_OPERATORS = [
  'eq',
  'neq',
  'gt',
  'lt',
  'contains',
  'matches',
  'length',
  'exists',
  'isNull',
  'type',
] as const;
export type AssertionOperator = (typeof ASSERTION_OPERATORS)[number];

/** Operators that compare with nothing: `value` is ignored (and saved as null). */
export const UNARY_OPERATORS: readonly AssertionOperator[] = ['exists', 'isNull'];

/** What `type` may expect. */
export const VALUE_TYPES = ['string', 'number', 'boolean', 'object', 'array', 'null'] as const;

/**
 * One check on the answer. `path` reads into it: `status`, `durationMs`, `headers.<name>`,
 * `data.listNotes.items`, `errors[0].errorType`, `data.a.b[2].c`. `value` is text as the
 * person typed it: JSON when it parses (`200`, `true`, `"x"`, `[1]`), else the text itself.
 */
export interface AssertionDTO {
  enabled: boolean;
  path: string;
  operator: AssertionOperator;
  value: string | null;
}

/** JavaScript run before the request is sent (`pre`) and after its answer (`post`). */
export interface RequestScriptsDTO {
  pre: string | null;
  post: string | null;
}

export const EMPTY_SCRIPTS: RequestScriptsDTO = { pre: null, post: null };

/** A request's test fields when it has none: what builders of a new draft spread in. */
export function noRequestTests(): {
  assertions: AssertionDTO[];
  scripts: RequestScriptsDTO;
  repeat: number | null;
  data: string | null;
} {
  return { assertions: [], scripts: { pre: null, post: null }, repeat: null, data: null };
}

/** The most of each a request may hold: enough for any real suite, bounded for the sandbox. */
export const MAX_ASSERTIONS = 200;
export const MAX_SCRIPT_CHARS = 100_000;
export const MAX_REPEAT = 1000;

/** A path into the answer: a name, then `.name` or `[index]` steps (header names may hold `-`). */
export const ASSERTION_PATH =
  /^(?:[A-Za-z_$][\w$-]*|\[\d+\])(?:\.[A-Za-z_$][\w$-]*|\.\d+|\[\d+\]|\["[^"\\]*"\])*$/;

// ── What a run reports ──────────────────────────────────────────────────────────────────────

export interface AssertionResultDTO {
  path: string;
  operator: AssertionOperator;
  expected: string | null;
  /** The value found, as a short display string (`"abc"`, `200`, `array(3)`, `undefined`). */
  actual: string;
  passed: boolean;
  /** `data.getNote.title: expected "x", got "y"`; for a pass, what held. */
  message: string;
}

/** One `test(name, fn)` of a script. */
export interface ScriptTestResultDTO {
  phase: 'pre' | 'post';
  name: string;
  passed: boolean;
  /** Why it failed (the thrown error's message), null when it passed. */
  message: string | null;
}

/** A script that threw, was stopped (time or memory limit) or did not compile. */
export interface ScriptErrorDTO {
  phase: 'pre' | 'post';
  message: string;
}

export interface ScriptLogDTO {
  phase: 'pre' | 'post';
  message: string;
}

export interface RequestTestReportDTO {
  /** True when every enabled assertion and every script test passed and no script failed. */
  passed: boolean;
  assertions: AssertionResultDTO[];
  tests: ScriptTestResultDTO[];
  errors: ScriptErrorDTO[];
  /** `console.log` lines, capped. */
  logs: ScriptLogDTO[];
}

/** The counts a progress line, a badge or history shows. */
export function reportCounts(report: RequestTestReportDTO): { passed: number; failed: number } {
  const checks = [...report.assertions, ...report.tests];
  const passed = checks.filter((c) => c.passed).length;
  return { passed, failed: checks.length - passed + report.errors.length };
}

/** The names of what failed, never their values: `data.x eq`, `test "status ok"`, `post script`. */
export function failedNames(report: RequestTestReportDTO): string[] {
  return [
    ...report.assertions.filter((a) => !a.passed).map((a) => `${a.path} ${a.operator}`),
    ...report.tests.filter((t) => !t.passed).map((t) => `test "${t.name}"`),
    ...report.errors.map((e) => `${e.phase} script`),
  ];
}
