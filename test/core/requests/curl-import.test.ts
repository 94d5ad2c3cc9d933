import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { copyAsCode, type CodeRequest } from '../../../main/core/requests/copy-as-code.ts';
import { curlImport, parseCurl } from '../../../main/core/requests/curl-import.ts';
import { shellWords } from '../../../main/core/requests/shell-words.ts';
import { methods } from '../../../shared/contract.ts';
import type { EndpointDTO } from '../../../shared/endpoints.ts';
import { MAX_CURL_BYTES } from '../../../shared/curl-import.ts';

const URL_ = 'https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql';
const query = `query Note($id: ID!) {\n  getNote(id: $id) { title body }\n}`;
const base: Omit<CodeRequest, 'auth'> = {
  url: URL_,
  query,
  variables: { id: "it's 1", nested: { emoji: '✓', quote: '"' } },
  operationName: 'Note',
  headers: { 'x-tenant': 'ops' },
  region: 'eu-west-1',
  profile: 'prod',
};

describe('shell words', () => {
  test('single, double, $-quoted and backslash-newline', () => {
    const words = shellWords(
      `curl 'it'\\''s' "a \\"b\\" \\$HOME $HOME" $'line\\nnext\\t\\'q\\' \\x41\\u00e9' plain\\ word \\\n  --next # a comment\n last`,
    );
    assert.deepEqual(
      words.map((w) => w.text),
      ['curl', "it's", 'a "b" $HOME $HOME', "line\nnext\t'q' Aé", 'plain word', '--next', 'last'],
    );
    assert.deepEqual(
      words.map((w) => w.expands),
      [false, false, true, false, false, false, false],
    );
  });

  test('an unclosed quote is refused', () => {
    assert.throws(() => shellWords(`curl 'open`), /never closed/);
    assert.throws(() => shellWords(`curl "open`), /never closed/);
  });
});

describe('curl import', () => {
  test("round trip: the app's own Copy as curl for IAM reads back", () => {
    const code = copyAsCode('curl', {
      ...base,
      auth: { type: 'AWS_IAM', profile: 'prod', service: 'appsync' },
    });
    const parsed = parseCurl(code);
    assert.equal(parsed.url, URL_);
    assert.equal(parsed.query, query);
    assert.deepEqual(JSON.parse(parsed.variables), base.variables);
    assert.equal(parsed.operationName, 'Note');
    assert.equal(parsed.headers, 'x-tenant: ops');
    assert.equal(parsed.authMode, 'AWS_IAM');
    assert.equal(parsed.region, 'eu-west-1');
    assert.equal(parsed.service, 'appsync');
    assert.deepEqual(
      parsed.notes.map((n) => n.kind),
      ['info'],
      'the keys come from the shell: nothing secret was in it',
    );
  });

  test('round trip: API key and a private API address', () => {
    const code = copyAsCode('curl', {
      ...base,
      auth: { type: 'API_KEY', source: { from: 'vault', secretRef: 'k' } },
      connectTo: 'vpce-0abc.appsync-api.eu-west-1.vpce.amazonaws.com:8443',
    });
    const parsed = parseCurl(code);
    assert.equal(parsed.authMode, 'API_KEY');
    assert.equal(parsed.connectTo, 'vpce-0abc.appsync-api.eu-west-1.vpce.amazonaws.com:8443');
    assert.equal(parsed.headers, 'x-tenant: ops', 'x-appsync-domain is the app’s to send');
    assert.match(parsed.notes[0]?.message ?? '', /\$APPSYNC_API_KEY/);
  });

  test('a literal API key is dropped, reported, and never returned', () => {
    const key = 'da2-q4mz7xkp2bdnrfwl3tvecgpsay';
    const result = curlImport(
      `curl ${URL_} -H 'x-api-key: ${key}' -H 'Content-Type: application/json' --data-raw '{"query":"{ a }"}'`,
      [],
    );
    assert.equal(result.authMode, 'API_KEY');
    assert.equal(result.headers, '');
    assert.equal(result.notes[0]?.kind, 'secret');
    assert.match(result.notes[0]?.message ?? '', /Save it on the endpoint/);
    assert.ok(!JSON.stringify(result).includes(key));
  });

  test('SigV4 keys in -u are dropped; region and service come from --aws-sigv4', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';
    const result = parseCurl(
      `curl -sSXPOST --url "${URL_}" --aws-sigv4 "aws:amz:us-west-2:execute-api" -u 'AKIAIOSFODNN7EXAMPLE:${secret}' -H 'x-amz-security-token: IQoJb3JpZ2lu' --json '{"query":"{ a }","variables":"{\\"x\\":1}"}'`,
    );
    assert.deepEqual(
      [result.authMode, result.region, result.service],
      ['AWS_IAM', 'us-west-2', 'execute-api'],
    );
    assert.deepEqual(result.variables, '{\n  "x": 1\n}');
    assert.equal(result.notes.filter((n) => n.kind === 'secret').length, 2);
    const text = JSON.stringify(result);
    for (const leaked of [secret, 'AKIAIOSFODNN7EXAMPLE', 'IQoJb3JpZ2lu'])
      assert.ok(!text.includes(leaked));
  });

  test('a signature copied from a browser gives IAM with its scope, and is dropped', () => {
    const result = parseCurl(
      `curl '${URL_}' -H 'authorization: AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20260101/eu-west-1/appsync/aws4_request, SignedHeaders=host, Signature=abcdef' -H 'x-amz-date: 20260101T000000Z' --data-binary $'{"query":"{ a }"}'`,
    );
    assert.deepEqual(
      [result.authMode, result.region, result.service],
      ['AWS_IAM', 'eu-west-1', 'appsync'],
    );
    assert.ok(!JSON.stringify(result).includes('ASIAEXAMPLE'));
  });

  test('a bearer token picks Cognito, OIDC or Lambda, and is not kept', () => {
    const jwt = (iss: string) =>
      ['e30', Buffer.from(JSON.stringify({ iss })).toString('base64url'), 'sig'].join('.');
    const mode = (header: string) => {
      const result = parseCurl(`curl ${URL_} -H '${header}' -d '{"query":"{ a }"}'`);
      assert.equal(result.headers, '');
      assert.ok(!JSON.stringify(result).includes(header.split(' ').at(-1)!));
      return result.authMode;
    };
    const cognito = jwt('https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc');
    assert.equal(mode(`Authorization: Bearer ${cognito}`), 'AMAZON_COGNITO_USER_POOLS');
    assert.equal(
      mode(`Authorization: Bearer ${jwt('https://login.example.com')}`),
      'OPENID_CONNECT',
    );
    assert.equal(mode('Authorization: custom-lambda-token-123'), 'AWS_LAMBDA');
  });

  test('short options glued to their value', () => {
    const result = parseCurl(`curl -XPOST -H'x-tenant: a' -d'{"query":"{ b }"}' ${URL_}`);
    assert.deepEqual([result.headers, result.query], ['x-tenant: a', '{ b }']);
  });

  test('a GET with the request in its query string', () => {
    const result = parseCurl(`curl -G '${URL_}?query=%7B%20a%20%7D&operationName=A'`);
    assert.equal(result.query, '{ a }');
    assert.equal(result.operationName, 'A');
  });

  test('the saved endpoint with the same URL is named; none otherwise', () => {
    const endpoint = { id: 'e1', name: 'Orders', url: `${URL_}/` } as EndpointDTO;
    const text = `curl ${URL_.replace('abc123', 'ABC123')} -d '{"query":"{ a }"}'`;
    assert.deepEqual(curlImport(text, [endpoint]).endpoint, { id: 'e1', name: 'Orders' });
    assert.equal(curlImport(text.replace('eu-west-1', 'us-east-1'), [endpoint]).endpoint, null);
  });

  test('what cannot be a request says why', () => {
    const cases: Array<[string, RegExp]> = [
      [`wget ${URL_}`, /not a curl command/],
      [`curl -d '{"query":"{ a }"}'`, /no URL/],
      [`curl ${URL_} -d 'query={a}'`, /not JSON/],
      [`curl ${URL_} -d '{"variables":{}}'`, /no GraphQL "query"/],
      [`curl ${URL_} -d @body.json`, /reads a file/],
      [`curl ftp://example.com -d '{"query":"{ a }"}'`, /not an http/],
      [`curl ${URL_} -H`, /needs a value/],
    ];
    for (const [text, message] of cases) assert.throws(() => parseCurl(text), message, text);
  });

  test('hostile commands: nothing secret is kept, echoed or smuggled past the checks', () => {
    const body = `-d '{"query":"{ a }"}'`;
    const secret = 'da2-smuggledkey0000000001';
    const everything = (text: string) => {
      const parsed = parseCurl(text);
      return { parsed, all: JSON.stringify(parsed) };
    };
    // A line break in a header value would make a second header line: refused, not echoed.
    assert.throws(
      () => parseCurl(`curl ${URL_} ${body} -H $'X-Trace: 1\nx-api-key: ${secret}'`),
      (error: Error) => /line break/.test(error.message) && !error.message.includes(secret),
    );
    assert.throws(
      () => parseCurl(`curl ${URL_} ${body} -H 'Bad Name: ${secret}'`),
      (error: Error) => !error.message.includes(secret),
    );
    // An option's value is not read as the URL, nor echoed (a proxy's password here).
    const proxied = everything(
      `curl --proxy-user alice:pw0rd -x http://proxy:3128 ${URL_} ${body}`,
    );
    assert.equal(proxied.parsed.url, URL_);
    assert.doesNotMatch(proxied.all, /pw0rd|proxy:3128/);
    // A key read from the shell is named by its variable, never by its literal text.
    const expanding = everything(`curl ${URL_} ${body} -H "x-api-key: ${secret}$SUFFIX"`);
    assert.ok(!expanding.all.includes(secret), expanding.all);
    assert.match(expanding.all, /\$SUFFIX/);
    // Headers named like credentials, userinfo and credential query parameters are dropped.
    const named = everything(
      `curl 'https://bob:hunter2@abc123.appsync-api.eu-west-1.amazonaws.com/graphql?api_key=${secret}&team=ops' ${body} -H 'X-Auth-Token: ${secret}' -H 'X-Tenant: ops'`,
    );
    assert.ok(!named.all.includes(secret) && !named.all.includes('hunter2'), named.all);
    assert.equal(named.parsed.url, `${URL_}?team=ops`);
    assert.equal(named.parsed.headers, 'X-Tenant: ops');
    // Words that are names of Object's own properties are plain words.
    for (const word of ['constructor', 'toString', '__proto__']) {
      assert.equal(parseCurl(`curl ${URL_} ${body} ${word}`).url, URL_, word);
    }
    // A private API's address is checked as everywhere else; a bad \U escape says so.
    assert.throws(
      () => parseCurl(`curl ${URL_} ${body} --connect-to '::evil/x@y:443'`),
      /connect-to/,
    );
    assert.throws(
      () => parseCurl(`curl ${URL_} -H $'X-A: \\UFFFFFFFF' ${body}`),
      /names no character/,
    );
  });

  test('the contract bounds the pasted text', () => {
    const input = methods['requests.fromCurl'].input;
    assert.equal(input.safeParse({ text: 'curl x' }).success, true);
    assert.equal(input.safeParse({ text: 'x'.repeat(MAX_CURL_BYTES + 1) }).success, false);
    assert.equal(input.safeParse({ text: '' }).success, false);
  });
});
