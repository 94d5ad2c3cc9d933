/**
 * OIDC providers and API discovery over the router: bad input never reaches the core, a client
 * secret goes into the vault and never comes back, a sign-in answers with the identity only,
 * and discovery reports its progress as events.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { WorkbenchCore } from '../../main/core/workbench-core.ts';
import type { HandlerDeps } from '../../main/ipc/handler-map.ts';
import { oidcHandlers } from '../../main/ipc/oidc-handlers.ts';
import { OperationRegistry } from '../../main/ipc/operations.ts';
import { createRouter, type Handlers } from '../../main/ipc/router.ts';
import { METHOD_NAMES } from '../../shared/contract.ts';
import type { DiscoveryProgressDTO } from '../../shared/discovery.ts';
import { makeAwsHome } from '../support/aws-home.ts';
import { MOTO_KEYS } from '../support/moto-server.ts';
import { startOidcProvider } from '../support/oidc-provider.ts';
import { testWorkbench } from '../support/workbench.ts';
import { startPagingControlPlane } from '../core/discovery/paging-control-plane.ts';

/** A core whose OIDC and discovery services record every call: bad input must reach none. */
function recordingRouter() {
  const calls: string[] = [];
  const recorder = (service: string) =>
    new Proxy(
      {},
      {
        get: (_target, name) => async () => {
          calls.push(`${service}.${String(name)}`);
          return null;
        },
      },
    );
  const core = {
    oidcProviders: recorder('oidcProviders'),
    oidc: recorder('oidc'),
    discovery: recorder('discovery'),
    settings: recorder('settings'),
  } as unknown as WorkbenchCore;
  const unused = Object.fromEntries(
    METHOD_NAMES.map((m) => [m, async () => assert.fail(`${m} is not used here`)]),
  ) as unknown as Handlers;
  const deps = {
    core: () => core,
    operations: new OperationRegistry(),
    emit: () => undefined,
  } as unknown as HandlerDeps;
  return { router: createRouter({ ...unused, ...oidcHandlers(deps) }), calls };
}

const goodProvider = {
  name: 'corp',
  issuer: 'https://login.example.com',
  clientId: 'workbench',
};

describe('OIDC and discovery handlers', () => {
  test('invalid input is refused with INVALID_INPUT before the core runs', async () => {
    const { router, calls } = recordingRouter();
    const cases: [string, unknown][] = [
      ['oidc.providers', { extra: 1 }],
      ['oidc.addProvider', {}],
      ['oidc.addProvider', { provider: { ...goodProvider, issuer: 'not a url' } }],
      ['oidc.addProvider', { provider: { ...goodProvider, name: '../vault' } }],
      ['oidc.addProvider', { provider: { ...goodProvider, clientId: '' } }],
      ['oidc.addProvider', { provider: { ...goodProvider, clientSecret: '' } }],
      ['oidc.addProvider', { provider: { ...goodProvider, tokenUse: 'refresh' } }],
      ['oidc.addProvider', { provider: { ...goodProvider, scopes: ['open id'] } }],
      ['oidc.addProvider', { provider: { ...goodProvider, accessToken: 'x' } }],
      ['oidc.removeProvider', { name: '' }],
      ['oidc.removeProvider', { name: 'a/b' }],
      ['oidc.login', { name: 'corp', flow: 'popup' }],
      ['oidc.login', { name: 'corp' }],
      ['oidc.login', { name: 'corp', flow: 'browser', operationId: '' }],
      ['oidc.logout', {}],
      ['oidc.identity', { name: 'x'.repeat(65) }],
      ['apis.discover', { profile: null, regions: [] }],
      ['apis.discover', { profile: null, regions: ['moon-base-1'] }],
      ['apis.discover', { profile: '', regions: ['eu-west-1'] }],
      ['apis.discover', { regions: ['eu-west-1'] }],
      ['apis.discover', { profile: null, regions: ['eu-west-1'], everything: true }],
    ];
    for (const [method, input] of cases) {
      const result = await router.dispatch(method, input);
      assert.equal(result.ok, false, `${method} ${JSON.stringify(input)} was accepted`);
      if (!result.ok) assert.equal(result.error.code, 'INVALID_INPUT', result.error.message);
    }
    assert.deepEqual(calls, []);

    const noRegion = await router.dispatch('apis.discover', { profile: null, regions: [] });
    assert.ok(!noRegion.ok && /choose at least one region/.test(noRegion.error.message));
    const flow = await router.dispatch('oidc.login', { name: 'corp', flow: 'popup' });
    assert.ok(!flow.ok && /"browser" or "device"/.test(flow.error.message));
  });

  describe('through a real workbench', () => {
    const closers: (() => Promise<void>)[] = [];
    after(async () => {
      for (const close of closers.reverse()) await close();
    });

    async function workbenchIn(env: Record<string, string> = {}, files = {}) {
      const aws = await makeAwsHome(files);
      const workbench = testWorkbench(aws.environment(env));
      closers.push(() => workbench.close());
      const events: unknown[] = [];
      workbench.router.onEvent((event, payload) => events.push({ event, payload }));
      const call = async (method: string, input: unknown) => {
        const result = await workbench.router.dispatch(method, input);
        if (!result.ok) throw Object.assign(new Error(result.error.message), result.error);
        return result.value;
      };
      return { aws, workbench, call, events };
    }

    test('a provider is added with its secret in the vault and listed without it', async () => {
      const op = await startOidcProvider();
      closers.push(() => op.close());
      const { aws, workbench, call } = await workbenchIn();
      const secret = op.confidentialClient.clientSecret;
      const added = await call('oidc.addProvider', {
        provider: {
          name: 'local',
          issuer: op.issuer,
          clientId: op.confidentialClient.clientId,
          clientSecret: secret,
          scopes: ['offline_access', 'email'],
          authorizationParams: { audience: 'https://api.example' },
        },
      });
      const listed = (await call('oidc.providers', {})) as Record<string, unknown>[];
      assert.equal(listed.length, 1);
      assert.deepEqual(listed[0], added);
      assert.equal(listed[0]?.hasClientSecret, true);
      assert.deepEqual(listed[0]?.scopes, ['openid', 'offline_access', 'email']);
      assert.ok(!JSON.stringify([added, listed]).includes(secret), 'the secret came back');
      const vaultFile = join(aws.home, 'app-data', 'vault', 'secrets.json');
      assert.ok((await readFile(vaultFile, 'utf8')).includes(secret), 'the vault holds it');

      assert.equal(await call('oidc.identity', { name: 'local' }), null);
      const duplicate = await workbench.router.dispatch('oidc.addProvider', {
        provider: { name: 'local', issuer: op.issuer, clientId: 'other' },
      });
      assert.ok(!duplicate.ok && /already exists/.test(duplicate.error.message));

      // A sign-in in "the system browser" answers with who signed in, never a token.
      const login = call('oidc.login', { name: 'local', flow: 'browser', operationId: 'l1' });
      for (let i = 0; workbench.opener.opened.length === 0 && i < 200; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const opened = workbench.opener.opened[0] ?? '';
      assert.ok(opened.startsWith(`${op.issuer}/auth?`), `opened ${opened}`);
      await op.completeLogin(opened);
      const identity = (await login) as Record<string, unknown>;
      assert.equal(identity.subject, op.user.sub);
      assert.equal(identity.email, op.user.email);
      assert.equal(identity.refreshable, true);
      const vault = JSON.parse(await readFile(vaultFile, 'utf8')) as {
        secrets: Record<string, string>;
      };
      const tokens = JSON.parse(vault.secrets['oidc:local:tokens'] ?? '{}') as Record<
        string,
        unknown
      >;
      const held = Object.values(tokens).filter(
        (value): value is string => typeof value === 'string' && value.length > 40,
      );
      assert.ok(held.length >= 2, 'the vault holds the tokens');
      const answered = JSON.stringify([identity, await call('oidc.identity', { name: 'local' })]);
      for (const token of held) assert.ok(!answered.includes(token), 'a token came back');

      assert.deepEqual(await call('oidc.logout', { name: 'local' }), {
        wasSignedIn: true,
        revoked: true,
      });
      assert.equal(await call('oidc.identity', { name: 'local' }), null);
      assert.equal(await call('oidc.removeProvider', { name: 'local' }), null);
      assert.deepEqual(await call('oidc.providers', {}), []);
      // An empty vault has no file at all.
      const left = await readFile(vaultFile, 'utf8').catch(() => '');
      assert.ok(!left.includes(secret), 'the secret is gone');
      const missing = await workbench.router.dispatch('oidc.identity', { name: 'local' });
      assert.ok(!missing.ok && missing.error.code === 'NOT_FOUND');
    });

    test('discovery uses the active profile and reports progress per region', async () => {
      const plane = await startPagingControlPlane({
        apis: {
          'eu-west-1': [{ name: 'orders', apiId: 'ord1', authenticationType: 'AWS_IAM' }],
        },
        deniedRegions: ['ap-east-1'],
      });
      closers.push(() => plane.close());
      const { workbench, call, events } = await workbenchIn(
        { AWS_ENDPOINT_URL_APPSYNC: plane.url },
        {
          credentials: `[ops]\naws_access_key_id = ${MOTO_KEYS.accessKeyId}\naws_secret_access_key = ${MOTO_KEYS.secretAccessKey}\n`,
        },
      );
      const none = await workbench.router.dispatch('apis.discover', {
        profile: null,
        regions: ['eu-west-1'],
      });
      assert.ok(!none.ok && none.error.code === 'PROFILE_NOT_FOUND', JSON.stringify(none));

      await call('profiles.select', { name: 'ops' });
      const result = (await call('apis.discover', {
        profile: null,
        regions: ['eu-west-1', 'ap-east-1'],
        operationId: 'd1',
      })) as { profile: string; apis: { name: string }[]; failures: { region: string }[] };
      assert.equal(result.profile, 'ops');
      assert.deepEqual(
        result.apis.map((a) => a.name),
        ['orders'],
      );
      assert.deepEqual(
        result.failures.map((f) => f.region),
        ['ap-east-1'],
      );
      const progress = events
        .filter((e) => (e as { event: string }).event === 'apis.progress')
        .map((e) => (e as { payload: DiscoveryProgressDTO }).payload);
      assert.equal(progress.filter((p) => p.done).length, 2);
      assert.equal(progress.at(-1)?.regionsDone, 2);
      assert.equal(progress.at(-1)?.regionsTotal, 2);
    });
  });
});
