import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEnvironmentTagger } from '../../shared/environment-tags.ts';
import { DEFAULT_ENVIRONMENT_PATTERNS } from '../../main/core/settings/settings-store.ts';

test('tags profiles by name pattern, production first, case-insensitive', () => {
  const tag = createEnvironmentTagger(DEFAULT_ENVIRONMENT_PATTERNS);
  assert.equal(tag('payments-PROD'), 'production');
  assert.equal(tag('orders-staging'), 'staging');
  assert.equal(tag('dev-sandbox'), 'dev');
  assert.equal(tag('ops-admin'), null);
  // "prod" wins over "stag": when in doubt, warn.
  assert.equal(tag('prod-staging-mirror'), 'production');
});

test('user patterns are globs, not regular expressions', () => {
  const tag = createEnvironmentTagger({ production: ['acct-1234*'], staging: ['a.b'], dev: [] });
  assert.equal(tag('acct-1234-admin'), 'production');
  assert.equal(tag('a.b'), 'staging');
  assert.equal(tag('axb'), null, 'a dot is literal');
});
