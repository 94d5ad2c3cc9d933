/**
 * The demo workspace opens on a tab main chose: a query of the sandbox's own schema against the
 * demo endpoint, which runs as it is; tabs the user already has there are left alone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse, validate } from 'graphql';
import { DEMO_SAMPLE_QUERY } from '../../main/core/demo/demo-workspace.ts';
import { buildDemoSchema } from '../../main/sandbox/appsync/demo-schema.ts';
import type { RequestResultDTO } from '../../shared/requests.ts';
import type { TabsDTO } from '../../shared/tabs.ts';
import type { WorkspaceDTO } from '../../shared/workspace.ts';
import { openDemoWorkbench, type DemoWorkbench } from '../support/demo-workbench.ts';

describe('the demo workspace’s first tab', () => {
  let demo: DemoWorkbench;
  before(async () => {
    demo = await openDemoWorkbench('demo-first-tab', () => {});
  });
  after(() => demo?.workbench.close());

  test('the sample query is valid for the sandbox’s schema', () => {
    assert.deepEqual(validate(buildDemoSchema(), parse(DEMO_SAMPLE_QUERY)), []);
  });

  test('opening the demo leaves one tab: the sample against the demo endpoint, and it runs', async () => {
    const saved = await demo.call<TabsDTO>('tabs.load', {});
    assert.equal(saved.tabs.length, 1);
    const [tab] = saved.tabs;
    assert.equal(saved.activeId, tab!.id);
    assert.equal(tab!.endpointId, demo.workspace.demo!.endpointId);
    assert.equal(tab!.query, DEMO_SAMPLE_QUERY);
    const result = await demo.call<RequestResultDTO>('requests.run', {
      operationId: 'sample-run',
      endpointId: tab!.endpointId,
      query: tab!.query,
    });
    assert.equal(result.status, 200);
    assert.match(JSON.stringify(result), /note-001/);
  });

  test('tabs the user has in the demo are kept when it opens again', async () => {
    const mine = { ...(await demo.call<TabsDTO>('tabs.load', {})) };
    mine.tabs = [{ ...mine.tabs[0]!, query: '{ whoami { authMode } }', title: 'Mine' }];
    await demo.call('tabs.save', mine);
    await demo.call<WorkspaceDTO>('workspace.leaveDemo', {});
    await demo.call<WorkspaceDTO>('workspace.openDemo', {});
    const again = await demo.call<TabsDTO>('tabs.load', {});
    assert.deepEqual(
      again.tabs.map((t) => t.title),
      ['Mine'],
    );
  });
});
