/**
 * A page loaded for one workspace cannot overwrite another's tabs: tabs.load names the
 * workspace generation, tabs.save sends it back, and main refuses a save for a workspace it has
 * switched away from (the page then reloads). The race it stops: a save sent by the page of the
 * user's workspace lands after the demo opened, and replaces the demo's first tab.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { IpcResult } from '../../shared/errors.ts';
import { blankTabDraft, type LoadedTabsDTO } from '../../shared/tabs.ts';
import type { WorkspaceDTO } from '../../shared/workspace.ts';
import { openDemoWorkbench, type DemoWorkbench } from '../support/demo-workbench.ts';

const endpointless = blankTabDraft('late-tab', { title: 'Late' });

describe('tabs.save across a workspace switch', () => {
  let demo: DemoWorkbench;
  before(async () => {
    demo = await openDemoWorkbench('tabs-guard', () => {});
  });
  after(() => demo?.workbench.close());

  const save = (generation: unknown) =>
    demo.workbench.router.dispatch('tabs.save', {
      tabs: [endpointless],
      activeId: endpointless.id,
      generation,
    }) as Promise<IpcResult<null>>;

  test('a save carrying the generation of the workspace left behind is refused, and the new one keeps its tabs', async () => {
    await demo.call<WorkspaceDTO>('workspace.leaveDemo', {});
    const userPage = await demo.call<LoadedTabsDTO>('tabs.load', {});
    await demo.call<WorkspaceDTO>('workspace.openDemo', {});
    const demoTabs = await demo.call<LoadedTabsDTO>('tabs.load', {});
    assert.notEqual(demoTabs.generation, userPage.generation);

    const late = await save(userPage.generation);
    assert.equal(late.ok, false);
    assert.ok(!late.ok && late.error.code === 'WORKSPACE_CHANGED');
    assert.match(!late.ok ? late.error.message : '', /loaded for another workspace/);

    const after = await demo.call<LoadedTabsDTO>('tabs.load', {});
    assert.deepEqual(after.tabs, demoTabs.tabs);
    assert.equal(after.tabs[0]!.endpointId, demo.workspace.demo!.endpointId);
  });

  test('a page of the demo, once it is closed, cannot replace the user’s tabs either', async () => {
    const demoPage = await demo.call<LoadedTabsDTO>('tabs.load', {});
    await demo.call<WorkspaceDTO>('workspace.leaveDemo', {});
    const before = await demo.call<LoadedTabsDTO>('tabs.load', {});
    const late = await save(demoPage.generation);
    assert.ok(!late.ok && late.error.code === 'WORKSPACE_CHANGED');
    assert.deepEqual((await demo.call<LoadedTabsDTO>('tabs.load', {})).tabs, before.tabs);
    await demo.call<WorkspaceDTO>('workspace.openDemo', {});
  });

  test('a save for the workspace served now is kept, and a reload gives the same generation', async () => {
    const page = await demo.call<LoadedTabsDTO>('tabs.load', {});
    assert.deepEqual(await save(page.generation), { ok: true, value: null });
    const reloaded = await demo.call<LoadedTabsDTO>('tabs.load', {});
    assert.equal(reloaded.generation, page.generation);
    assert.deepEqual(
      reloaded.tabs.map((t) => t.title),
      ['Late'],
    );
  });

  test('a save without a generation is invalid input that names the field', async () => {
    const missing = await save(undefined);
    assert.ok(!missing.ok && missing.error.code === 'INVALID_INPUT');
    assert.match(!missing.ok ? missing.error.message : '', /generation/);
  });
});
