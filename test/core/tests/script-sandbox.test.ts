/**
 * Scripts come from collections other people wrote: each escape a script might try must end
 * in a clear error naming the script, with the host untouched and the next script running.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_LIMITS } from '../../../main/core/tests/quickjs-sandbox.ts';
import type { ScriptInput } from '../../../main/core/tests/script-prelude.ts';
import { runScript } from '../../../main/core/tests/script-runner.ts';

const input = (overrides: Partial<ScriptInput> = {}): ScriptInput => ({
  phase: 'post',
  request: { query: '{ a }', operationName: null, variables: { id: '1' }, headers: {} },
  response: {
    status: 200,
    headers: {},
    data: { getNote: { title: 'x' } },
    errors: [],
    durationMs: 5,
  },
  vars: {},
  env: { region: 'eu-west-1' },
  secretNames: ['apiKey'],
  aws: { region: 'eu-west-1', account: '123456789012' },
  ...overrides,
});

/** A well-behaved script: it must still run, and see a clean world, after any hostile one. */
async function stillWorks() {
  const outcome = await runScript(
    `test('clean', () => {
       expect(Object.prototype.polluted).toBe(undefined);
       expect([1, 2].map((n) => n * 2)).toEqual([2, 4]);
       expect(response.status).toBe(200);
     });`,
    input(),
    'post script of Next',
  );
  assert.equal(outcome.error, null);
  assert.deepEqual(
    outcome.tests.map((t) => [t.name, t.passed, t.message]),
    [['clean', true, null]],
  );
}

describe('script sandbox', () => {
  test('the API: tests, expect, vars, env, aws, console; values come back as JSON', async () => {
    const outcome = await runScript(
      `test('status', () => expect(response.status).toBe(200));
       test('title', () => expect(response.data.getNote.title).toEqual('y'));
       test('not', () => expect(response.errors).not.toHaveLength(1));
       test('matchers', () => {
         expect('abc').toContain('b'); expect([1, {a: 2}]).toContain({a: 2});
         expect(3).toBeGreaterThan(2); expect(1).toBeLessThan(2); expect('note-7').toMatch(/^note-\\d$/);
         expect(0).toBeDefined(); expect(null).toBeNull(); expect('x').toBeTruthy();
       });
       vars.set('noteId', 'n-42');
       env.set('lastRun', 'today');
       console.log('region', aws.region, aws.account, { n: 1 });`,
      input(),
      'post script of Get note',
    );
    assert.equal(outcome.error, null);
    assert.deepEqual(
      outcome.tests.map((t) => [t.name, t.passed, t.message]),
      [
        ['status', true, null],
        ['title', false, 'expected "x" to equal "y"'],
        ['not', true, null],
        ['matchers', true, null],
      ],
    );
    assert.deepEqual(outcome.vars, { noteId: 'n-42' });
    assert.equal(outcome.env.lastRun, 'today');
    assert.deepEqual(outcome.logs, [
      { phase: 'post', message: 'region eu-west-1 123456789012 {"n":1}' },
    ]);
  });

  test('a pre script changes the request variables and headers', async () => {
    const outcome = await runScript(
      `request.variables.id = 'n-' + (1 + 1); request.headers['x-trace'] = 'abc';`,
      input({ phase: 'pre', response: null }),
      'pre script of Get note',
    );
    assert.equal(outcome.error, null);
    assert.deepEqual(outcome.request, { variables: { id: 'n-2' }, headers: { 'x-trace': 'abc' } });
  });

  test('a secret variable is never given: env.get is undefined, env.set refuses', async () => {
    const outcome = await runScript(
      `test('hidden', () => { expect(env.get('apiKey')).toBe(undefined); expect(env.isSecret('apiKey')).toBe(true); });
       env.set('apiKey', 'overwritten');`,
      input(),
      'post script of Q',
    );
    assert.equal(outcome.tests[0]?.passed, true);
    assert.match(outcome.error ?? '', /post script of Q failed: apiKey is a secret variable/);
    assert.equal(outcome.env.apiKey, undefined);
  });

  for (const [what, code, error] of [
    [
      'require',
      `require('fs').readFileSync('/etc/passwd')`,
      /post script of Evil failed: ReferenceError: 'require' is not defined/,
    ],
    [
      'process',
      `process.env.HOME`,
      /post script of Evil failed: ReferenceError: 'process' is not defined/,
    ],
    [
      'fetch',
      `fetch('http://127.0.0.1:1/')`,
      /post script of Evil failed: ReferenceError: 'fetch' is not defined/,
    ],
    [
      'import()',
      `import('node:fs')`,
      /post script of Evil failed: .*could not load module 'node:fs'/,
    ],
    [
      'the Function constructor',
      `globalThis.constructor.constructor('return process')().exit(1)`,
      /post script of Evil failed: ReferenceError: 'process' is not defined/,
    ],
    [
      'setTimeout',
      `setTimeout(() => {}, 1)`,
      /post script of Evil failed: ReferenceError: 'setTimeout' is not defined/,
    ],
    [
      'an infinite loop',
      `while (true) {}`,
      /post script of Evil stopped: it ran longer than 1000 ms \(the time limit for a script\)/,
    ],
    [
      'deep recursion',
      `function f() { return f() + 1; } f();`,
      /post script of Evil stopped: it recursed too deep/,
    ],
    [
      'a memory bomb',
      `const keep = []; const s = 'x'.repeat(65536); while (true) keep.push(s + keep.length);`,
      /post script of Evil stopped: it (ran longer than 1000 ms|needed more than 32 MB)/,
    ],
  ] as const) {
    test(`${what} is stopped with a clear error; the next script still runs`, async () => {
      const outcome = await runScript(code, input(), 'post script of Evil');
      assert.match(outcome.error ?? '(no error)', error);
      await stillWorks();
    });
  }

  test('a memory bomb hits the memory limit and says so', async () => {
    const outcome = await runScript(
      `const keep = []; const s = 'x'.repeat(65536); while (true) keep.push(s + keep.length);`,
      input(),
      'post script of Bomb',
      { ...DEFAULT_LIMITS, memoryBytes: 4 * 1024 * 1024, timeMs: 10_000 },
    );
    assert.match(
      outcome.error ?? '',
      /post script of Bomb stopped: it needed more than 4 MB \(the memory limit for a script\)/,
    );
    await stillWorks();
  });

  test('prototype pollution stays inside: the host and the next script see clean prototypes', async () => {
    const outcome = await runScript(
      `Object.prototype.polluted = 'yes'; Array.prototype.push = null; JSON.stringify = () => '{}';
       test('still counted', () => {});`,
      input(),
      'post script of Polluter',
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'the host is untouched');
    assert.equal(typeof Array.prototype.push, 'function');
    // The API kept its own copies: the script's test still reports.
    assert.deepEqual(
      outcome.tests.map((t) => t.name),
      ['still counted'],
    );
    await stillWorks();
  });

  test('a script that breaks its own results gets a clear error, not garbage', async () => {
    const outcome = await runScript(
      `vars.set('x', 1); Object.defineProperty(Object.prototype, 'toJSON', { value: () => 7 });`,
      input(),
      'post script of Breaker',
    );
    assert.match(outcome.error ?? '', /post script of Breaker left its results unreadable/);
    await stillWorks();
  });

  test('host values cross as JSON only: no function or object handle of the host is inside', async () => {
    const outcome = await runScript(
      `const seen = [];
       for (const v of [response, request, vars, env, aws, console]) {
         for (const k of Object.getOwnPropertyNames(v)) {
           const x = v[k];
           if (typeof x === 'function' && /native code/.test(Function.prototype.toString.call(x)) === false) continue;
           if (typeof x === 'function') seen.push(k);
         }
       }
       test('only sandbox functions', () => expect(seen).toEqual([]));
       test('no Node', () => expect(typeof globalThis.process + typeof globalThis.Buffer + typeof globalThis.require).toBe('undefinedundefinedundefined'));`,
      input(),
      'post script of Inspector',
    );
    assert.equal(outcome.error, null);
    assert.deepEqual(
      outcome.tests.map((t) => [t.name, t.passed]),
      [
        ['only sandbox functions', true],
        ['no Node', true],
      ],
    );
  });
});
