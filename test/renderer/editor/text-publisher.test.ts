import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EditorState } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import {
  LARGE_TEXT_CHARS,
  TextPublisher,
} from '../../../renderer/src/lib/editor/text-publisher.ts';

/** What the publisher reads of a view: its state. */
const viewOf = (doc: string) => ({ state: EditorState.create({ doc }) }) as EditorView;

test('a small document reaches the binding on each change', () => {
  const written: string[] = [];
  const publisher = new TextPublisher((text) => written.push(text));
  publisher.changed(viewOf('{"id": 1}'));
  assert.deepEqual(written, ['{"id": 1}']);
  assert.equal(publisher.published, '{"id": 1}');
});

test('a big document reaches it after a pause, or at once on flush; once for many changes', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const written: string[] = [];
  const publisher = new TextPublisher((text) => written.push(text));
  const big = 'x'.repeat(LARGE_TEXT_CHARS + 1);
  publisher.changed(viewOf(big));
  publisher.changed(viewOf(`${big}y`));
  assert.deepEqual(written, [], 'not on each keystroke');
  t.mock.timers.tick(300);
  assert.deepEqual(written, [`${big}y`]);
  publisher.changed(viewOf(`${big}z`));
  publisher.flush();
  assert.equal(written.at(-1), `${big}z`, 'a flush hands the edit over at once');
  publisher.flush();
  assert.equal(written.length, 2, 'nothing left to hand over');
});

test('a text replaced from outside drops the edit still waiting', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const written: string[] = [];
  const publisher = new TextPublisher((text) => written.push(text));
  publisher.changed(viewOf('x'.repeat(LARGE_TEXT_CHARS + 1)));
  publisher.drop('{"other": "tab"}');
  t.mock.timers.tick(1000);
  publisher.flush();
  assert.deepEqual(written, []);
  assert.equal(
    publisher.published,
    '{"other": "tab"}',
    'the new text is not a change to hand back',
  );
});

test('the binding giving back its own text changes nothing; another text replaces the document', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const written: string[] = [];
  const dispatched: unknown[] = [];
  const publisher = new TextPublisher((text) => written.push(text));
  const view = (doc: string) =>
    ({
      state: EditorState.create({ doc }),
      dispatch: (spec: unknown) => dispatched.push(spec),
    }) as unknown as EditorView;
  publisher.changed(view('{"mine": 1}'));
  publisher.received(view('{"mine": 1}'), '{"mine": 1}');
  assert.deepEqual(dispatched, [], 'its own edit is not written back into the editor');
  const big = 'x'.repeat(LARGE_TEXT_CHARS + 1);
  publisher.changed(view(big));
  publisher.received(view(big), '{"other tab": 2}');
  assert.equal(dispatched.length, 1, 'another text replaces the document');
  t.mock.timers.tick(300);
  assert.deepEqual(written, ['{"mine": 1}'], 'the waiting edit does not reach the other tab');
  assert.equal(publisher.published, '{"other tab": 2}');
});
