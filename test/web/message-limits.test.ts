/**
 * The contract's size limits and the web host's frame limit are one: the largest input the
 * contract accepts travels in one frame, anything larger is INVALID_INPUT saying so, and
 * free-form JSON nested too deep is refused with where, instead of failing inside the core.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { WebSocket } from 'ws';
import type { WebHost } from '../../main/web/web-host.ts';
import { METHOD_NAMES } from '../../shared/contract.ts';
import {
  ENVELOPE_BYTES,
  jsonBytes,
  MAX_INPUT_BYTES,
  MAX_JSON_DEPTH,
  MAX_MESSAGE_BYTES,
} from '../../shared/contract/common.ts';
import type { IpcResult } from '../../shared/errors.ts';
import { call, callWithText, connect, enter, startTestWebHost } from './web-host-client.ts';

const QUERY_MAX = 1_000_000;

function tab(id: string, query: string, variables = '') {
  return {
    id,
    title: 'worst case',
    endpointId: null,
    authMode: null,
    profile: null,
    query,
    variables,
    headers: '',
    operationName: null,
    origin: null,
  };
}

/**
 * A tabs.save whose JSON is exactly `bytes` long, spent on the costliest character JSON has:
 * U+0000, written `\u0000` (six bytes for one character of the schema's length).
 */
function tabsSaveOf(bytes: number, generation: string) {
  const tabs: Array<ReturnType<typeof tab>> = [];
  const input = { tabs, activeId: null as string | null, generation };
  for (let i = 0; jsonBytes(input) + 6 * QUERY_MAX < bytes; i++) {
    tabs.push(tab(`t${i}`, '\u0000'.repeat(QUERY_MAX)));
  }
  tabs.push(tab('last', ''));
  const left = bytes - jsonBytes(input);
  tabs[tabs.length - 1] = tab('last', '\u0000'.repeat(Math.floor(left / 6)), 'x'.repeat(left % 6));
  return input;
}

function envelopeBytes(method: string, input: unknown): number {
  return Buffer.byteLength(JSON.stringify({ type: 'invoke', id: 1, method, input }));
}

/** Variables `depth` objects deep, as JSON text: too deep for JSON.stringify to write. */
function nested(depth: number): string {
  return `${'{"input":'.repeat(depth - 1)}{"leaf":true}${'}'.repeat(depth - 1)}`;
}

describe('message limits', () => {
  let host: WebHost;
  let ws: WebSocket;
  let stop: () => Promise<void>;
  let endpointId: string;
  let generation: string;
  let nextId = 1;
  const invoke = (method: string, input: unknown) =>
    call(ws, nextId++, method, input) as Promise<IpcResult<unknown>>;

  before(async () => {
    ({ host, close: stop } = await startTestWebHost());
    ws = await connect(host, { Cookie: await enter(host), Origin: host.origin });
    const created = await invoke('endpoints.create', {
      endpoint: {
        name: 'local',
        url: 'http://127.0.0.1:9/graphql',
        authModes: [{ type: 'AWS_IAM', profile: 'dev', region: 'eu-west-1' }],
      },
    });
    assert.ok(created.ok, JSON.stringify(created));
    endpointId = (created.value as { id: string }).id;
    const loaded = await invoke('tabs.load', {});
    assert.ok(loaded.ok);
    generation = (loaded.value as { generation: string }).generation;
  });

  after(async () => {
    ws.close();
    await stop();
  });

  test('jsonBytes counts the bytes JSON.stringify puts on the wire', () => {
    for (const value of ['\u0000', '\u001f', '"\\', '\ud800', '\udfff', '😀', 'é', '\uffff', 'a']) {
      assert.equal(jsonBytes({ v: value }), Buffer.byteLength(JSON.stringify({ v: value })));
    }
  });

  test('the envelope around an input stays within its allowance', () => {
    const longest = METHOD_NAMES.reduce((a, b) => (a.length >= b.length ? a : b));
    const envelope = JSON.stringify({
      type: 'invoke',
      id: Number.MIN_SAFE_INTEGER,
      method: longest,
      input: null,
    });
    assert.ok(Buffer.byteLength(envelope) - 'null'.length <= ENVELOPE_BYTES);
  });

  test('the largest tabs.save the contract accepts fits in one frame, and is saved', async () => {
    const input = tabsSaveOf(MAX_INPUT_BYTES, generation);
    assert.equal(jsonBytes(input), MAX_INPUT_BYTES);
    assert.ok(envelopeBytes('tabs.save', input) <= MAX_MESSAGE_BYTES);
    const saved = await invoke('tabs.save', input);
    assert.deepEqual(saved, { ok: true, value: null });
    const loaded = await invoke('tabs.load', {});
    assert.ok(loaded.ok);
    const tabs = (loaded.value as { tabs: Array<{ query: string }> }).tabs;
    assert.equal(tabs.length, input.tabs.length);
  });

  test('one byte more is INVALID_INPUT that says how big it was, on an open connection', async () => {
    const refused = await invoke('tabs.save', tabsSaveOf(MAX_INPUT_BYTES + 1, generation));
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'INVALID_INPUT');
    assert.match(
      refused.error.message,
      /^Invalid input for tabs\.save: \(input\): the input takes 16\.0 MB as JSON; .* at most 16\.0 MB\.$/,
    );
    assert.equal(ws.readyState, ws.OPEN);
  });

  test(`variables nested deeper than ${MAX_JSON_DEPTH} levels are INVALID_INPUT naming where`, async () => {
    const copyAsCode = (depth: number) => {
      const base = JSON.stringify({ endpointId, query: '{ ping }', language: 'curl' });
      const input = `${base.slice(0, -1)},"variables":${nested(depth)}}`;
      const id = nextId++;
      const text = `{"type":"invoke","id":${id},"method":"requests.copyAsCode","input":${input}}`;
      return callWithText(ws, id, text) as Promise<IpcResult<unknown>>;
    };
    const fine = await copyAsCode(MAX_JSON_DEPTH);
    assert.ok(fine.ok, JSON.stringify(fine));
    for (const depth of [100_000, MAX_JSON_DEPTH + 1]) {
      const refused = await copyAsCode(depth);
      assert.ok(!refused.ok, `depth ${depth} was accepted`);
      assert.equal(refused.error.code, 'INVALID_INPUT', refused.error.message);
      assert.match(
        refused.error.message,
        new RegExp(
          `^Invalid input for requests\\.copyAsCode: variables(\\.input)+: JSON nested deeper than ${MAX_JSON_DEPTH} levels here\\.$`,
        ),
      );
    }
  });
});
