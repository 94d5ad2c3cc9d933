import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, mock, test } from 'node:test';
import { CollectionsState } from '../../../renderer/src/lib/state/collections.svelte.ts';
import { CommandsState } from '../../../renderer/src/lib/state/commands.svelte.ts';
import { ProfilesState } from '../../../renderer/src/lib/state/profiles.svelte.ts';
import { tabFromSaved } from '../../../renderer/src/lib/state/tab-request.ts';
import { TabsState } from '../../../renderer/src/lib/state/tabs.svelte.ts';
import { ViewsState } from '../../../renderer/src/lib/state/views.svelte.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { userWorkbench, type StoreHarness } from './store-harness.ts';

describe('CommandsState', () => {
  let h: StoreHarness;
  let folder: string;
  let tabs: TabsState;
  let collections: CollectionsState;
  let views: ViewsState;
  let profiles: ProfilesState;
  let commands: CommandsState;

  before(async () => {
    h = await userWorkbench();
    folder = await makeTempDir('commands-collection');
    await h.api.collections.open({ folder });
  });
  after(() => h.close());
  beforeEach(async () => {
    // The tabs' debounced saves are not what these tests look at.
    mock.timers.enable({ apis: ['setTimeout'] });
    tabs = new TabsState(h.api);
    await tabs.load(() => 'endpoint-1');
    collections = new CollectionsState(h.api);
    views = new ViewsState();
    profiles = new ProfilesState(h.api);
    commands = new CommandsState({
      tabs,
      collections,
      views,
      profiles,
      defaultEndpoint: () => 'endpoint-1',
    });
  });
  afterEach(() => mock.timers.reset());

  /** A tab opened from a request saved in the collection, as the tree opens it. */
  async function savedTab(name: string) {
    const saved = await h.api.collections.save({
      folder,
      parent: '',
      baseVersion: null,
      draft: {
        name,
        query: '{ a }',
        operationName: null,
        variables: {},
        headers: {},
        endpointRef: 'endpoint-1',
        url: null,
        auth: null,
        profile: null,
        assertions: [],
        scripts: { pre: null, post: null },
        repeat: null,
        data: null,
      },
    });
    return tabs.open(tabFromSaved(saved, folder));
  }

  test('the palette, the shortcut sheet and the switcher open one at a time', () => {
    commands.perform('palette');
    assert.equal(commands.paletteOpen, true);
    commands.perform('shortcuts');
    assert.deepEqual([commands.paletteOpen, commands.sheetOpen], [false, true]);
    commands.perform('switcher');
    assert.deepEqual([commands.sheetOpen, profiles.switcherOpen], [false, true]);
    commands.perform('switcher');
    assert.equal(profiles.switcherOpen, false);
  });

  test('tab commands bring the request view forward and act on the active tab', () => {
    views.show('history');
    commands.perform('newTab');
    assert.equal(views.current, 'request');
    assert.equal(tabs.tabs.length, 2);
    assert.equal(tabs.active?.draft.endpointId, 'endpoint-1');
    const second = tabs.active!.draft.id;
    commands.perform('moveTabLeft');
    assert.equal(tabs.tabs[0]?.draft.id, second);
    commands.perform('duplicateTab');
    assert.equal(tabs.tabs.length, 3);
    commands.perform('renameTab');
    assert.equal(commands.renaming, tabs.active?.draft.id);
    commands.perform('closeOthers');
    assert.equal(tabs.tabs.length, 1, 'tabs without changes close without asking');
  });

  test('closing a tab with unsaved changes asks first; discarding closes it', async () => {
    const tab = await savedTab('Discard me');
    tab.draft.query = '{ changed }';
    commands.perform('closeTab');
    assert.deepEqual(commands.closing, [tab.draft.id]);
    assert.deepEqual(commands.closingChanged, [tab]);
    assert.ok(tabs.tabs.includes(tab), 'nothing closed yet');
    commands.discardAndClose();
    assert.equal(commands.closing, null);
    assert.ok(!tabs.tabs.includes(tab));
  });

  test('save and close writes the change back into the collection, then closes', async () => {
    const tab = await savedTab('Save me');
    tab.draft.query = '{ saved }';
    commands.requestClose([tab.draft.id]);
    await commands.saveAndClose();
    assert.equal(commands.closing, null);
    assert.equal(commands.problem, null);
    assert.ok(!tabs.tabs.includes(tab));
    const read = await h.api.collections.read({ folder, id: 'Save me' });
    assert.equal(read.query.trim(), '{ saved }');
  });

  test('a tab whose collection is not open stays, and says why', async () => {
    const tab = await savedTab('Orphan');
    tab.draft.origin = { ...tab.draft.origin!, folder: '/not/open' };
    tab.draft.query = '{ changed }';
    commands.requestClose([tab.draft.id]);
    await commands.saveAndClose();
    assert.deepEqual(commands.closing, [tab.draft.id]);
    assert.match(commands.problem ?? '', /\/not\/open is not open/);
    assert.ok(tabs.tabs.includes(tab));
  });

  test('saving a tab from nowhere asks where; "save as" then adopts what was saved', async () => {
    const tab = tabs.active!;
    tab.draft.query = '{ fresh }';
    assert.equal(await commands.save(tab), false);
    assert.equal(commands.savingAs, tab.draft.id);
    assert.equal(await commands.saveAs(tab, { folder, parent: '', name: 'Fresh' }), true);
    assert.equal(commands.savingAs, null);
    assert.equal(tab.draft.title, 'Fresh');
    assert.equal(tab.draft.origin?.requestId, 'Fresh');
    assert.equal(tab.dirty, false);
    tab.draft.query = '{ edited }';
    assert.equal(tab.dirty, true, 'later edits show as unsaved');
    assert.equal(await commands.save(tab), true, 'now it saves back without asking');
    assert.equal(
      (await h.api.collections.read({ folder, id: 'Fresh' })).query.trim(),
      '{ edited }',
    );
  });
});
