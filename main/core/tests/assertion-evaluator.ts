/**
 * Checks a request's assertions against its answer. A path reads into the answer
 * (`status`, `durationMs`, `headers.<name>`, `data.a.b[2].c`, `errors[0].errorType`); the
 * expected value is text, read as JSON when it parses. `matches` runs its regular expression
 * inside the QuickJS sandbox with a short deadline, because a pattern from a cloned collection
 * can backtrack for ever (`(a+)+$`) and V8's own engine cannot be interrupted.
 */
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';
import type {
  AssertionDTO,
  AssertionResultDTO,
  RequestTestReportDTO,
} from '../../../shared/request-tests.ts';
import { runIsolated } from './quickjs-sandbox.ts';

/** What an assertion path reads: the answer as a script's `response` sees it. */
export interface AnswerView {
  status: number;
  statusText: string;
  durationMs: number;
  headers: Record<string, string>;
  data: unknown;
  errors: unknown[];
  sizeBytes: number;
}

/** A `matches` gets this long before it counts as failed (catastrophic backtracking). */
export const REGEX_TIME_MS = 100;
/** Longer text is cut before `matches` sees it. */
export const REGEX_INPUT_CHARS = 100_000;

type Step = string | number;

/** `data.a["b c"][2]` → ['data', 'a', 'b c', 2]. The schema already checked the shape. */
export function pathSteps(path: string): Step[] {
  const steps: Step[] = [];
  const pattern = /\[(\d+)\]|\["([^"\\]*)"\]|\.?([^.[\]]+)/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) steps.push(Number(match[1]));
    else if (match[2] !== undefined) steps.push(match[2]);
    else if (match[3] !== undefined)
      steps.push(/^\d+$/.test(match[3]) ? Number(match[3]) : match[3]);
  }
  return steps;
}

export function readPath(answer: AnswerView, path: string): unknown {
  const steps = pathSteps(path);
  let value: unknown = answer;
  for (const [index, step] of steps.entries()) {
    if (value === null || typeof value !== 'object') return undefined;
    // Header names are case-insensitive: the answer keeps them lower-case.
    const key =
      index === 1 && steps[0] === 'headers' && typeof step === 'string' ? step.toLowerCase() : step;
    if (!Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** A value as a report shows it: short, typed, never the whole body. */
export function display(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string')
    return JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
  if (Array.isArray(value)) return value.length > 3 ? `array(${value.length})` : short(value);
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value);
    return keys.length > 4 ? `object(${keys.length} keys)` : short(value);
  }
  return String(value);
}

function short(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

/** `200` → 200, `"x"` → "x", `x` → "x". */
export function expectedValue(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) =>
      Object.prototype.hasOwnProperty.call(b, k) &&
      deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** Equal as values, or as text when the answer holds text (a header `200` equals `200`). */
function equals(actual: unknown, expected: unknown, raw: string | null): boolean {
  if (deepEqual(actual, expected)) return true;
  return typeof actual === 'string' && raw !== null && actual === raw;
}

/** `/re/flags` or a bare pattern. */
function regexParts(text: string): { source: string; flags: string } {
  const literal = /^\/(.*)\/([dgimsuvy]*)$/s.exec(text);
  return literal ? { source: literal[1]!, flags: literal[2]! } : { source: text, flags: '' };
}

/** true/false, or a message when the pattern is invalid or ran too long. */
function regexTest(module: QuickJSWASMModule, pattern: string, input: string): boolean | string {
  const { source, flags } = regexParts(pattern);
  const call = `(function () { return String(new RegExp(${JSON.stringify(source)}, ${JSON.stringify(flags)}).test(${JSON.stringify(input.slice(0, REGEX_INPUT_CHARS))})); })`;
  const { collected, failure } = runIsolated(
    module,
    'the pattern',
    { source: call, file: 'matches.js' },
    [],
    {
      timeMs: REGEX_TIME_MS,
      memoryBytes: 16 * 1024 * 1024,
      stackBytes: 256 * 1024,
    },
  );
  if (!collected.ok || failure) {
    const message = failure ?? (collected.ok ? '' : collected.message);
    return /time limit/.test(message)
      ? `the pattern ran longer than ${REGEX_TIME_MS} ms (it backtracks too much)`
      : message.replace(/^the pattern failed: /, 'the pattern is invalid: ');
  }
  return collected.value === 'true';
}

/** One assertion's verdict. `module` is needed only for `matches`. */
export function evaluateAssertion(
  assertion: AssertionDTO,
  answer: AnswerView,
  module: QuickJSWASMModule | null,
): AssertionResultDTO {
  const { path, operator, value: raw } = assertion;
  const actual = readPath(answer, path);
  const expected = expectedValue(raw);
  const shown = display(actual);
  const result = (passed: boolean, why: string): AssertionResultDTO => ({
    path,
    operator,
    expected: raw,
    actual: shown,
    passed,
    message: `${path}: ${why}`,
  });
  const got = `got ${shown}`;
  switch (operator) {
    case 'eq':
      return result(equals(actual, expected, raw), `expected ${display(expected)}, ${got}`);
    case 'neq':
      return result(
        !equals(actual, expected, raw),
        `expected anything but ${display(expected)}, ${got}`,
      );
    case 'gt':
    case 'lt': {
      const n = typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : actual;
      const limit = Number(expected);
      const word = operator === 'gt' ? 'greater' : 'less';
      if (typeof n !== 'number' || Number.isNaN(n) || Number.isNaN(limit)) {
        return result(false, `expected a number ${word} than ${raw}, ${got}`);
      }
      return result(
        operator === 'gt' ? n > limit : n < limit,
        `expected ${word} than ${raw}, ${got}`,
      );
    }
    case 'contains': {
      let passed = false;
      if (typeof actual === 'string')
        passed = actual.includes(typeof expected === 'string' ? expected : (raw ?? ''));
      else if (Array.isArray(actual)) passed = actual.some((item) => equals(item, expected, raw));
      return result(passed, `expected it to contain ${display(expected)}, ${got}`);
    }
    case 'matches': {
      if (typeof actual !== 'string') return result(false, `expected text matching ${raw}, ${got}`);
      if (!module) return result(false, 'the pattern could not be run');
      const verdict = regexTest(module, raw ?? '', actual);
      if (typeof verdict === 'string') return result(false, verdict);
      return result(verdict, `expected text matching ${raw}, ${got}`);
    }
    case 'length': {
      const n = Number(expected);
      if (typeof actual !== 'string' && !Array.isArray(actual)) {
        return result(false, `expected a list or text of length ${raw}, ${got}`);
      }
      return result(actual.length === n, `expected length ${raw}, got length ${actual.length}`);
    }
    case 'exists':
      return result(actual !== undefined, `expected it to exist, ${got}`);
    case 'isNull':
      return result(actual === null, `expected null, ${got}`);
    case 'type':
      return result(
        typeOf(actual) === String(expected),
        `expected type ${String(expected)}, got ${typeOf(actual)} ${shown}`,
      );
  }
}

export function evaluateAssertions(
  assertions: AssertionDTO[],
  answer: AnswerView,
  module: QuickJSWASMModule | null,
): RequestTestReportDTO['assertions'] {
  return assertions.filter((a) => a.enabled).map((a) => evaluateAssertion(a, answer, module));
}
