/**
 * The desktop workbench tells the renderer, through the workspace it already reads, that this
 * session keeps secrets unencrypted; a dismissal holds across restarts. The web host, whose
 * 0600 file is its documented vault, has nothing to say.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { WorkspaceDTO } from '../../shared/workspace.ts';
import { FileVault } from '../../main/core/vault/file-vault.ts';
import { KeyringVault } from '../../main/core/vault/keyring-vault.ts';
import { createWorkbench, type HostInfo } from '../../main/ipc/workbench-router.ts';
import { FakeOsEncryption } from '../core/vault/fake-os-encryption.ts';
import { makeTempDir } from '../support/web-host-process.ts';

async function withWorkbench<T>(
  home: string,
  host: Pick<HostInfo, 'host' | 'vault' | 'vaultNotice'>,
  use: (call: (method: string) => Promise<WorkspaceDTO>) => Promise<T>,
): Promise<T> {
  const workbench = createWorkbench(
    { env: {}, homeDir: home, dataDir: join(home, 'data') },
    {
      ...host,
      version: 'test',
      opener: { open: async () => undefined },
      clipboard: { writeText: async () => undefined },
    },
  );
  const call = async (method: string) => {
    const result = await workbench.router.dispatch(method, {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value as WorkspaceDTO;
  };
  try {
    return await use(call);
  } finally {
    await workbench.close();
  }
}

function desktop(home: string): Pick<HostInfo, 'host' | 'vault' | 'vaultNotice'> {
  const vault = new KeyringVault(
    join(home, 'data'),
    new FakeOsEncryption({ backend: 'basic_text' }),
  );
  return { host: 'electron', vault, vaultNotice: vault };
}

test('a desktop without a keyring says so in its workspace until dismissed, across restarts', async () => {
  const home = await makeTempDir('vault-notice');
  await withWorkbench(home, desktop(home), async (call) => {
    const workspace = await call('workspace.get');
    assert.equal(workspace.vaultNotice?.kind, 'unencrypted');
    assert.match(workspace.vaultNotice.message, /not encrypted/);
    assert.equal((await call('workspace.dismissVaultNotice')).vaultNotice, null);
    assert.equal((await call('workspace.get')).vaultNotice, null);
  });
  await withWorkbench(home, desktop(home), async (call) => {
    assert.equal((await call('workspace.get')).vaultNotice, null, 'said once, not every start');
  });
});

test('the web host has no vault notice', async () => {
  const home = await makeTempDir('vault-notice');
  const vault = new FileVault(join(home, 'data'));
  await withWorkbench(home, { host: 'web', vault }, async (call) => {
    assert.equal((await call('workspace.get')).vaultNotice, null);
    assert.equal((await call('workspace.dismissVaultNotice')).vaultNotice, null);
  });
});
