import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isPageKey, type KeyInput } from '../../main/electron/menu-keys.ts';

const key = (input: Partial<KeyInput>): KeyInput => ({
  type: 'keyDown',
  key: 'w',
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...input,
});

test('Ctrl+W and Cmd+W go to the page (a tab closes), not to the menu (the window would)', () => {
  assert.equal(isPageKey(key({ control: true })), true);
  assert.equal(isPageKey(key({ meta: true, key: 'W' })), true);
  for (const other of [
    key({}),
    key({ control: true, type: 'keyUp' }),
    key({ control: true, shift: true }),
    key({ control: true, alt: true }),
    key({ control: true, key: 'q' }),
    key({ control: true, key: 'r' }),
  ]) {
    assert.equal(isPageKey(other), false, JSON.stringify(other));
  }
});
