import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { createWorkbenchCore } from '../../../main/core/workbench-core.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ProfileListDTO } from '../../../shared/profiles.ts';
import { makeAwsHome } from '../../support/aws-home.ts';

const CONFIG = `[default]\nregion = us-east-1\n\n[profile dev]\nregion = eu-west-1\n\n[profile prod]\nregion = eu-central-1\n`;

describe('profile service', () => {
  test('the default profile is active until the user chooses one', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    const list = await createWorkbenchCore(home.environment()).profiles.list();
    assert.equal(list.active, 'default');
    assert.equal(list.activeSource, 'default');
  });

  test('AWS_PROFILE picks the active profile; AWS_REGION wins over AWS_DEFAULT_REGION', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    const env = { AWS_PROFILE: 'dev', AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'sa-east-1' };
    const list = await createWorkbenchCore(home.environment(env)).profiles.list();
    assert.equal(list.active, 'dev');
    assert.equal(list.activeSource, 'environment');
    assert.equal(list.environmentRegion, 'ap-south-1');
    const fallback = await createWorkbenchCore(
      home.environment({ AWS_DEFAULT_REGION: 'sa-east-1' }),
    ).profiles.list();
    assert.equal(fallback.environmentRegion, 'sa-east-1');
  });

  test('an AWS_PROFILE that does not exist is reported, not fatal', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    const list = await createWorkbenchCore(
      home.environment({ AWS_PROFILE: 'nope' }),
    ).profiles.list();
    assert.equal(list.active, 'default');
    assert.match(list.problems[0]?.message ?? '', /AWS_PROFILE is "nope"/);
  });

  test('the chosen profile survives a restart and beats AWS_PROFILE', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    await createWorkbenchCore(home.environment()).profiles.select('prod');
    const restarted = createWorkbenchCore(home.environment({ AWS_PROFILE: 'dev' }));
    const list = await restarted.profiles.list();
    assert.equal(list.active, 'prod');
    assert.equal(list.activeSource, 'chosen');
  });

  test('choosing a profile that does not exist fails with PROFILE_NOT_FOUND', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    await assert.rejects(
      createWorkbenchCore(home.environment()).profiles.select('ghost'),
      (error: unknown) => error instanceof AppError && error.code === 'PROFILE_NOT_FOUND',
    );
  });

  test('edits to ~/.aws reach listeners without a restart', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    const core = createWorkbenchCore(home.environment());
    const changed = new Promise<ProfileListDTO>((resolve) => {
      const stop = core.profiles.watch((list) => {
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
});
