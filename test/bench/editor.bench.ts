/**
 * Query-editor completion at scale (target: under 50 ms on a 2,000-type schema),
 * printed against the budget and against the cost of a plain parse of the same document
 * measured in the same run — never asserted as timings.
 * The calls are the ones cm6-graphql makes on each keystroke.
 * Run: node test/bench/editor.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { parse } from 'graphql';
import { getAutocompleteSuggestions, getDiagnostics, Position } from 'graphql-language-service';
import { validateVariables } from '../../renderer/src/lib/editor/variables-validation.ts';
import { bigSchema } from '../renderer/editor/big-schema.ts';

const TYPES = 2000;
const BUDGET_MS = 50;
const RUNS = 200;

function stats(fn: () => void): { median: number; p95: number; max: number } {
  for (let i = 0; i < 20; i++) fn(); // warm up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)] ?? NaN,
    p95: times[Math.floor(times.length * 0.95)] ?? NaN,
    max: times.at(-1) ?? NaN,
  };
}

const buildStart = performance.now();
const schema = bigSchema(TYPES);
console.log(`schema of ${TYPES} types built in ${(performance.now() - buildStart).toFixed(0)} ms`);

const document = `query Orders($id: ID!, $status: Status) {
  entity1500(id: $id, status: $status) {
    id
    next(limit: 10) {
      name1501
      next { id status }
    }
  }
  entity7(id: "7", status: ACTIVE) { id }
}`;

const cases: [string, Position][] = [
  ['root field (Query has 2,000)', new Position(8, 3)],
  ['field of a nested type', new Position(5, 6)],
  ['argument', new Position(1, 13)],
  ['enum value', new Position(8, 28)],
];

const fmt = (n: number) => n.toFixed(2).padStart(7);
const baseline = stats(() => parse(document));
console.log(`baseline: graphql parse of the same document  median ${fmt(baseline.median)} ms`);
let worst = 0;
for (const [name, position] of cases) {
  const s = stats(() => getAutocompleteSuggestions(schema, document, position));
  const proposals = getAutocompleteSuggestions(schema, document, position).length;
  worst = Math.max(worst, s.p95);
  console.log(
    `completion, ${name.padEnd(32)} median ${fmt(s.median)} ms  p95 ${fmt(s.p95)} ms  max ${fmt(s.max)} ms  ` +
      `(${(s.median / baseline.median).toFixed(1)}× a parse; ${proposals} proposals)`,
  );
}
const lint = stats(() => getDiagnostics(document, schema));
console.log(
  `validation as you type (getDiagnostics)      median ${fmt(lint.median)} ms  p95 ${fmt(lint.p95)} ms`,
);
const vars = stats(() =>
  validateVariables(schema, document, 'Orders', '{"id": "1", "status": "NOPE"}'),
);
console.log(
  `variables validation                         median ${fmt(vars.median)} ms  p95 ${fmt(vars.p95)} ms`,
);
console.log(
  `completion p95, worst case: ${worst.toFixed(2)} ms of a ${BUDGET_MS} ms budget — ${
    worst < BUDGET_MS ? 'within budget' : 'OVER BUDGET'
  } (${(BUDGET_MS / worst).toFixed(1)}× headroom)`,
);
