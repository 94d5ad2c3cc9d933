/**
 * console.open over the router, as a host wires it: bad input is refused naming the field, and
 * a sign-in answers where the console opened while the URL (a credential) goes to the opener.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { FEDERATION_ENDPOINT_VARIABLE } from '../../main/core/console/console-signin.ts';
import type { AwsPeers } from '../../main/sandbox/aws-peers.ts';
import { awsHome, peerEnv, startPeers } from '../core/credentials/credential-fixtures.ts';
import { join } from 'node:path';
import { FileVault } from '../../main/core/vault/file-vault.ts';
import { createDemoLauncher } from '../../main/hosting/demo-launcher.ts';
import { createWorkbench } from '../../main/ipc/workbench-router.ts';
import { DEMO_PROFILES } from '../../main/sandbox/demo-fixture.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { recordingOpener, testWorkbench } from '../support/workbench.ts';

describe('console.open handler', () => {
  let peers: AwsPeers;
  let workbench: ReturnType<typeof testWorkbench>;
  before(async () => {
    peers = await startPeers();
    const home = await awsHome(peers);
    workbench = testWorkbench(
      home.environment(
        peerEnv(peers, { [FEDERATION_ENDPOINT_VARIABLE]: `${peers.url}/signin/federation` }),
      ),
    );
  });
  after(async () => {
    await workbench.close();
    await peers.close();
  });

  test('bad input is refused with INVALID_INPUT naming the field, before anything runs', async () => {
    const mark = peers.calls.length;
    const cases: [unknown, RegExp][] = [
      [{ profile: 'ops-base', apiId: 'abc/../x' }, /apiId/],
      [{ profile: 'ops-base', service: 'App Sync' }, /service/],
      [{ profile: 'ops-base', region: 'eu-west-1.evil.com' }, /region/],
      [{ profile: 'ops-base', url: 'https://example.com' }, /url/],
      [{}, /profile/],
    ];
    for (const [input, field] of cases) {
      const result = await workbench.router.dispatch('console.open', input);
      assert.ok(!result.ok, JSON.stringify(input));
      assert.equal(result.error.code, 'INVALID_INPUT');
      assert.match(JSON.stringify(result.error), field);
    }
    assert.equal(peers.calls.length, mark);
    assert.equal(workbench.opener.opened.length, 0);
  });

  test('the answer names the destination; only the opener gets the sign-in URL', async () => {
    const result = await workbench.router.dispatch('console.open', {
      profile: 'ops-base',
      apiId: 'abcdef123',
    });
    assert.ok(result.ok, JSON.stringify(result));
    const answer = JSON.stringify(result.value);
    assert.match(answer, /appsync\/home\?region=eu-west-1#\/abcdef123\/v1\/home/);
    assert.doesNotMatch(answer, /SigninToken|signin\/federation/);
    const [url] = workbench.opener.opened;
    assert.ok(url?.startsWith(`${peers.url}/signin/federation?Action=login&`), url);
  });
});

describe('console.open in the demo workspace', () => {
  test('signs in at the sandbox, so nothing goes to AWS', async () => {
    const home = await makeTempDir('console-demo');
    const dataDir = join(home, 'data');
    const opener = recordingOpener();
    const workbench = createWorkbench(
      { env: {}, homeDir: home, dataDir },
      {
        host: 'web',
        version: 'test',
        opener,
        vault: new FileVault(dataDir),
        clipboard: { writeText: async () => undefined },
        demo: createDemoLauncher(),
      },
    );
    try {
      const demo = await workbench.router.dispatch('workspace.openDemo', {});
      assert.ok(demo.ok, JSON.stringify(demo));
      const opened = await workbench.router.dispatch('console.open', {
        profile: DEMO_PROFILES.admin,
      });
      assert.ok(opened.ok, JSON.stringify(opened));
      const url = new URL(opener.opened[0] ?? '');
      assert.equal(`${url.hostname}${url.pathname}`, '127.0.0.1/signin/federation');
      const login = await fetch(url, { redirect: 'manual' });
      assert.equal(login.status, 302);
    } finally {
      await workbench.close();
    }
  });
});
