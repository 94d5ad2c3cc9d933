import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EditorState, type TransactionSpec } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { LiveSettings } from '../../../renderer/src/lib/editor/live-settings.ts';
import { templateScopeFacet } from '../../../renderer/src/lib/editor/template-variables.ts';

const scope = { names: new Set(['tenant']), values: {} } as never;

test('an editor opens with its settings, and a changed prop reconfigures the running view', () => {
  const settings = new LiveSettings();
  let state = EditorState.create({
    extensions: settings.initial({ readonly: false, ariaLabel: 'Query', templateScope: null }),
  });
  const label = () => state.facet(EditorView.contentAttributes).find((a) => 'aria-label' in a);
  assert.equal(state.readOnly, false);
  assert.deepEqual(label(), { 'aria-label': 'Query' });
  assert.equal(state.facet(templateScopeFacet), null);

  const view = { dispatch: (spec: TransactionSpec) => (state = state.update(spec).state) };
  settings.reconfigure(view as unknown as EditorView, {
    readonly: true,
    ariaLabel: 'Saved query',
    templateScope: scope,
  });
  assert.equal(state.readOnly, true);
  assert.deepEqual(label(), { 'aria-label': 'Saved query' });
  assert.equal(state.facet(templateScopeFacet), scope);
  settings.reconfigure(undefined, { readonly: false, ariaLabel: 'x', templateScope: null });
});
