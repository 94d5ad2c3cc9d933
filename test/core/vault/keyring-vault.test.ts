import assert from 'node:assert/strict';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import { KeyringVault } from '../../../main/core/vault/keyring-vault.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { FakeOsEncryption, type FakeSession } from './fake-os-encryption.ts';

const GNOME: FakeSession = { backend: 'gnome_libsecret' };
const NO_KEYRING: FakeSession = { backend: 'basic_text' };

/** One start of the desktop app in `dir` under an OS session. */
function start(dir: string, session: FakeSession) {
  const os = new FakeOsEncryption(session);
  return { os, vault: new KeyringVault(dir, os) };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function fill(vault: KeyringVault, secrets: Record<string, string>): Promise<void> {
  for (const [key, value] of Object.entries(secrets)) await vault.put(key, value);
}

async function readAll(vault: KeyringVault, keys: string[]): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = {};
  for (const key of keys) values[key] = await vault.get(key);
  return values;
}

const SECRETS = { 'endpoint:a:API_KEY': 'da2-aaaa', 'endpoint:b:API_KEY': 'da2-bbbb', c: 'ccc' };
const KEYS = Object.keys(SECRETS);

describe('desktop vault', () => {
  test('with a keyring, secrets are sealed by it and never written in clear', async () => {
    const dir = await makeTempDir('keyring');
    const { os, vault } = start(dir, GNOME);
    await fill(vault, SECRETS);
    assert.deepEqual(await readAll(vault, KEYS), SECRETS);
    const onDisk = await readFile(vault.encryptedFile, 'utf8');
    for (const value of Object.values(SECRETS)) assert.ok(!onDisk.includes(value));
    assert.equal(os.encryptions, 3);
    assert.equal(await exists(vault.unencryptedFile), false);
    assert.equal(await vault.notice(), null);
    await vault.delete('c');
    assert.equal(await vault.get('c'), null);
  });

  test('on macOS and Windows, safeStorage alone decides', async () => {
    const dir = await makeTempDir('keyring');
    const { vault } = start(dir, { backend: null });
    await vault.put('k', 'sealed');
    assert.ok(!(await readFile(vault.encryptedFile, 'utf8')).includes('sealed'));
    assert.equal(await vault.notice(), null);
    const { vault: none } = start(await makeTempDir('keyring'), {
      backend: null,
      available: false,
    });
    await none.put('k', 'plain');
    assert.equal(await new FileVault(join(none.unencryptedFile, '..', '..')).get('k'), 'plain');
    assert.equal((await none.notice())?.kind, 'unencrypted');
  });

  test('basic_text: the 0600 file vault, never safeStorage, and a notice said once', async () => {
    const dir = await makeTempDir('keyring');
    const { os, vault } = start(dir, NO_KEYRING);
    await fill(vault, SECRETS);
    assert.deepEqual(await readAll(vault, KEYS), SECRETS);
    assert.equal(os.encryptions, 0, 'basic_text only pretends to encrypt: never used');
    assert.equal(await exists(vault.encryptedFile), false);
    assert.equal((await stat(vault.unencryptedFile)).mode & 0o777, 0o600);
    const notice = await vault.notice();
    assert.equal(notice?.kind, 'unencrypted');
    assert.match(notice.message, /basic_text/);
    assert.ok(notice.message.includes(vault.unencryptedFile), 'says where the secrets are');
    for (const value of Object.values(SECRETS)) assert.ok(!notice.message.includes(value));

    const again = start(dir, NO_KEYRING).vault;
    assert.equal((await again.notice())?.kind, 'unencrypted', 'not dismissed: still to be said');
    await again.dismissNotice();
    assert.equal(await again.notice(), null);
    assert.equal(await start(dir, NO_KEYRING).vault.notice(), null, 'said once, not every start');
  });

  test('a keyring that appears later takes every secret, and the file is removed', async () => {
    const dir = await makeTempDir('keyring');
    const before = start(dir, NO_KEYRING).vault;
    await fill(before, SECRETS);
    await before.dismissNotice();

    const { os, vault } = start(dir, GNOME);
    assert.deepEqual(await readAll(vault, KEYS), SECRETS);
    assert.equal(os.encryptions, 3);
    assert.equal(await exists(vault.unencryptedFile), false);
    const onDisk = await readFile(vault.encryptedFile, 'utf8');
    for (const value of Object.values(SECRETS)) assert.ok(!onDisk.includes(value));
    assert.equal(await vault.notice(), null);

    const fallback = start(dir, NO_KEYRING).vault;
    assert.equal((await fallback.notice())?.kind, 'unencrypted', 'a new fall back is said again');
  });

  test('a move that fails half-way loses nothing and is finished at the next start', async () => {
    const dir = await makeTempDir('keyring');
    await fill(start(dir, NO_KEYRING).vault, SECRETS);

    const { vault } = start(dir, { ...GNOME, failOnEncryption: 2 });
    assert.deepEqual(await readAll(vault, KEYS), SECRETS);
    const notice = await vault.notice();
    assert.equal(notice?.kind, 'move-failed');
    assert.match(notice.message, /3 secrets/);
    assert.ok(notice.message.includes(vault.unencryptedFile));
    assert.deepEqual(
      await readAll(start(dir, NO_KEYRING).vault, KEYS),
      SECRETS,
      'the file still holds every secret',
    );
    // A secret saved now goes to the keyring, and the next move must not bring back the old one.
    await vault.put('c', 'new-c');

    const { vault: next } = start(dir, GNOME);
    assert.deepEqual(await readAll(next, KEYS), { ...SECRETS, c: 'new-c' });
    assert.equal(await exists(next.unencryptedFile), false);
    assert.equal(await next.notice(), null);
  });

  test('a move whose write fails loses nothing either', async () => {
    const dir = await makeTempDir('keyring');
    const first = start(dir, NO_KEYRING).vault;
    await fill(first, SECRETS);
    // Where the sealed store's folder should be, a file: every write to it fails.
    await mkdir(join(first.encryptedFile, '..', '..'), { recursive: true });
    await writeFile(join(first.encryptedFile, '..'), 'in the way');

    const { vault } = start(dir, GNOME);
    assert.deepEqual(await readAll(vault, KEYS), SECRETS);
    assert.match((await vault.notice())?.message ?? '', /ENOTDIR/);
    assert.deepEqual(
      { ...(await new FileVault(join(dir, 'desktop-unencrypted')).entries()) },
      SECRETS,
    );
  });

  test('a keyring that cannot give back what it sealed keeps the file as it was', async () => {
    const dir = await makeTempDir('keyring');
    await fill(start(dir, NO_KEYRING).vault, SECRETS);

    const { vault } = start(dir, { ...GNOME, failDecryption: true });
    assert.deepEqual(await readAll(vault, KEYS), SECRETS);
    assert.match((await vault.notice())?.message ?? '', /did not give back/);
    assert.deepEqual(
      { ...(await new FileVault(join(dir, 'desktop-unencrypted')).entries()) },
      SECRETS,
    );
    assert.deepEqual(await readAll(start(dir, GNOME).vault, KEYS), SECRETS);
  });

  test('a keyring that disappears again: its secrets stay sealed, new ones go to the file', async () => {
    const dir = await makeTempDir('keyring');
    await fill(start(dir, GNOME).vault, { a: 'sealed-a', b: 'sealed-b' });
    const sealed = await readFile(join(dir, 'safe-storage', 'vault', 'secrets.json'), 'utf8');

    const { os, vault } = start(dir, NO_KEYRING);
    await assert.rejects(vault.get('a'), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'SECRET_MISSING');
      assert.match(error.message, /keyring/);
      assert.ok(!error.message.includes('sealed-a'));
      return true;
    });
    assert.equal(await vault.get('never-stored'), null);
    await vault.put('b', 'typed-again-b');
    await vault.put('c', 'plain-c');
    assert.equal(await vault.get('b'), 'typed-again-b');
    assert.equal(os.encryptions, 0);
    assert.equal(
      await readFile(vault.encryptedFile, 'utf8'),
      sealed,
      'the sealed store is left for the keyring',
    );
    const notice = await vault.notice();
    assert.equal(notice?.kind, 'unencrypted');
    assert.match(notice.message, /2 secrets saved with a keyring/);

    const { vault: back } = start(dir, GNOME);
    assert.deepEqual(await readAll(back, ['a', 'b', 'c']), {
      a: 'sealed-a',
      b: 'typed-again-b',
      c: 'plain-c',
    });
    assert.equal(await exists(back.unencryptedFile), false);
  });

  test('a keyring session cannot open what another keyring sealed: it says so', async () => {
    const dir = await makeTempDir('keyring');
    await start(dir, { ...GNOME, keyring: 'old' }).vault.put('a', 'x');
    await assert.rejects(
      start(dir, { ...GNOME, keyring: 'new' }).vault.get('a'),
      /could not be decrypted/,
    );
  });

  test('secrets sealed under basic_text by earlier versions move to the file, then to a keyring', async () => {
    const dir = await makeTempDir('keyring');
    // What the desktop vault used to do without a keyring: seal with basic_text's known key.
    const legacy = new FakeOsEncryption(NO_KEYRING);
    const store = new FileVault(join(dir, 'safe-storage'));
    await store.put('a', legacy.encryptString('weak-a').toString('base64'));

    const { vault } = start(dir, NO_KEYRING);
    assert.equal(await vault.get('a'), 'weak-a');
    assert.equal(await exists(vault.encryptedFile), false, 'nothing pretends to be sealed');
    assert.equal(await new FileVault(join(dir, 'desktop-unencrypted')).get('a'), 'weak-a');

    const { vault: keyring } = start(dir, GNOME);
    assert.equal(await keyring.get('a'), 'weak-a');
    assert.equal(await exists(keyring.unencryptedFile), false);
  });
});
