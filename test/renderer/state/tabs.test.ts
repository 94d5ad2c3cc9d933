import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, mock, test } from 'node:test';
import { EndpointsState } from '../../../renderer/src/lib/state/endpoints.svelte.ts';
import { TabsState } from '../../../renderer/src/lib/state/tabs.svelte.ts';
import type { TabsDTO } from '../../../shared/tabs.ts';
import { userWorkbench, type StoreHarness } from './store-harness.ts';

const SAVE_DELAY_MS = 400;
const origin = {
  kind: 'collection' as const,
  folder: '/c',
  requestId: 'orders/get',
  version: 'v1',
};

describe('TabsState', () => {
  let h: StoreHarness;
  let tabs: TabsState;
  const saves = () => h.calls.filter((m) => m === 'tabs.save').length;
  const saved = () => h.api.tabs.load() as Promise<TabsDTO>;
  const titles = () => tabs.tabs.map((t) => t.draft.title);

  before(async () => {
    h = await userWorkbench();
  });
  after(() => h.close());
  beforeEach(async () => {
    mock.timers.enable({ apis: ['setTimeout'] });
    const { generation } = await h.api.tabs.load();
    await h.api.tabs.save({ tabs: [], activeId: null, generation });
    tabs = new TabsState(h.api);
    await tabs.load(() => 'endpoint-1');
    h.calls.length = 0;
  });
  // A save still pending when a test ends is dropped with the mocked timer.
  afterEach(() => mock.timers.reset());
  /** Lets the save delay pass, then waits for what it sent to land in main. */
  const settle = async () => {
    mock.timers.tick(SAVE_DELAY_MS);
    mock.timers.reset();
    await h.idle();
  };

  test('with nothing saved, one blank tab opens on the default endpoint', () => {
    assert.equal(tabs.tabs.length, 1);
    assert.equal(tabs.active?.draft.endpointId, 'endpoint-1');
    assert.equal(tabs.loaded, true);
  });

  test('a tab from a collection is clean until its query or checks change', () => {
    const tab = tabs.open({ title: 'Get order', query: '{ a }', origin });
    const blank = tabs.tabs[0]!;
    blank.draft.query = '{ changed }';
    assert.equal(blank.dirty, false, 'a tab from nowhere has nothing to be out of date with');
    assert.equal(tab.dirty, false);
    tab.draft.query = '{ b }';
    assert.equal(tab.dirty, true);
    tab.draft.query = '{ a }';
    assert.equal(tab.dirty, false, 'typing the saved text back is no change');
    tab.draft.assertions = [{ enabled: true, path: '  ', operator: 'exists', value: null }];
    assert.equal(tab.dirty, false, 'an assertion with no path yet checks nothing');
    tab.draft.assertions[0]!.path = 'data.order';
    assert.equal(tab.dirty, true);
    tab.markSaved();
    assert.equal(tab.dirty, false);
    tab.draft.scripts = { pre: 'vars.set("a", 1)', post: null };
    assert.equal(tab.dirty, true);
  });

  test('edits are saved once, a moment after the last one, in the order shown', async () => {
    tabs.open({ title: 'two' });
    tabs.open({ title: 'three' });
    tabs.rename(tabs.active!.draft.id, '  third  ');
    mock.timers.tick(SAVE_DELAY_MS - 1);
    assert.equal(saves(), 0);
    await settle();
    assert.equal(saves(), 1);
    const stored = await saved();
    assert.deepEqual(
      stored.tabs.map((t) => t.title),
      ['New request', 'two', 'third'],
    );
    assert.equal(stored.activeId, tabs.active!.draft.id);

    const restored = new TabsState(h.api);
    await restored.load(() => null);
    assert.deepEqual(
      restored.tabs.map((t) => t.draft.title),
      ['New request', 'two', 'third'],
    );
    assert.equal(restored.active?.draft.title, 'third');
  });

  test('reordering clamps to the ends, cycling wraps, and the saved order follows', async () => {
    tabs.rename(tabs.tabs[0]!.draft.id, 'a');
    const b = tabs.open({ title: 'b' });
    tabs.open({ title: 'c' });
    tabs.moveTo(b.draft.id, 99);
    assert.deepEqual(titles(), ['a', 'c', 'b']);
    tabs.move(b.draft.id, -1);
    assert.deepEqual(titles(), ['a', 'b', 'c']);
    tabs.moveTo(b.draft.id, -5);
    assert.deepEqual(titles(), ['b', 'a', 'c']);
    tabs.select(b.draft.id);
    tabs.cycle(-1);
    assert.equal(tabs.active?.draft.title, 'c', 'left of the first is the last');
    tabs.cycle(1);
    assert.equal(tabs.active?.draft.title, 'b');
    await settle();
    assert.deepEqual(
      (await saved()).tabs.map((t) => t.title),
      ['b', 'a', 'c'],
    );
  });

  test('a duplicate sits beside its original, belongs to no collection, and is active', () => {
    const original = tabs.open({ title: 'Get order', origin });
    tabs.open({ title: 'last' });
    const copy = tabs.duplicate(original.draft.id)!;
    assert.deepEqual(titles(), ['New request', 'Get order', 'Get order (copy)', 'last']);
    assert.equal(copy.draft.origin, null);
    assert.notEqual(copy.draft.id, original.draft.id);
    assert.equal(tabs.active, copy);
    copy.draft.query = '{ other }';
    assert.notEqual(original.draft.query, '{ other }', 'the copy shares nothing with it');
  });

  test('closing the active tab makes its left neighbour active', () => {
    const b = tabs.open({ title: 'b' });
    tabs.open({ title: 'c' });
    tabs.select(b.draft.id);
    tabs.close(b.draft.id);
    assert.deepEqual(titles(), ['New request', 'c']);
    assert.equal(tabs.active?.draft.title, 'New request');
  });

  test('hold() saves what is pending at once, then nothing until release()', async () => {
    tabs.open({ title: 'before the switch' });
    tabs.hold();
    assert.equal(saves(), 1, 'the pending save went out before the workspace changed');
    await h.idle();
    tabs.open({ title: 'after the switch' });
    tabs.rename(tabs.active!.draft.id, 'renamed');
    mock.timers.tick(SAVE_DELAY_MS * 10);
    assert.equal(saves(), 1, 'nothing is saved while the workspace changes');
    tabs.release();
    tabs.select(tabs.tabs[0]!.draft.id);
    await settle();
    assert.equal(saves(), 2);
    assert.deepEqual(
      (await saved()).tabs.map((t) => t.title),
      ['New request', 'before the switch', 'renamed'],
    );
  });

  test('hold() with nothing pending sends nothing', () => {
    tabs.hold();
    assert.equal(saves(), 0);
  });

  test('a workspace switch that fails (no sandbox on this host) lets the tabs save again', async () => {
    const endpoints = new EndpointsState(h.api);
    endpoints.switching = { before: () => tabs.hold(), failed: () => tabs.release() };
    tabs.open({ title: 'pending' });
    await endpoints.switchWorkspace('demo');
    await h.idle();
    assert.match(endpoints.error ?? '', /cannot run the local sandbox/);
    assert.equal(endpoints.busy, false);
    assert.deepEqual(
      (await saved()).tabs.map((t) => t.title),
      ['New request', 'pending'],
      'the pending save went out before the switch was asked for',
    );
    tabs.open({ title: 'after' });
    await settle();
    assert.equal((await saved()).tabs.at(-1)?.title, 'after');
  });

  test('variables that are not a JSON object fail the run before anything is sent', async () => {
    const tab = tabs.active!;
    tab.draft.variables = '[1, 2]';
    await tabs.run(tab);
    assert.equal(tab.failure?.code, 'INVALID_INPUT');
    assert.match(tab.failure?.message ?? '', /must be a JSON object/);
    assert.deepEqual(h.calls, []);
    tab.draft.headers = 'no colon here';
    tab.draft.variables = '';
    await tabs.run(tab);
    assert.match(tab.failure?.message ?? '', /Header line 1 is not "Name: value"/);
  });

  test('a run main refuses keeps its typed error on the tab', async () => {
    const tab = tabs.active!;
    tab.draft.endpointId = 'no-such-endpoint';
    await tabs.run(tab);
    assert.equal(tab.running, null);
    assert.equal(tab.runs, 1);
    assert.equal(tab.result, null);
    assert.equal(tab.failure?.code, 'ENDPOINT_NOT_FOUND');
  });
});
