import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SchemasState } from '../../../renderer/src/lib/state/schemas.svelte.ts';
import type { WorkspaceDTO } from '../../../shared/workspace.ts';
import { demoWorkbench, type StoreHarness } from './store-harness.ts';

describe('SchemasState on the demo sandbox', () => {
  let h: StoreHarness & { workspace: WorkspaceDTO };

  before(async () => {
    h = await demoWorkbench('store-schemas');
  });
  after(() => h.close());

  test("an endpoint's schema is loaded once, however many editors ask", async () => {
    const schemas = new SchemasState(h.api);
    const endpointId = h.workspace.demo!.endpointId;
    h.calls.length = 0;
    const first = schemas.load(endpointId);
    assert.equal(schemas.load(endpointId), first, 'a load in flight is shared');
    await first;
    schemas.ensure(endpointId);
    assert.deepEqual(h.calls, ['schema.load']);
    const schema = schemas.schemaFor(endpointId);
    assert.ok(schema?.getType('Note'), 'the demo API has notes');
    assert.ok(schema?.getMutationType()?.getFields().createNote);
    assert.equal(schemas.problemFor(endpointId), null);
    assert.equal(schemas.schemaFor(null), null);
  });

  test('a schema that cannot load is remembered with its reason, until a refresh', async () => {
    const schemas = new SchemasState(h.api);
    await schemas.load('no-such-endpoint');
    assert.match(schemas.problemFor('no-such-endpoint')?.message ?? '', /.+/);
    assert.equal(schemas.problemFor('no-such-endpoint')?.tryControlPlane, false);
    h.calls.length = 0;
    schemas.ensure('no-such-endpoint');
    assert.deepEqual(h.calls, [], 'a known failure is not asked again on its own');
    await schemas.load('no-such-endpoint', true);
    assert.deepEqual(h.calls, ['schema.load']);
  });
});
