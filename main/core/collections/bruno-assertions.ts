/**
 * Bruno's `assert` lines as our assertions. Bruno reads `res.status`, `res.body.<path>`,
 * `res.headers.<name>` and `res.responseTime`; ours read `status`, `<path>` into the GraphQL
 * answer (`data.…`, `errors[0]…`), `headers.<name>` and `durationMs`. An operator or
 * expression with no counterpart is reported, not guessed.
 */
import {
  ASSERTION_PATH,
  MAX_ASSERTIONS,
  UNARY_OPERATORS,
  type AssertionDTO,
  type AssertionOperator,
} from '../../../shared/request-tests.ts';
import type { BrunoAssertion } from './bruno-model.ts';
import type { ImportedCollection } from './collection-import.ts';

/** Bruno's operator → ours, with the value ours needs when Bruno's takes none. */
const OPERATORS: Record<string, { operator: AssertionOperator; value?: string }> = {
  eq: { operator: 'eq' },
  neq: { operator: 'neq' },
  gt: { operator: 'gt' },
  lt: { operator: 'lt' },
  contains: { operator: 'contains' },
  matches: { operator: 'matches' },
  length: { operator: 'length' },
  isDefined: { operator: 'exists' },
  isNull: { operator: 'isNull' },
  isString: { operator: 'type', value: 'string' },
  isNumber: { operator: 'type', value: 'number' },
  isBoolean: { operator: 'type', value: 'boolean' },
  isArray: { operator: 'type', value: 'array' },
};

/** `res.body.data.x` → `data.x`; null when it reads something our answers do not have. */
export function brunoPath(expression: string): string | null {
  const e = expression.trim().replace(/^\$?res\b/, 'res');
  if (e === 'res.status') return 'status';
  if (e === 'res.responseTime') return 'durationMs';
  const header = /^res\.headers\.(.+)$/.exec(e) ?? /^res\.headers\[['"](.+)['"]\]$/.exec(e);
  if (header) return `headers.${header[1]!.toLowerCase()}`;
  const body = /^res\.body\.(.+)$/.exec(e) ?? /^res\.(data|errors)\b(.*)$/.exec(e);
  if (!body) return null;
  const path = body[2] === undefined ? body[1]! : `${body[1]}${body[2]}`;
  return ASSERTION_PATH.test(path) ? path : null;
}

export function brunoAssertions(
  collection: ImportedCollection,
  assertions: BrunoAssertion[],
  where: string,
): AssertionDTO[] {
  const out: AssertionDTO[] = [];
  for (const a of assertions) {
    const what = `assertion ${a.expression}: ${a.operator}`;
    const path = brunoPath(a.expression);
    const mapped = OPERATORS[a.operator];
    if (!path || !mapped) {
      collection.dropped.push({
        where,
        what,
        reason: !path
          ? 'reads something other than the status, a header, the time or the answer body'
          : `no "${a.operator}" operator here; add an assertion by hand`,
      });
      continue;
    }
    if (out.length >= MAX_ASSERTIONS) {
      collection.dropped.push({ where, what, reason: `more than ${MAX_ASSERTIONS} assertions` });
      continue;
    }
    const unary = UNARY_OPERATORS.includes(mapped.operator);
    out.push({
      enabled: a.enabled,
      path,
      operator: mapped.operator,
      value: unary ? null : (mapped.value ?? a.value),
    });
  }
  return out;
}
