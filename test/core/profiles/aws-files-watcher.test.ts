import assert from 'node:assert/strict';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  watchAwsFiles,
  type AwsFileKind,
  type AwsFilesWatcher,
} from '../../../main/core/profiles/aws-files-watcher.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

/** Every batch the watcher sends, and a way to wait for the first one that names `kind`. */
function record(watcher: AwsFilesWatcher) {
  const batches: Array<ReadonlySet<AwsFileKind>> = [];
  const waiting: Array<{ kind: AwsFileKind; resolve: () => void }> = [];
  const stop = watcher.subscribe((kinds) => {
    batches.push(kinds);
    for (const w of waiting.filter((w) => kinds.has(w.kind))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  return {
    batches,
    stop,
    next: (kind: AwsFileKind) => new Promise<void>((resolve) => waiting.push({ kind, resolve })),
  };
}

/** Runs `steps` with a watcher of `env` that answers fast, and closes it after. */
async function watching(
  env: Parameters<typeof watchAwsFiles>[0],
  steps: (watcher: AwsFilesWatcher) => Promise<void>,
): Promise<void> {
  const watcher = watchAwsFiles(env, { debounceMs: 20 });
  try {
    await steps(watcher);
  } finally {
    watcher.close();
  }
}

async function freshHome() {
  const home = await makeTempDir('aws-watch');
  return { home, env: { homeDir: home, env: {} }, aws: join(home, '.aws') };
}

describe('the ~/.aws watcher', { timeout: 30_000 }, () => {
  test('an editor’s rename-save of config is one change of the profiles', async () => {
    const { env, aws } = await freshHome();
    await mkdir(aws);
    await writeFile(join(aws, 'config'), '[default]\n');
    await watching(env, async (watcher) => {
      const seen = record(watcher);
      const changed = seen.next('profiles');
      await writeFile(join(aws, '.config.swp'), '[default]\nregion = eu-west-1\n');
      await rename(join(aws, '.config.swp'), join(aws, 'config'));
      await changed;
      assert.deepEqual([...seen.batches[0]!], ['profiles']);
      // Still watching after the file it watched was replaced.
      const again = seen.next('profiles');
      await writeFile(join(aws, 'config'), '[default]\nregion = us-east-1\n');
      await again;
    });
  });

  test('a ~/.aws created after the start is watched, and again after it is removed', async () => {
    const { env, aws } = await freshHome();
    await watching(env, async (watcher) => {
      const seen = record(watcher);
      let changed = seen.next('profiles');
      await mkdir(aws);
      await writeFile(join(aws, 'credentials'), '[default]\n');
      await changed;

      changed = seen.next('profiles');
      await writeFile(join(aws, 'credentials'), '[default]\naws_access_key_id = AKIA\n');
      await changed;

      changed = seen.next('profiles');
      await rm(aws, { recursive: true });
      await changed;
      changed = seen.next('profiles');
      await mkdir(aws);
      await writeFile(join(aws, 'config'), '[default]\n');
      await changed;
    });
  });

  test('the SSO token cache is watched even when ~/.aws/sso/cache comes later', async () => {
    const { env, aws } = await freshHome();
    await mkdir(aws);
    await watching(env, async (watcher) => {
      const seen = record(watcher);
      const cached = seen.next('sso-cache');
      await mkdir(join(aws, 'sso', 'cache'), { recursive: true });
      await writeFile(join(aws, 'sso', 'cache', 'abc.json'), '{}');
      await cached;
      const refreshed = seen.next('sso-cache');
      await writeFile(join(aws, 'sso', 'cache', 'abc.json'), '{"accessToken":"x"}');
      await refreshed;
    });
  });

  test('AWS_CONFIG_FILE in a folder of its own is watched there', async () => {
    const { home, env } = await freshHome();
    const elsewhere = join(home, 'work', 'aws-config');
    await watching({ ...env, env: { AWS_CONFIG_FILE: elsewhere } }, async (watcher) => {
      const changed = record(watcher).next('profiles');
      await mkdir(join(home, 'work'));
      await writeFile(elsewhere, '[default]\n');
      await changed;
    });
  });

  test('every subscriber hears one change; one leaving does not stop the others', async () => {
    const { env, aws } = await freshHome();
    await mkdir(aws);
    await watching(env, async (watcher) => {
      const first = record(watcher);
      const second = record(watcher);
      const both = Promise.all([first.next('profiles'), second.next('profiles')]);
      await writeFile(join(aws, 'config'), '[default]\n');
      await both;
      first.stop();
      const still = second.next('profiles');
      await writeFile(join(aws, 'config'), '[default]\nregion = eu-west-1\n');
      await still;
    });
  });
});
