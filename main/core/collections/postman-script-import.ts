/**
 * Postman test scripts into this app's checks. A script is data here: it is read as text and
 * never run. `pm.test(…)` blocks made only of checks this app has as assertions
 * (`pm.response.to.have.status(200)`, `pm.expect(pm.response.code).to.eql(200)`,
 * `pm.expect(jsonData.data.x).to.eql(…)` and the like) become assertions; what is left is kept
 * as the request's post script, flagged in the import report for review (Postman's `pm` API
 * does not exist in this app's sandbox, so it would fail until rewritten).
 */
import {
  ASSERTION_PATH,
  type AssertionDTO,
  type AssertionOperator,
} from '../../../shared/request-tests.ts';

export interface ScriptImport {
  assertions: AssertionDTO[];
  pre: string | null;
  post: string | null;
}

const REVIEW_NOTE =
  '// Imported from Postman for review: this app has no `pm` object (see SCRIPTS.md for its API).\n';

/** Index just past the bracket closing the one at `open`, skipping strings and comments; -1 if none. */
function closing(text: string, open: number): number {
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2);
      if (i < 0) return -1;
      i++;
    } else if (pairs[c]) stack.push(pairs[c]);
    else if (c === ')' || c === '}' || c === ']') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

/** Top-level statements of a function body (split on `;` and line ends outside brackets). */
function statements(body: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if ('([{"\'`'.includes(c) || (c === '/' && (body[i + 1] === '/' || body[i + 1] === '*'))) {
      if (c === '/' && body[i + 1] === '/') {
        const end = body.indexOf('\n', i);
        i = end < 0 ? body.length : end - 1;
        continue;
      }
      const end = c === '/' ? body.indexOf('*/', i) + 1 : closing(body, i) - 1;
      if (end < i) return [body];
      if ('"\'`'.includes(c)) {
        for (i++; i < body.length && body[i] !== c; i++) if (body[i] === '\\') i++;
      } else i = end;
    } else if (c === ';' || c === '\n') {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out.map((s) => s.replace(/^\s*\/\/.*$/gm, '').trim()).filter(Boolean);
}

/** A JavaScript literal as assertion text (JSON), or undefined when it is not a plain literal. */
function literal(text: string): string | undefined {
  const t = text.trim();
  if (/^'(?:[^'\\]|\\.)*'$/.test(t)) {
    const inner = t.slice(1, -1).replace(/\\'/g, "'").replace(/"/g, '\\"');
    try {
      return JSON.stringify(JSON.parse(`"${inner}"`));
    } catch {
      return undefined;
    }
  }
  try {
    return JSON.stringify(JSON.parse(t));
  } catch {
    return undefined;
  }
}

/** `jsonData.data.items[0].id` / `pm.response.code` … → an assertion path, or undefined. */
function answerPath(expression: string, aliases: Set<string>): string | undefined {
  const e = expression.trim();
  if (e === 'pm.response.code') return 'status';
  if (e === 'pm.response.responseTime') return 'durationMs';
  const header = /^pm\.response\.headers\.get\(\s*(['"])([\w-]+)\1\s*\)$/.exec(e);
  if (header) return `headers.${header[2]!.toLowerCase()}`;
  const json =
    /^(?:pm\.response\.json\(\)|([A-Za-z_$][\w$]*))((?:\.[A-Za-z_$][\w$]*|\[\d+\])+)$/.exec(e);
  if (!json || (json[1] !== undefined && !aliases.has(json[1]))) return undefined;
  const path = json[2]!.slice(1);
  return ASSERTION_PATH.test(path) ? path : undefined;
}

const CHAINS: [RegExp, AssertionOperator, 'value' | 'none' | 'type'][] = [
  [/^to\.(?:be\.)?(?:eql|equal|equals|deep\.equal)\((.+)\)$/s, 'eq', 'value'],
  [/^(?:to\.not|not\.to)\.(?:be\.)?(?:eql|equal|equals|deep\.equal)\((.+)\)$/s, 'neq', 'value'],
  [/^to\.be\.(?:above|greaterThan|gt)\((.+)\)$/s, 'gt', 'value'],
  [/^to\.be\.(?:below|lessThan|lt)\((.+)\)$/s, 'lt', 'value'],
  [/^to\.(?:include|contain|have\.string)\((.+)\)$/s, 'contains', 'value'],
  [/^to\.(?:have\.)?(?:lengthOf|length)\((.+)\)$/s, 'length', 'value'],
  [/^to\.(?:exist|not\.be\.undefined)$/, 'exists', 'none'],
  [/^to\.be\.null$/, 'isNull', 'none'],
  [/^to\.be\.(?:a|an)\((.+)\)$/s, 'type', 'type'],
];

/** One statement as an assertion; `null` for an alias (`var d = pm.response.json()`); undefined: not a check. */
function translate(statement: string, aliases: Set<string>): AssertionDTO | null | undefined {
  const s = statement.replace(/;$/, '').trim();
  const alias = /^(?:var|let|const)\s+([A-Za-z_$][\w$]*)\s*=\s*pm\.response\.json\(\)$/.exec(s);
  if (alias) {
    aliases.add(alias[1]!);
    return null;
  }
  const status = /^pm\.response\.to\.have\.status\((\d{3})\)$/.exec(s);
  if (status) return { enabled: true, path: 'status', operator: 'eq', value: status[1]! };
  const expect = /^pm\.expect\(/.exec(s);
  if (!expect) return undefined;
  const end = closing(s, 'pm.expect'.length);
  if (end < 0 || s[end] !== '.') return undefined;
  const path = answerPath(s.slice('pm.expect('.length, end - 1), aliases);
  if (!path) return undefined;
  const chain = s.slice(end + 1);
  for (const [pattern, operator, kind] of CHAINS) {
    const match = pattern.exec(chain);
    if (!match) continue;
    if (kind === 'none') return { enabled: true, path, operator, value: null };
    const value = literal(match[1]!);
    if (value === undefined) return undefined;
    // `type` takes the bare name; `eq 200` on the status is clearest as plain text too.
    const text = kind === 'type' || /^-?\d/.test(value) ? String(JSON.parse(value)) : value;
    if (
      kind === 'type' &&
      !['string', 'number', 'boolean', 'object', 'array', 'null'].includes(text)
    )
      return undefined;
    return { enabled: true, path, operator, value: text };
  }
  return undefined;
}

/** The `pm.test(name, fn)` calls of a script: where each starts and ends, and fn's body. */
function testBlocks(script: string): { start: number; end: number; body: string }[] {
  const blocks: { start: number; end: number; body: string }[] = [];
  for (const match of script.matchAll(/pm\.test\s*\(\s*(['"])(?:(?!\1)[^\\]|\\.)*\1\s*,/g)) {
    const start = match.index;
    if (blocks.length && start < blocks[blocks.length - 1]!.end) continue;
    const end = closing(script, script.indexOf('(', start));
    if (end < 0) continue;
    const fn = script.slice(start + match[0].length, end - 1).trim();
    const head = /^(?:function\s*[\w$]*\s*\(\s*\)|\(\s*\)\s*=>)\s*/.exec(fn);
    if (!head) continue;
    let body = fn.slice(head[0].length);
    if (body.startsWith('{')) {
      if (closing(body, 0) !== body.length) continue;
      body = body.slice(1, -1);
    } else if (!head[0].includes('=>')) continue;
    const after = /^\s*;?/.exec(script.slice(end))![0].length;
    blocks.push({ start, end: end + after, body });
  }
  return blocks;
}

/** Postman `event` entries → assertions and the scripts to keep. */
export function importPostmanScripts(events: { listen: string; exec: string }[]): ScriptImport {
  const assertions: AssertionDTO[] = [];
  const pre = events
    .filter((e) => e.listen === 'prerequest')
    .map((e) => e.exec)
    .join('\n')
    .trim();
  const kept: string[] = [];
  for (const event of events.filter((e) => e.listen === 'test')) {
    const aliases = new Set<string>();
    for (const statement of statements(event.exec)) translate(statement, aliases);
    let rest = '';
    let at = 0;
    for (const block of testBlocks(event.exec)) {
      const translated = statements(block.body).map((s) => translate(s, aliases));
      if (translated.every((t) => t !== undefined) && translated.some((t) => t !== null)) {
        assertions.push(...translated.filter((t): t is AssertionDTO => t !== null));
        rest += event.exec.slice(at, block.start);
        at = block.end;
      }
    }
    rest += event.exec.slice(at);
    // What remains of the script matters only if it is more than the `jsonData` aliases.
    const remaining = statements(rest).filter((s) => translate(s, new Set()) !== null);
    if (remaining.length) kept.push(rest.replace(/\n\s*\n(\s*\n)+/g, '\n\n').trim());
  }
  return {
    assertions,
    pre: pre ? REVIEW_NOTE + pre + '\n' : null,
    post: kept.length ? REVIEW_NOTE + kept.join('\n') + '\n' : null,
  };
}
