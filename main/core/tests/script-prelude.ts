/**
 * The API a request script sees, written in JavaScript that runs inside QuickJS (see
 * SCRIPTS.md). It is built from the run's input, given as JSON text, and evaluates to the
 * collector: a function returning, as JSON, what the script did (tests, logs, variables, the
 * request's changes). Everything here lives in the sandbox; the host only reads that JSON.
 */

/** What a script is given; only JSON values, never a secret (the caller leaves them out). */
export interface ScriptInput {
  phase: 'pre' | 'post';
  request: {
    query: string;
    operationName: string | null;
    variables: Record<string, unknown>;
    headers: Record<string, string>;
  };
  response: {
    status: number;
    headers: Record<string, string>;
    data: unknown;
    errors: unknown[];
    durationMs: number;
  } | null;
  vars: Record<string, unknown>;
  env: Record<string, string>;
  /** Names of secret variables: a script may learn they exist, never their values. */
  secretNames: string[];
  aws: { region: string | null; account: string | null };
}

export const MAX_LOGS = 100;
export const MAX_LOG_CHARS = 1000;
export const MAX_TESTS = 500;

const SOURCE = String.raw`
(function (input) {
  'use strict';
  // The script may replace any built-in after this runs: the API keeps its own copies.
  var uncurry = Function.prototype.bind.bind(Function.prototype.call);
  var push = uncurry(Array.prototype.push);
  var join = uncurry(Array.prototype.join);
  var slice = uncurry(String.prototype.slice);
  var keys = Object.keys;
  var isArray = Array.isArray;
  var stringify = JSON.stringify;
  var parse = JSON.parse;
  var freeze = Object.freeze;
  var tests = [];
  var logs = [];
  var vars = input.vars;
  var env = input.env;
  var secret = {};
  input.secretNames.forEach(function (n) { secret[n] = true; });
  var request = input.request;

  function show(v) {
    if (v === undefined) return 'undefined';
    if (typeof v === 'string') return stringify(v.length > 200 ? v.slice(0, 200) + '…' : v);
    if (typeof v === 'function') return 'a function';
    if (Array.isArray(v)) return v.length > 5 ? 'array(' + v.length + ')' : safeJson(v);
    return safeJson(v);
  }
  function safeJson(v) {
    try { var t = stringify(v); return t === undefined ? String(v) : t.length > 200 ? t.slice(0, 200) + '…' : t; }
    catch (e) { return String(v); }
  }
  function canonical(v) {
    if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
    if (v && typeof v === 'object') {
      return '{' + Object.keys(v).sort().map(function (k) { return stringify(k) + ':' + canonical(v[k]); }).join(',') + '}';
    }
    return v === undefined ? 'undefined' : stringify(v);
  }
  function Expectation(actual, negated) {
    this.actual = actual;
    this.negated = negated;
  }
  function check(self, ok, words, expected) {
    if (ok === self.negated) {
      throw new Error('expected ' + show(self.actual) + (self.negated ? ' not ' : ' ') + words +
        (arguments.length > 3 ? ' ' + show(expected) : ''));
    }
  }
  Expectation.prototype = {
    get not() { return new Expectation(this.actual, !this.negated); },
    toBe: function (x) { check(this, Object.is(this.actual, x), 'to be', x); },
    toEqual: function (x) { check(this, canonical(this.actual) === canonical(x), 'to equal', x); },
    toContain: function (x) {
      var a = this.actual;
      var ok = typeof a === 'string' ? a.indexOf(String(x)) >= 0
        : Array.isArray(a) ? a.some(function (e) { return canonical(e) === canonical(x); }) : false;
      check(this, ok, 'to contain', x);
    },
    toBeGreaterThan: function (x) { check(this, typeof this.actual === 'number' && this.actual > x, 'to be greater than', x); },
    toBeLessThan: function (x) { check(this, typeof this.actual === 'number' && this.actual < x, 'to be less than', x); },
    toMatch: function (re) {
      var r = re instanceof RegExp ? re : new RegExp(String(re));
      check(this, typeof this.actual === 'string' && r.test(this.actual), 'to match', String(r));
    },
    toHaveLength: function (n) {
      var a = this.actual;
      check(this, (typeof a === 'string' || Array.isArray(a)) && a.length === n, 'to have length', n);
    },
    toBeDefined: function () { check(this, this.actual !== undefined, 'to be defined'); },
    toBeNull: function () { check(this, this.actual === null, 'to be null'); },
    toBeTruthy: function () { check(this, !!this.actual, 'to be truthy'); },
  };
  function log() {
    if (logs.length >= ${MAX_LOGS}) return;
    var parts = [];
    for (var i = 0; i < arguments.length; i++) {
      push(parts, typeof arguments[i] === 'string' ? arguments[i] : show(arguments[i]));
    }
    push(logs, slice(join(parts, ' '), 0, ${MAX_LOG_CHARS}));
  }
  function copy(v) { return v === undefined ? undefined : parse(stringify(v)); }
  function name(k) { return String(k); }

  var api = {
    request: request,
    response: input.response,
    vars: freeze({
      get: function (k) { return copy(vars[name(k)]); },
      set: function (k, v) {
        if (v === undefined) { delete vars[name(k)]; return; }
        vars[name(k)] = copy(v);
      },
      has: function (k) { return Object.prototype.hasOwnProperty.call(vars, name(k)); },
    }),
    env: freeze({
      get: function (k) { return secret[name(k)] ? undefined : env[name(k)]; },
      set: function (k, v) {
        if (secret[name(k)]) throw new Error(name(k) + ' is a secret variable: scripts cannot read or set it');
        env[name(k)] = String(v);
      },
      isSecret: function (k) { return secret[name(k)] === true; },
    }),
    aws: freeze({ region: input.aws.region, account: input.aws.account }),
    test: function (testName, fn) {
      if (tests.length >= ${MAX_TESTS}) throw new Error('a script can run at most ${MAX_TESTS} tests');
      try {
        fn();
        push(tests, { name: String(testName), passed: true, message: null });
      } catch (e) {
        push(tests, { name: String(testName), passed: false, message: e && e.message ? String(e.message) : String(e) });
      }
    },
    expect: function (actual) { return new Expectation(actual, false); },
    console: freeze({ log: log, info: log, warn: log, error: log }),
  };
  Object.keys(api).forEach(function (k) {
    Object.defineProperty(globalThis, k, { value: api[k], writable: false, configurable: false });
  });
  return function collect() {
    return stringify({ tests: tests, logs: logs, vars: vars, env: env, request: request });
  };
})
`;

/** The prelude for one run: the API above, applied to this run's input as JSON text. */
export function preludeFor(input: ScriptInput): string {
  return `${SOURCE}(JSON.parse(${JSON.stringify(JSON.stringify(input))}))`;
}
