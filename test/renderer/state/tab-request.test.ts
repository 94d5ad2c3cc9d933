import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  draftFromTab,
  parentOf,
  tabFromSaved,
} from '../../../renderer/src/lib/state/tab-request.ts';
import type { SavedRequestDTO } from '../../../shared/collections.ts';
import { blankTabDraft } from '../../../shared/tabs.ts';

const saved = {
  id: 'Admin/Get order',
  version: 'v1',
  name: 'Get order',
  query: '{ order { id } }',
  operationName: null,
  variables: { id: '1' },
  headers: { 'x-tenant': '{{tenant}}' },
  endpointRef: null,
  url: '{{apiUrl}}',
  auth: { type: 'API_KEY', value: '{{apiKey}}' },
  profile: null,
  assertions: [{ enabled: true, path: 'status', operator: 'equals', value: '200' }],
  scripts: { pre: null, post: null },
  repeat: { count: 2 },
  data: null,
} as unknown as SavedRequestDTO;

describe('tab ⇄ saved request', () => {
  test('a saved request opens as a tab that remembers where it came from', () => {
    const tab = tabFromSaved(saved, '/c');
    assert.equal(tab.variables, '{\n  "id": "1"\n}');
    assert.equal(tab.headers, 'x-tenant: {{tenant}}');
    assert.deepEqual(tab.origin, {
      kind: 'collection',
      folder: '/c',
      requestId: 'Admin/Get order',
      version: 'v1',
      ownUrl: true,
    });
    assert.equal(parentOf(saved.id), 'Admin');
    assert.equal(parentOf('Top'), '');
  });

  test('saving back keeps what the tab does not hold: its own URL, auth and repeat', () => {
    const tab = blankTabDraft('t', { ...tabFromSaved(saved, '/c'), query: '{ edited }' });
    const draft = draftFromTab(tab, 'Get order', saved);
    assert.equal(draft.query, '{ edited }');
    assert.equal(draft.url, '{{apiUrl}}');
    assert.deepEqual(draft.auth, saved.auth);
    assert.deepEqual(draft.repeat, { count: 2 });
    assert.deepEqual(draft.variables, { id: '1' });
  });

  test('with an endpoint chosen, the file names the mode, never a secret', () => {
    const tab = blankTabDraft('t', { endpointId: 'e1', authMode: 'API_KEY', headers: '# x: 1' });
    const draft = draftFromTab(tab, 'New', saved);
    assert.equal(draft.endpointRef, 'e1');
    assert.equal(draft.url, null);
    assert.deepEqual(draft.auth, { type: 'API_KEY', value: '' });
    assert.deepEqual(draft.headers, {}, 'a disabled header row is not saved');
    assert.throws(() => draftFromTab({ ...tab, variables: '{' }, 'New', null), /not valid JSON/);
  });
});
