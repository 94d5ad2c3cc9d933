import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { ProfilesState } from '../../../renderer/src/lib/state/profiles.svelte.ts';
import { ViewsState } from '../../../renderer/src/lib/state/views.svelte.ts';
import { userWorkbench, type StoreHarness } from './store-harness.ts';

const CONFIG = `[default]
region = eu-west-1

[profile prod-admin]
region = eu-west-1

[profile dev-reader]
region = us-east-1
`;

describe('ProfilesState', () => {
  let h: StoreHarness & { home: string };

  before(async () => {
    h = await userWorkbench({ config: CONFIG });
  });
  after(() => h.close());

  test('lists ~/.aws profiles; the query narrows them', async () => {
    const profiles = new ProfilesState(h.api);
    await profiles.load();
    assert.equal(profiles.loading, false);
    assert.deepEqual(profiles.list?.profiles.map((p) => p.name).sort(), [
      'default',
      'dev-reader',
      'prod-admin',
    ]);
    profiles.query = 'prod';
    assert.deepEqual(
      profiles.filtered.map((p) => p.name),
      ['prod-admin'],
    );
  });

  test('the chosen profile is active, and stays so for the next window', async () => {
    const profiles = new ProfilesState(h.api);
    await profiles.load();
    await profiles.select('dev-reader');
    assert.equal(profiles.active?.name, 'dev-reader');
    const next = new ProfilesState(h.api);
    await next.load();
    assert.equal(next.active?.name, 'dev-reader');
    await profiles.select('no-such-profile');
    assert.match(profiles.error ?? '', /no-such-profile/);
    assert.equal(profiles.active?.name, 'dev-reader');
  });

  test('pins and environment patterns are settings main keeps', async () => {
    const profiles = new ProfilesState(h.api);
    await profiles.load();
    await profiles.pin('prod-admin', true);
    assert.equal(profiles.isPinned('prod-admin'), true);
    await profiles.setEnvironmentPatterns({ production: ['prod-*'], staging: [], dev: ['dev-*'] });
    const next = new ProfilesState(h.api);
    await next.load();
    assert.equal(next.isPinned('prod-admin'), true);
    assert.equal(next.isPinned('dev-reader'), false);
    const tags = Object.fromEntries(next.list!.profiles.map((p) => [p.name, p.environment]));
    assert.deepEqual(tags, { default: null, 'prod-admin': 'production', 'dev-reader': 'dev' });
  });

  test('an edit of ~/.aws/config shows without a reload', async () => {
    const profiles = new ProfilesState(h.api);
    await profiles.load();
    const stop = profiles.follow();
    try {
      await writeFile(
        `${h.home}/.aws/config`,
        `${CONFIG}\n[profile added-later]\nregion = eu-west-2\n`,
      );
      await h.until(
        () => profiles.list?.profiles.some((p) => p.name === 'added-later') ?? false,
        'the new profile',
      );
    } finally {
      stop();
    }
  });
});

describe('ViewsState', () => {
  test('one view fills the main area at a time, the request view first', () => {
    const views = new ViewsState();
    assert.equal(views.current, 'request');
    views.show('history');
    assert.equal(views.current, 'history');
  });
});
