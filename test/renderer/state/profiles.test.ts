import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { ProfilesState } from '../../../renderer/src/lib/state/profiles.svelte.ts';
import { PROFILE_PAGE } from '../../../shared/profiles.ts';
import { manyProfilesConfig } from '../../support/aws-home.ts';
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

describe('ProfilesState over a long listing', () => {
  const COUNT = PROFILE_PAGE * 2 + 300;
  const LONG = manyProfilesConfig(COUNT);
  let h: StoreHarness & { home: string };

  before(async () => {
    h = await userWorkbench({ config: LONG });
  });
  after(() => h.close());

  const names = (profiles: ProfilesState) => profiles.list?.profiles.map((p) => p.name) ?? [];

  test('shows the first page at once, then the whole list when the rest has arrived', async () => {
    const profiles = new ProfilesState(h.api);
    const release = h.delayNext('profiles.page');
    const loading = profiles.load();
    await h.until(() => profiles.list !== null, 'the first page');
    assert.equal(profiles.list?.profiles.length, PROFILE_PAGE);
    assert.equal(profiles.total, COUNT);
    assert.equal(profiles.complete, false);
    release();
    await loading;
    assert.equal(profiles.complete, true);
    assert.equal(new Set(names(profiles)).size, COUNT);
    assert.ok(names(profiles).includes(`team-${COUNT - 1}`));
  });

  test('a select or a pin keeps the profiles that arrived: no page is asked again', async () => {
    const profiles = new ProfilesState(h.api);
    await profiles.load();
    const before = profiles.list!.profiles;
    h.calls.length = 0;
    await profiles.select(`team-${COUNT - 1}`);
    await profiles.pin('team-0', true);
    assert.deepEqual(h.calls, ['profiles.select', 'profiles.pin']);
    assert.equal(profiles.list!.profiles, before);
    assert.equal(profiles.active?.name, `team-${COUNT - 1}`);
    assert.equal(profiles.isPinned('team-0'), true);
  });

  test('a listing that changes between pages is read again from its new head', async () => {
    const profiles = new ProfilesState(h.api);
    let edited = false;
    // Before the first page is asked, the file gains a profile and main lists it again.
    const page = async (input: { revision: string; offset: number }) => {
      if (!edited) {
        edited = true;
        await writeFile(
          `${h.home}/.aws/config`,
          `${LONG}\n[profile added-between]\nregion = eu-west-2\n`,
        );
        await h.api.profiles.list();
      }
      return h.api.profiles.page(input);
    };
    const profilesWithPage = new Proxy(h.api.profiles, {
      get: (calls, verb) => (verb === 'page' ? page : Reflect.get(calls, verb)),
    });
    const api = new Proxy(h.api, {
      get: (calls, name) => (name === 'profiles' ? profilesWithPage : Reflect.get(calls, name)),
    });
    const reader = new ProfilesState(api);
    await reader.load();
    assert.equal(reader.complete, true);
    assert.equal(reader.total, COUNT + 1);
    assert.equal(new Set(names(reader)).size, COUNT + 1);
    assert.ok(names(reader).includes('added-between'));
    await writeFile(`${h.home}/.aws/config`, LONG);
    await profiles.load();
    assert.equal(profiles.total, COUNT);
  });

  test('a new listing that arrives while pages are read takes over', async () => {
    const profiles = new ProfilesState(h.api);
    const stop = profiles.follow();
    try {
      const release = h.delayNext('profiles.page');
      const loading = profiles.load();
      await h.until(() => profiles.list !== null, 'the first page');
      await writeFile(
        `${h.home}/.aws/config`,
        `${LONG}\n[profile added-later]\nregion = eu-west-2\n`,
      );
      await h.until(() => profiles.total === COUNT + 1, 'the new head');
      release(); // the old listing's page arrives after the new head: it is dropped
      await loading;
      await h.until(() => profiles.complete, 'the new listing, whole');
      assert.equal(new Set(names(profiles)).size, COUNT + 1);
      assert.ok(names(profiles).includes('added-later'));
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
