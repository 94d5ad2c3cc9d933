import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApi, IpcClientError } from '../../shared/client.ts';

function recordingApi() {
  const calls: Array<[string, unknown]> = [];
  const api = createApi({
    invoke: async (method, input) => {
      calls.push([method, input]);
      return method === 'profiles.select'
        ? { ok: false, error: { code: 'PROFILE_NOT_FOUND', message: 'no such profile' } }
        : { ok: true, value: `answer of ${method}` };
    },
    subscribe: () => () => {},
  });
  return { api, calls };
}

test('a method sends its contract name and input, and unwraps the answer', async () => {
  const { api, calls } = recordingApi();
  assert.equal(await api.profiles.list(), 'answer of profiles.list');
  await api.history.list({ limit: 5 });
  assert.deepEqual(calls, [
    ['profiles.list', {}],
    ['history.list', { limit: 5 }],
  ]);
  await assert.rejects(
    api.profiles.select({ name: 'ghost' }),
    (error: unknown) => error instanceof IpcClientError && error.code === 'PROFILE_NOT_FOUND',
  );
});

test('methods are made once; the api and its domains are no thenables, call nothing when printed, cannot be changed', async () => {
  const { api, calls } = recordingApi();
  assert.equal(api.profiles.list, api.profiles.list);
  assert.equal(api.profiles, api.profiles);
  // `await` looks for `then`: it must find none, or awaiting the api would call main.
  assert.equal(await api, api);
  assert.equal(await api.profiles, api.profiles);
  // Nor is what serializing or printing reads a call to main.
  assert.equal(JSON.stringify(api.profiles), '{}');
  assert.equal(String(api.profiles), '[object Object]');
  assert.equal(api.profiles.constructor, Object);
  assert.deepEqual(calls, []);
  assert.throws(() => {
    (api as unknown as Record<string, unknown>).profiles = {};
  }, TypeError);
});
