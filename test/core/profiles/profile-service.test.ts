import assert from 'node:assert/strict';
import { utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import type { CoreEnvironment } from '../../../main/core/environment.ts';
import { ProfileService } from '../../../main/core/profiles/profile-service.ts';
import { SettingsStore } from '../../../main/core/settings/settings-store.ts';
import { AppError } from '../../../shared/errors.ts';
import { headOf, PROFILE_PAGE, type ProfileListDTO } from '../../../shared/profiles.ts';
import { makeAwsHome, manyProfilesConfig } from '../../support/aws-home.ts';

function profilesFor(environment: CoreEnvironment): ProfileService {
  return new ProfileService(environment, new SettingsStore(environment.dataDir));
}

const CONFIG = `[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\n\n[profile prod]\nregion = eu-central-1\n`;

describe('profile service', () => {
  test('the default profile is active until the user chooses one', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    const list = await profilesFor(home.environment()).list();
    assert.equal(list.active, 'default');
    assert.equal(list.activeSource, 'default');
  });

  test('AWS_PROFILE picks the active profile; AWS_REGION wins over AWS_DEFAULT_REGION', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    const env = { AWS_PROFILE: 'dev', AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'sa-east-1' };
    const list = await profilesFor(home.environment(env)).list();
    assert.equal(list.active, 'dev');
    assert.equal(list.activeSource, 'environment');
    assert.equal(list.environmentRegion, 'ap-south-1');
    const fallback = await profilesFor(
      home.environment({ AWS_DEFAULT_REGION: 'sa-east-1' }),
    ).list();
    assert.equal(fallback.environmentRegion, 'sa-east-1');
  });

  test('an AWS_PROFILE that does not exist is reported, not fatal', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    const list = await profilesFor(home.environment({ AWS_PROFILE: 'nope' })).list();
    assert.equal(list.active, 'default');
    assert.match(list.problems[0]?.message ?? '', /AWS_PROFILE is "nope"/);
  });

  test('the chosen profile survives a restart and beats AWS_PROFILE', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    await profilesFor(home.environment()).select('prod');
    const restarted = profilesFor(home.environment({ AWS_PROFILE: 'dev' }));
    const list = await restarted.list();
    assert.equal(list.active, 'prod');
    assert.equal(list.activeSource, 'chosen');
  });

  test('choosing a profile that does not exist fails with PROFILE_NOT_FOUND', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    await assert.rejects(
      profilesFor(home.environment()).select('ghost'),
      (error: unknown) => error instanceof AppError && error.code === 'PROFILE_NOT_FOUND',
    );
  });

  test('pinned and recent profiles are remembered; tags follow the patterns', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    const profiles = profilesFor(home.environment());
    await profiles.select('dev');
    await profiles.select('prod');
    await profiles.select('dev');
    await profiles.pin('prod', true);
    await profiles.pin('default', true);
    await profiles.pin('default', false);
    const list = await profilesFor(home.environment()).list();
    assert.deepEqual(list.recent, ['dev', 'prod']);
    assert.deepEqual(list.pinned, ['prod']);
    assert.equal(list.profiles.find((p) => p.name === 'prod')?.environment, 'production');
    assert.equal(list.profiles.find((p) => p.name === 'dev')?.environment, 'dev');
    const retagged = await profiles.setEnvironmentPatterns({
      production: ['default'],
      staging: [],
      dev: [],
    });
    assert.equal(retagged.profiles.find((p) => p.name === 'default')?.environment, 'production');
    assert.equal(retagged.profiles.find((p) => p.name === 'prod')?.environment, null);
  });

  test('edits to ~/.aws reach listeners without a restart', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    const profiles = profilesFor(home.environment());
    const changed = new Promise<ProfileListDTO>((resolve) => {
      const stop = profiles.watch((list) => {
        if (list.profiles.some((p) => p.name === 'added')) {
          stop();
          resolve(list);
        }
      });
    });
    await writeFile(home.configFile, `${CONFIG}\n[profile added]\nregion = us-west-1\n`);
    const list = await changed;
    assert.equal(list.profiles.length, 4);
  });

  test('only a change of contents re-lists: not a touch, a save of the same text, another file', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    const profiles = profilesFor(home.environment());
    const first = await profiles.list();
    const later = new Date(Date.now() + 60_000);
    await utimes(home.configFile, later, later);
    assert.equal(await profiles.refresh(), null, 'an mtime-only touch');
    await writeFile(home.configFile, CONFIG);
    assert.equal(await profiles.refresh(), null, 'a save of the same text');
    await writeFile(join(dirname(home.configFile), 'notes.txt'), 'unrelated');
    assert.equal(await profiles.refresh(), null, 'another file in ~/.aws');
    // Not recomputed: the very same profile objects come back.
    const again = await profiles.list();
    assert.equal(again.profiles[0], first.profiles[0]);
    await writeFile(home.configFile, `${CONFIG}\n[profile added]\nregion = us-west-1\n`);
    const changed = await profiles.refresh();
    assert.ok(changed?.profiles.some((p) => p.name === 'added'));
    assert.notEqual(changed?.profiles[0], first.profiles[0]);
  });

  test('the watcher sends one list for an edit, none for a touch or another file before it', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    const profiles = profilesFor(home.environment());
    // The watcher starts from what the last list showed: touching the files is no news.
    await profiles.list();
    const sent: ProfileListDTO[] = [];
    const added = new Promise<void>((resolve) => {
      const stop = profiles.watch((list) => {
        sent.push(list);
        if (list.profiles.some((p) => p.name === 'added')) {
          stop();
          resolve();
        }
      });
    });
    const later = new Date(Date.now() + 60_000);
    await utimes(home.configFile, later, later);
    await writeFile(join(dirname(home.configFile), 'notes.txt'), 'unrelated');
    await writeFile(home.configFile, `${CONFIG}\n[profile added]\nregion = us-west-1\n`);
    await added;
    assert.equal(sent.length, 1);
  });

  test('a long listing is read a page at a time, from the revision its head named', async () => {
    const count = PROFILE_PAGE * 2 + 500;
    const home = await makeAwsHome({ config: manyProfilesConfig(count) });
    const profiles = profilesFor(home.environment());
    const head = headOf(await profiles.list());
    assert.equal(head.total, count);
    assert.equal(head.first.length, PROFILE_PAGE);
    const names = head.first.map((p) => p.name);
    for (let offset = head.first.length; offset < head.total;) {
      const page = profiles.page(head.revision, offset);
      assert.equal(page.revision, head.revision);
      assert.ok(page.profiles.length > 0 && page.profiles.length <= PROFILE_PAGE);
      names.push(...page.profiles.map((p) => p.name));
      offset += page.profiles.length;
    }
    assert.deepEqual(
      names,
      (await profiles.list()).profiles.map((p) => p.name),
    );
    assert.deepEqual(profiles.page(head.revision, count).profiles, [], 'past the end');
  });

  test('a select or a pin keeps the revision; an edit, new tags or a picked SSO role change it', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    const profiles = profilesFor(home.environment());
    const { revision } = await profiles.list();
    assert.equal((await profiles.select('dev')).revision, revision);
    assert.equal((await profiles.pin('prod', true)).revision, revision);

    const picked = await profiles.select('sso:my-sso/123456789012/ReadOnly');
    assert.notEqual(picked.revision, revision, 'a role picked from a session joins the list');
    assert.ok(picked.profiles.some((p) => p.name === 'sso:my-sso/123456789012/ReadOnly'));

    const retagged = await profiles.setEnvironmentPatterns({
      production: ['dev'],
      staging: [],
      dev: [],
    });
    assert.notEqual(retagged.revision, picked.revision);

    await writeFile(home.configFile, `${CONFIG}\n[profile added]\nregion = us-west-1\n`);
    const edited = await profiles.list();
    assert.notEqual(edited.revision, retagged.revision);
    // A page of a listing that is no longer the latest: nothing, and the revision now.
    assert.deepEqual(profiles.page(retagged.revision, 0), {
      revision: edited.revision,
      profiles: [],
    });
    // Another service (a workspace swapped in) never hands out the same revision.
    assert.notEqual((await profilesFor(home.environment()).list()).revision, edited.revision);
  });
});
