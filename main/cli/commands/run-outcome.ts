/**
 * One request's run as `appsync-workbench run` judges and prints it: passed or failed, with
 * the exit code a failure means, and its checks (assertions, script tests) when it had any.
 */
import type { ErrorCode } from '../../../shared/errors.ts';
import { reportCounts, type RequestTestReportDTO } from '../../../shared/request-tests.ts';
import type { RequestResultDTO } from '../../../shared/requests.ts';
import { EXIT, exitCodeFor } from '../exit-codes.ts';

export interface Outcome {
  id: string;
  /** 1-based run of this request in its pass, of `of` (repeat, data rows, `--data`). */
  iteration: number;
  of: number;
  ok: boolean;
  status: number | null;
  durationMs: number | null;
  /** Why it failed: the error code, the first GraphQL error or the first failed check. */
  error: string | null;
  exitCode: number;
  tests: RequestTestReportDTO | null;
}

type Place = Pick<Outcome, 'id' | 'iteration' | 'of'>;

export function judge(place: Place, result: RequestResultDTO): Outcome {
  const tests = result.tests ?? null;
  const base = {
    ...place,
    status: result.status,
    durationMs: Math.round(result.timing.totalMs),
    tests,
  };
  if (result.diagnosis) {
    return { ...base, ok: false, error: result.diagnosis.code, exitCode: EXIT.authRefused };
  }
  if (result.status === 401 || result.status === 403) {
    return { ...base, ok: false, error: `HTTP ${result.status}`, exitCode: EXIT.authRefused };
  }
  if (result.status >= 400 || result.errors.length > 0) {
    const first = result.errors[0];
    const error = first ? `${first.errorType ?? 'GraphQL error'}: ${first.message}` : null;
    return {
      ...base,
      ok: false,
      error: error ?? `HTTP ${result.status} ${result.statusText}`,
      exitCode: EXIT.graphqlErrors,
    };
  }
  if (tests && !tests.passed) {
    return {
      ...base,
      ok: false,
      error: failures(tests)[0] ?? 'a check failed',
      exitCode: EXIT.graphqlErrors,
    };
  }
  return { ...base, ok: true, error: null, exitCode: EXIT.ok };
}

export function failure(place: Place, code: ErrorCode, message: string): Outcome {
  const error = `${code}: ${message}`;
  return {
    ...place,
    ok: false,
    status: null,
    durationMs: null,
    error,
    exitCode: exitCodeFor(code),
    tests: null,
  };
}

/** Every failed check of a report, one line each, as a person reads them. */
export function failures(tests: RequestTestReportDTO): string[] {
  return [
    ...tests.assertions.filter((a) => !a.passed).map((a) => a.message),
    ...tests.tests
      .filter((t) => !t.passed)
      .map((t) => `test "${t.name}": ${t.message ?? 'failed'}`),
    ...tests.errors.map((e) => e.message),
  ];
}

export const label = (o: Place) => (o.of > 1 ? `${o.id} (${o.iteration}/${o.of})` : o.id);

/** `ok   200 Checks/Who am I 12 ms  3/3 checks`, then one indented line per failed check. */
export function line(outcome: Outcome): string {
  const status = outcome.status === null ? '---' : String(outcome.status);
  const time = outcome.durationMs === null ? '' : ` ${outcome.durationMs} ms`;
  const mark = outcome.ok ? 'ok  ' : 'FAIL';
  let checks = '';
  if (outcome.tests) {
    const counts = reportCounts(outcome.tests);
    checks = `  ${counts.passed}/${counts.passed + counts.failed} checks`;
  }
  const head = `${mark} ${status} ${label(outcome)}${time}${checks}`;
  if (outcome.tests && !outcome.ok) {
    const lines = failures(outcome.tests);
    if (lines.length && outcome.error === lines[0])
      return [head, ...lines.map((l) => `     ✗ ${l}`)].join('\n');
  }
  return `${head}${outcome.error ? ` — ${outcome.error}` : ''}`;
}
