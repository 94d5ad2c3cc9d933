import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EndpointsState } from '../../../renderer/src/lib/state/endpoints.svelte.ts';
import type { EndpointInput } from '../../../shared/endpoints.ts';
import type { WorkspaceDTO } from '../../../shared/workspace.ts';
import { demoWorkbench, type StoreHarness } from './store-harness.ts';

describe('EndpointsState on the demo sandbox', () => {
  let h: StoreHarness & { workspace: WorkspaceDTO };
  // The page reload that follows a workspace change; Node has no page.
  const reloads: string[] = [];

  before(async () => {
    h = await demoWorkbench('store-endpoints');
    Object.assign(globalThis, { location: { reload: () => reloads.push('reload') } });
  });
  after(async () => {
    Reflect.deleteProperty(globalThis, 'location');
    await h.close();
  });

  test('loads the endpoints and the workspace they belong to', async () => {
    const endpoints = new EndpointsState(h.api);
    await endpoints.load();
    assert.equal(endpoints.workspace?.kind, 'demo');
    assert.ok(endpoints.byId(h.workspace.demo!.endpointId));
    assert.ok(endpoints.byId(h.workspace.demo!.eventEndpointId));
    assert.equal(endpoints.byId(null), null);
  });

  test('created, duplicated and removed endpoints show as main keeps them', async () => {
    const endpoints = new EndpointsState(h.api);
    await endpoints.load();
    const demo = endpoints.byId(h.workspace.demo!.endpointId)!;
    const input: EndpointInput = {
      name: 'Second',
      url: demo.url,
      authModes: demo.authModes.filter((m) => m.type === 'AWS_IAM'),
    };
    const saved = await endpoints.save(null, input);
    assert.equal(endpoints.error, null, endpoints.error ?? '');
    assert.ok(saved && endpoints.byId(saved.id));
    await endpoints.duplicate(saved.id);
    const copies = endpoints.list.filter((e) => e.name.startsWith('Second'));
    assert.equal(copies.length, 2);
    for (const copy of copies) await endpoints.remove(copy.id);
    const reread = new EndpointsState(h.api);
    await reread.load();
    assert.deepEqual(reread.list.map((e) => e.id).sort(), endpoints.list.map((e) => e.id).sort());
  });

  test('an endpoint main refuses is not listed, and the reason is said', async () => {
    const endpoints = new EndpointsState(h.api);
    await endpoints.load();
    const before = endpoints.list.length;
    assert.equal(
      await endpoints.save(null, {
        name: 'No modes',
        url: 'https://x.example/graphql',
        authModes: [],
      }),
      null,
    );
    assert.match(endpoints.error ?? '', /at least one auth mode/);
    assert.equal(endpoints.list.length, before);
  });

  test('leaving the demo holds what must not write, then reloads the page once', async () => {
    const endpoints = new EndpointsState(h.api);
    const held: string[] = [];
    endpoints.switching = { before: () => held.push('before'), failed: () => held.push('failed') };
    await endpoints.switchWorkspace('user');
    await endpoints.switchWorkspace('user');
    assert.deepEqual(held, ['before', 'before']);
    assert.deepEqual(reloads, ['reload'], 'two changes, one reload');
    assert.equal(endpoints.busy, true, 'busy until the page is gone');
    assert.equal((await h.api.workspace.get()).kind, 'user');
  });
});
