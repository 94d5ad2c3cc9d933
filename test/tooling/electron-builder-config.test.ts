import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  asar: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  mac: { target: string[] };
  win: { target: string[] };
}

test('electron-builder.yml is valid against electron-builder’s own schema', async () => {
  const schema = require('app-builder-lib/scheme.json') as object;
  const config: BuilderConfig = parse(
    await readFile(new URL('../../electron-builder.yml', import.meta.url), 'utf8'),
  );
  const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  assert.ok(validate(config), JSON.stringify(validate.errors, null, 2));

  // The properties that make it a real, hardened desktop app.
  assert.equal(config.appId, 'dev.appsyncworkbench.desktop');
  assert.equal(config.asar, true);
  assert.deepEqual(
    [
      config.electronFuses.runAsNode,
      config.electronFuses.enableNodeOptionsEnvironmentVariable,
      config.electronFuses.enableNodeCliInspectArguments,
    ],
    [false, false, false],
  );
  assert.deepEqual(config.linux.target, ['AppImage', 'deb']);
  assert.deepEqual(config.mac.target, ['dmg']);
  assert.deepEqual(config.win.target, ['nsis']);
});

test('a misspelt option fails the schema check (the check can fail)', async () => {
  const schema = require('app-builder-lib/scheme.json') as object;
  const validate = new Ajv({ strict: false, allowUnionTypes: true }).compile(schema);
  assert.equal(validate({ appId: 'x', asarr: true }), false);
});
