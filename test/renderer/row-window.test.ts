import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  rowAfterKey,
  rowTabStop,
  rowWindow,
  scrollToRow,
} from '../../renderer/src/lib/row-window.ts';

describe('rowWindow', () => {
  test('the rows in view plus the margin, held to the list', () => {
    // 32 px rows, a 320 px box: rows 0–9 in view, 8 more on each side where there are rows.
    assert.deepEqual(rowWindow(20_000, 32, 0, 320, 8), { first: 0, last: 18 });
    assert.deepEqual(rowWindow(20_000, 32, 3200, 320, 8), { first: 92, last: 118 });
    assert.deepEqual(rowWindow(20_000, 32, 20_000 * 32 - 320, 320, 8), {
      first: 19_982,
      last: 20_000,
    });
    assert.deepEqual(rowWindow(5, 32, 0, 320, 8), { first: 0, last: 5 });
    assert.deepEqual(rowWindow(0, 32, 0, 320, 8), { first: 0, last: 0 });
  });

  test('an offset from before the list shrank still shows its last rows', () => {
    assert.deepEqual(rowWindow(3, 32, 64_000, 320, 8), { first: 0, last: 3 });
    assert.deepEqual(rowWindow(100, 32, 64_000, 320, 8), { first: 91, last: 100 });
  });
});

describe('scrollToRow', () => {
  test('a row in view stays; one outside is centred; never above the top', () => {
    assert.equal(scrollToRow(3, 32, 0, 320), null);
    assert.equal(scrollToRow(9, 32, 0, 320), null, 'the last whole row in view');
    assert.equal(scrollToRow(10, 32, 0, 320), 320 - 144);
    assert.equal(scrollToRow(1000, 32, 0, 320), 32_000 - 144);
    assert.equal(scrollToRow(2, 32, 3200, 320), 0);
  });
});

describe('rowAfterKey', () => {
  test('arrows, Home, End and the page keys move within the list; other keys do not', () => {
    assert.equal(rowAfterKey('ArrowDown', 4, 100, 10), 5);
    assert.equal(rowAfterKey('ArrowUp', 4, 100, 10), 3);
    assert.equal(rowAfterKey('Home', 40, 100, 10), 0);
    assert.equal(rowAfterKey('End', 4, 100, 10), 99);
    assert.equal(rowAfterKey('PageDown', 4, 100, 10), 13, 'a page less one row: one stays in view');
    assert.equal(rowAfterKey('PageUp', 40, 100, 10), 31);
    assert.equal(rowAfterKey('Enter', 4, 100, 10), null);
    assert.equal(rowAfterKey('toString', 4, 100, 10), null, 'not a key of Object.prototype');
  });

  test('held to the list: the ends stay put, an empty list has no row', () => {
    assert.equal(rowAfterKey('ArrowUp', 0, 100, 10), 0);
    assert.equal(rowAfterKey('ArrowDown', 99, 100, 10), 99);
    assert.equal(rowAfterKey('PageDown', 95, 100, 10), 99);
    assert.equal(rowAfterKey('PageUp', 3, 100, 1), 2, 'a page is at least one row');
    assert.equal(rowAfterKey('ArrowDown', 0, 0, 10), null);
  });
});

describe('rowAfterKey over headings', () => {
  // Rows 0 and 4 are day headings, as in the history list.
  const heading = (row: number) => row === 0 || row === 4;

  test('headings are stepped over in the key direction, then the other way at an end', () => {
    assert.equal(rowAfterKey('ArrowDown', 3, 8, 10, heading), 5);
    assert.equal(rowAfterKey('ArrowUp', 5, 8, 10, heading), 3);
    assert.equal(rowAfterKey('Home', 6, 8, 10, heading), 1);
    assert.equal(rowAfterKey('ArrowUp', 1, 8, 10, heading), 1, 'above the first entry: it stays');
    assert.equal(
      rowAfterKey('ArrowDown', 1, 8, 3, () => true),
      null,
      'no row to stop at',
    );
  });
});

describe('rowTabStop', () => {
  const heading = (row: number) => row === 0 || row === 4;

  test('the focused row while it is in the window; else the first row from the top of the view', () => {
    assert.equal(rowTabStop(12, { first: 5, last: 30 }, 13, 100), 12);
    assert.equal(rowTabStop(2, { first: 5, last: 30 }, 13, 100), 13, 'scrolled out of the window');
    assert.equal(rowTabStop(4, { first: 0, last: 30 }, 3, 100, heading), 3, 'a heading is no stop');
    assert.equal(rowTabStop(-1, { first: 0, last: 30 }, 0, 100, heading), 1);
    assert.equal(rowTabStop(0, { first: 0, last: 0 }, 0, 0), -1, 'an empty list has none');
    assert.equal(rowTabStop(-1, { first: 0, last: 3 }, 50, 3), 2, 'a top past the end: the last');
  });
});
