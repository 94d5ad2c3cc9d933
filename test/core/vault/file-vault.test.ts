import assert from 'node:assert/strict';
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

describe('file vault', () => {
  test('stores secrets in a 0600 file inside a 0700 folder, shared across instances', async () => {
    const dir = await makeTempDir('vault');
    const vault = new FileVault(dir);
    await Promise.all([vault.put('a', 'secret-a'), vault.put('b', 'secret-b')]);
    assert.equal((await stat(vault.file)).mode & 0o777, 0o600);
    assert.equal((await stat(vault.folder)).mode & 0o777, 0o700);
    const other = new FileVault(dir);
    assert.equal(await other.get('a'), 'secret-a');
    assert.equal(await other.get('b'), 'secret-b');
    await other.delete('a');
    assert.equal(await vault.get('a'), null);
    assert.equal(await vault.get('toString'), null, 'no prototype keys');
  });

  test('a corrupt vault file is moved aside and the vault keeps working', async () => {
    const dir = await makeTempDir('vault');
    const vault = new FileVault(dir);
    await mkdir(vault.folder, { recursive: true });
    await writeFile(vault.file, '{"version":1,"secr');
    assert.equal(await vault.get('x'), null);
    assert.ok(vault.recovered);
    assert.equal(await readFile(vault.recovered, 'utf8'), '{"version":1,"secr');
    await vault.put('x', 'y');
    assert.equal(await vault.get('x'), 'y');
  });

  test('many secrets go in one write, and a vault emptied of them leaves no file', async () => {
    const dir = await makeTempDir('vault');
    const vault = new FileVault(dir);
    await vault.put('kept', 'k');
    await vault.putMany({ a: '1', b: '2' });
    assert.deepEqual({ ...(await new FileVault(dir).entries()) }, { kept: 'k', a: '1', b: '2' });
    assert.throws(() => vault.putMany({ c: '3', '': 'x' }), /cannot be empty/);
    assert.equal(await vault.get('c'), null, 'none of a refused batch is stored');
    await vault.deleteMany(['a', 'b', 'kept']);
    await assert.rejects(stat(vault.file), { code: 'ENOENT' });
    assert.deepEqual({ ...(await vault.entries()) }, {});
  });
});
