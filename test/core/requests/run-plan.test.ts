/**
 * What a run will use is decided once, in main: `requests.plan` and the run itself agree, also
 * where they once did not (a tab asking for a mode its endpoint does not enable). Real endpoint
 * store, settings and vault in a temp dir; a local endpoint answers the runs.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EndpointStore } from '../../../main/core/endpoints/endpoint-store.ts';
import { RequestService } from '../../../main/core/requests/request-service.ts';
import { SettingsStore } from '../../../main/core/settings/settings-store.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import type { AppError } from '../../../shared/errors.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { startEchoServer, type EchoServer } from './support/echo-server.ts';
import { StaticCredentialSource } from './support/static-credential-source.ts';

const KEYS = {
  accessKeyId: 'AKIAPLAN000000000001',
  secretAccessKey: 'plan-secret-key-value-000000000000001',
};

let server: EchoServer;
let requests: RequestService;
let settings: SettingsStore;
let endpoints: EndpointStore;
let iamAndKey: string;
let keyOnly: string;

before(async () => {
  server = await startEchoServer();
  const dataDir = await makeTempDir('run-plan');
  const vault = new FileVault(dataDir);
  endpoints = new EndpointStore(dataDir, vault);
  settings = new SettingsStore(dataDir);
  requests = new RequestService({
    environment: {
      env: { APPSYNC_WORKBENCH_PLAN_KEY: 'da2-plankey0000000000001' },
      homeDir: dataDir,
      dataDir,
    },
    credentials: new StaticCredentialSource({
      'orders-dev': { credentials: [KEYS], region: 'eu-west-1' },
      'orders-prod': { credentials: [KEYS], region: 'eu-west-1' },
    }),
    vault,
    endpoints,
    settings,
    activeProfile: async () => (await settings.get()).activeProfile,
  });
  iamAndKey = (
    await endpoints.create({
      name: 'Orders',
      url: server.url,
      authModes: [
        { type: 'AWS_IAM', profile: null, region: 'us-west-2', service: 'appsync' },
        { type: 'API_KEY', source: { from: 'env', variable: 'APPSYNC_WORKBENCH_PLAN_KEY' } },
      ],
    })
  ).id;
  keyOnly = (
    await endpoints.create({
      name: 'Payments production',
      url: server.url,
      authModes: [
        { type: 'API_KEY', source: { from: 'env', variable: 'APPSYNC_WORKBENCH_PLAN_KEY' } },
      ],
    })
  ).id;
});

after(async () => {
  await requests.transport.close();
  await server.close();
});

describe('requests.plan', () => {
  test('IAM signs with the tab profile, else the active one; region and service from the mode', async () => {
    await settings.update({ activeProfile: 'orders-dev' });
    const active = await requests.plan({ endpointId: iamAndKey });
    assert.equal(active.authMode, 'AWS_IAM');
    assert.equal(active.profile, 'orders-dev');
    assert.equal(active.region, 'us-west-2');
    assert.equal(active.service, 'appsync');
    assert.equal(active.problem, null);
    assert.equal(active.production, null);

    const chosen = await requests.plan({ endpointId: iamAndKey, profile: 'orders-prod' });
    assert.equal(chosen.profile, 'orders-prod');
    assert.equal(chosen.production, 'profile orders-prod');
  });

  test('no profile anywhere: the plan says so, and the run refuses for the same reason', async () => {
    await settings.update({ activeProfile: null });
    const plan = await requests.plan({ endpointId: iamAndKey });
    assert.equal(plan.profile, null);
    assert.match(plan.problem ?? '', /No AWS profile is chosen/);
    await assert.rejects(
      requests.run({ endpointId: iamAndKey, query: '{ q }' }),
      (error: AppError) => error.code === 'CREDENTIALS_UNRESOLVED',
    );
  });

  test('a mode the endpoint does not enable is a problem, not its primary mode', async () => {
    const plan = await requests.plan({ endpointId: keyOnly, authMode: 'AWS_IAM' });
    assert.equal(plan.authMode, null);
    assert.match(plan.problem ?? '', /does not enable AWS_IAM; choose one of API_KEY/);
    assert.equal(plan.production, 'endpoint Payments production');
    await assert.rejects(
      requests.run({ endpointId: keyOnly, authMode: 'AWS_IAM', query: '{ q }' }),
      (error: AppError) => error.message === plan.problem,
    );
  });

  test('a mode it enables runs as planned', async () => {
    const plan = await requests.plan({ endpointId: iamAndKey, authMode: 'API_KEY' });
    assert.deepEqual([plan.authMode, plan.profile, plan.problem], ['API_KEY', null, null]);
    const result = await requests.run({
      endpointId: iamAndKey,
      authMode: 'API_KEY',
      query: '{ q }',
    });
    assert.equal(result.status, 200);
    assert.equal(server.received.at(-1)?.['x-api-key'], 'da2-plankey0000000000001');
  });
});
