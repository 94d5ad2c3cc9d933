/**
 * Bruno scripts, kept as our pre/post scripts. Bruno's script API (`bru.setVar`, `res.body`,
 * `req.setHeader`, chai's `expect(x).to.equal(y)`) is not ours (SCRIPTS.md), so an imported
 * script is wrapped in a function whose parameters give those names a small translation onto
 * ours. The wrapper is plain text in the request's sidecar, in the sandbox like any script;
 * nothing of it runs at import.
 */

/**
 * The translation, as JavaScript function declarations: hoisted, so they can follow the Bruno
 * script, which then reads first in the editor.
 */
const BRUNO_API = String.raw`function bruApi() { return {
  setVar: function (k, v) { vars.set(k, v); },
  getVar: function (k) { return vars.get(k); },
  hasVar: function (k) { return vars.has(k); },
  deleteVar: function (k) { vars.set(k, undefined); },
  setEnvVar: function (k, v) { env.set(k, v); },
  getEnvVar: function (k) { return env.get(k); },
}; }
function resApi() { return response && {
  status: response.status,
  headers: response.headers,
  body: { data: response.data, errors: response.errors },
  responseTime: response.durationMs,
  getStatus: function () { return response.status; },
  getBody: function () { return { data: response.data, errors: response.errors }; },
  getHeader: function (n) { return response.headers[String(n).toLowerCase()]; },
  getHeaders: function () { return response.headers; },
  getResponseTime: function () { return response.durationMs; },
}; }
function reqApi() { return {
  getHeader: function (n) { return request.headers[n]; },
  setHeader: function (n, v) { request.headers[n] = String(v); },
  getBody: function () { return { query: request.query, variables: request.variables }; },
}; }
function chaiExpect(actual) {
  function chain(not) {
    var e = not ? expect(actual).not : expect(actual);
    var c = {
      equal: function (x) { e.toBe(x); }, eql: function (x) { e.toEqual(x); },
      include: function (x) { e.toContain(x); }, contain: function (x) { e.toContain(x); },
      lengthOf: function (n) { e.toHaveLength(n); }, above: function (n) { e.toBeGreaterThan(n); },
      below: function (n) { e.toBeLessThan(n); }, match: function (r) { e.toMatch(r); },
      a: function (t) { typeOf(t, not); }, an: function (t) { typeOf(t, not); },
      property: function (k) {
        var has = actual !== null && typeof actual === 'object' && k in actual;
        if (has === !!not) throw new Error('expected ' + JSON.stringify(actual) + (not ? ' not' : '') + ' to have property ' + k);
      },
    };
    Object.defineProperty(c, 'ok', { get: function () { e.toBeTruthy(); } });
    Object.defineProperty(c, 'true', { get: function () { e.toBe(true); } });
    Object.defineProperty(c, 'false', { get: function () { e.toBe(false); } });
    Object.defineProperty(c, 'null', { get: function () { e.toBeNull(); } });
    Object.defineProperty(c, 'exist', { get: function () { e.toBeDefined(); } });
    c.to = c.be = c.been = c.have = c.that = c.is = c;
    return c;
  }
  function typeOf(t, not) {
    var kind = Array.isArray(actual) ? 'array' : actual === null ? 'null' : typeof actual;
    if ((kind === String(t).toLowerCase()) === !!not) throw new Error('expected ' + kind + (not ? ' not' : '') + ' to be ' + t);
  }
  var out = chain(false);
  out.to.not = chain(true);
  out.not = out.to.not;
  return out;
}`;

const USES_BRUNO_API = /\b(bru|res|req)\.|\bexpect\s*\([^)]*\)\s*\.\s*(to|not)\b/;

/** A Bruno script as ours: wrapped with the translation when it uses Bruno's API. */
export function brunoScript(code: string): string {
  if (!USES_BRUNO_API.test(code)) return code;
  const open = /\bawait\b/.test(code) ? '(async function' : '(function';
  return [
    '// Imported from Bruno. Its bru, res, req and chai-style expect are translated onto this',
    "// app's script API (SCRIPTS.md) by the functions after the script.",
    `${open} (bru, res, req, expect) {`,
    code,
    '})(bruApi(), resApi(), reqApi(), chaiExpect);',
    '',
    BRUNO_API,
  ].join('\n');
}
