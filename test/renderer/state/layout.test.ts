import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BOUNDS, LayoutState } from '../../../renderer/src/lib/state/layout.svelte.ts';

const KEY = 'appsync-workbench.layout';

/**
 * The window's `localStorage`, which Node does not have: the Web Storage calls the store makes,
 * over a Map. `full` makes every write throw, as a full or disabled storage does.
 */
class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  full = false;
  get length() {
    return this.#items.size;
  }
  clear() {
    this.#items.clear();
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.#items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  setItem(key: string, value: string) {
    if (this.full) throw new DOMException('quota exceeded', 'QuotaExceededError');
    this.#items.set(key, value);
  }
}

describe('LayoutState', () => {
  test('with nothing stored, every size is its default', () => {
    const layout = new LayoutState(new MemoryStorage());
    assert.equal(layout.editorShare, BOUNDS.editorShare.initial);
    assert.equal(layout.sidebarWidth, BOUNDS.sidebarWidth.initial);
    assert.equal(layout.vertical, false);
    assert.equal(layout.collapsedProblems, null);
  });

  test('what is saved comes back in the next window', () => {
    const storage = new MemoryStorage();
    const layout = new LayoutState(storage);
    layout.resize('editorHeight', 700.4);
    layout.set({ vertical: true, collapsedProblems: 'p1' });
    const next = new LayoutState(storage);
    assert.equal(next.editorHeight, 700);
    assert.equal(next.vertical, true);
    assert.equal(next.collapsedProblems, 'p1');
    assert.equal(next.docsDocked, false);
  });

  test('a resize stays within bounds and is remembered only on save()', () => {
    const storage = new MemoryStorage();
    const layout = new LayoutState(storage);
    layout.resize('sidebarWidth', 10_000);
    assert.equal(layout.sidebarWidth, BOUNDS.sidebarWidth.max);
    layout.resize('editorShare', -3);
    assert.equal(layout.editorShare, BOUNDS.editorShare.min);
    assert.equal(storage.getItem(KEY), null, 'not written while dragging');
    layout.save();
    assert.equal(new LayoutState(storage).sidebarWidth, BOUNDS.sidebarWidth.max);
  });

  test('a stored value out of bounds is clamped; a bad one loses only itself', () => {
    const storage = new MemoryStorage();
    storage.setItem(
      KEY,
      JSON.stringify({ editorShare: 95, queryHeight: 'tall', vertical: 'yes', docsDocked: true }),
    );
    const layout = new LayoutState(storage);
    assert.equal(layout.editorShare, BOUNDS.editorShare.max);
    assert.equal(layout.queryHeight, BOUNDS.queryHeight.initial);
    assert.equal(layout.vertical, false);
    assert.equal(layout.docsDocked, true);
    storage.setItem(KEY, '{not json');
    assert.equal(new LayoutState(storage).editorShare, BOUNDS.editorShare.initial);
  });

  test('a storage that refuses writes costs the layout only its memory', () => {
    const storage = new MemoryStorage();
    storage.full = true;
    const layout = new LayoutState(storage);
    layout.set({ docsDocked: true });
    assert.equal(layout.docsDocked, true);
    assert.equal(new LayoutState(undefined).docsDocked, false, 'no storage at all works too');
  });
});
