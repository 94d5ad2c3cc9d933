import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatBytes } from '../../shared/bytes.ts';

test('sizes are written in bytes below a kilobyte and with one decimal above', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(188), '188 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(1024), '1.0 KB');
  assert.equal(formatBytes(1536), '1.5 KB');
  assert.equal(formatBytes(20 * 1024 * 1024), '20.0 MB');
  assert.equal(formatBytes(3 * 1024 ** 3), '3.0 GB');
});

test('a size that is not one is shown as a dash, not as NaN', () => {
  assert.equal(formatBytes(Number.NaN), '—');
  assert.equal(formatBytes(-1), '—');
});
