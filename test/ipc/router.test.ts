import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createRouter, type Handlers } from '../../main/ipc/router.ts';
import { createApi, IpcClientError } from '../../shared/client.ts';
import { METHOD_NAMES } from '../../shared/contract.ts';
import { MAX_INPUT_BYTES, MAX_JSON_DEPTH } from '../../shared/contract/common.ts';
import { AppError, type IpcResult } from '../../shared/errors.ts';
import type { ProfileListHead } from '../../shared/profiles.ts';

const EMPTY: ProfileListHead = {
  first: [],
  total: 0,
  revision: 'r.1',
  active: null,
  activeSource: null,
  configFile: '/c',
  credentialsFile: '/k',
  environmentRegion: null,
  problems: [],
  pinned: [],
  recent: [],
  environmentPatterns: { production: [], staging: [], dev: [] },
};

function recordingRouter(overrides: Partial<Handlers> = {}) {
  const calls: string[] = [];
  // Methods this test does not exercise fail loudly if reached.
  const unused = Object.fromEntries(
    METHOD_NAMES.map((method) => [
      method,
      async () => {
        throw new Error(`${method} is not used in this test`);
      },
    ]),
  ) as unknown as Handlers;
  const handlers: Handlers = {
    ...unused,
    'profiles.list': async () => {
      calls.push('profiles.list');
      return EMPTY;
    },
    'profiles.select': async ({ name }) => {
      calls.push(`profiles.select:${name}`);
      return { ...EMPTY, active: name };
    },
    'app.info': async () => ({ version: '0', host: 'web', dataDir: '/d' }),
    ...overrides,
  };
  const logged: unknown[] = [];
  return { router: createRouter(handlers, (_m, e) => logged.push(e)), calls, logged };
}

describe('IPC router', () => {
  test('rejects invalid input with a typed error before the core is reached', async () => {
    const { router, calls } = recordingRouter();
    for (const input of [
      {},
      { name: '' },
      { name: 'a b' },
      { name: 42 },
      { name: 'ok', extra: 1 },
      null,
    ]) {
      const result = await router.dispatch('profiles.select', input);
      assert.equal(result.ok, false, JSON.stringify(input));
      if (!result.ok) {
        assert.equal(result.error.code, 'INVALID_INPUT');
        assert.match(result.error.message, /^Invalid input for profiles\.select: /);
        assert.ok(Array.isArray((result.error.details as { issues: unknown[] }).issues));
      }
    }
    assert.deepEqual(calls, [], 'no handler ran');
  });

  test('names the field at fault', async () => {
    const { router } = recordingRouter();
    const result = await router.dispatch('profiles.select', { name: 'has space' });
    assert.ok(!result.ok);
    assert.equal(
      result.error.message,
      'Invalid input for profiles.select: name: a profile name has no spaces or brackets.',
    );
  });

  test('free-form JSON nested too deep is INVALID_INPUT naming where, before any handler', async () => {
    const { router, calls } = recordingRouter({ 'requests.copyAsCode': async () => 'code' });
    // Objects and arrays in turn, the outermost an object: {a:[{a:[…]}]}.
    const tooDeep = (depth: number) => {
      let value: unknown = 1;
      for (let level = depth; level >= 1; level--) value = level % 2 ? { a: value } : [value];
      return value as Record<string, unknown>;
    };
    const fine = await router.dispatch('requests.copyAsCode', {
      endpointId: 'e',
      query: '{ a }',
      language: 'curl',
      variables: tooDeep(MAX_JSON_DEPTH),
    });
    assert.deepEqual(fine, { ok: true, value: 'code' }, `${MAX_JSON_DEPTH} levels are fine`);
    for (const method of ['requests.run', 'subscriptions.start'] as const) {
      const result = await router.dispatch(method, {
        endpointId: 'e',
        query: 'subscription { a }',
        variables: tooDeep(200_000),
      });
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'INVALID_INPUT');
      const where = Array.from({ length: MAX_JSON_DEPTH }, (_, i) => (i % 2 ? '0' : 'a'));
      assert.equal(
        result.error.message,
        `Invalid input for ${method}: variables.${where.join('.')}: JSON nested deeper than ${MAX_JSON_DEPTH} levels here.`,
      );
    }
    assert.deepEqual(calls, []);
  });

  test('an input larger than one message is INVALID_INPUT on any transport', async () => {
    const { router, calls } = recordingRouter({ 'requests.run': async () => null as never });
    const value = 'v'.repeat(8192);
    const count = Math.ceil(MAX_INPUT_BYTES / value.length);
    const headers = Object.fromEntries(Array.from({ length: count }, (_, i) => [`h${i}`, value]));
    const result = await router.dispatch('requests.run', {
      endpointId: 'e',
      query: '{ a }',
      headers,
    });
    assert.ok(!result.ok);
    assert.equal(result.error.code, 'INVALID_INPUT');
    assert.match(
      result.error.message,
      /^Invalid input for requests\.run: \(input\): the input takes 16\.\d MB as JSON/,
    );
    assert.deepEqual(calls, []);
  });

  test('a long key in the path is shortened in the message', async () => {
    const { router } = recordingRouter();
    const key = 'k'.repeat(100_000);
    let variables: Record<string, unknown> = {};
    for (let i = 0; i <= MAX_JSON_DEPTH; i++) variables = { [key]: variables };
    const result = await router.dispatch('requests.run', {
      endpointId: 'e',
      query: '{ a }',
      variables,
    });
    assert.ok(!result.ok);
    assert.ok(result.error.message.length < 5_000, `${result.error.message.length} characters`);
    assert.match(result.error.message, /: variables\.k{40}…\.k{40}…\./);
    assert.ok(JSON.stringify(result.error.details).length < 5_000);
  });

  test('refuses methods that are not in the contract', async () => {
    const { router } = recordingRouter();
    for (const method of ['profiles.delete', '__proto__', 'constructor', 42, undefined]) {
      const result = await router.dispatch(method, {});
      assert.ok(!result.ok);
      assert.equal(result.error.code, 'UNKNOWN_METHOD');
    }
  });

  test('passes AppErrors through with their code and hides unexpected ones', async () => {
    const { router, logged } = recordingRouter({
      'profiles.list': async () => {
        throw new AppError('CONFIG_FILE_UNREADABLE', 'Cannot read ~/.aws/config', { file: 'x' });
      },
      'app.info': async () => {
        throw new Error('secret internals at /home/me/.aws');
      },
    });
    assert.deepEqual(await router.dispatch('profiles.list', {}), {
      ok: false,
      error: {
        code: 'CONFIG_FILE_UNREADABLE',
        message: 'Cannot read ~/.aws/config',
        details: { file: 'x' },
      },
    });
    const hidden = (await router.dispatch('app.info', {})) as IpcResult<unknown>;
    assert.ok(!hidden.ok);
    assert.equal(hidden.error.code, 'INTERNAL');
    assert.doesNotMatch(JSON.stringify(hidden), /secret internals|\bat\b.*\.ts/);
    assert.equal(logged.length, 1, 'the unexpected error is logged in main');
  });

  test('the typed client unwraps results and throws typed errors', async () => {
    const { router, calls } = recordingRouter();
    const api = createApi({
      invoke: (method, input) => router.dispatch(method, input),
      subscribe: (event, listener) =>
        router.onEvent((name, payload) => {
          if (name === event) listener(payload);
        }),
    });
    assert.equal((await api.profiles.select({ name: 'dev' })).active, 'dev');
    assert.deepEqual(calls, ['profiles.select:dev']);
    await assert.rejects(
      api.profiles.select({ name: '' }),
      (error: unknown) => error instanceof IpcClientError && error.code === 'INVALID_INPUT',
    );
    const seen: ProfileListHead[] = [];
    const stop = api.on('profiles.changed', (list) => seen.push(list));
    router.emit('profiles.changed', EMPTY);
    stop();
    router.emit('profiles.changed', EMPTY);
    assert.equal(seen.length, 1);
  });
});
