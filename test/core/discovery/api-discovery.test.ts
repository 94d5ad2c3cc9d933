/**
 * API discovery against a local control plane speaking the real wire format: pagination (which
 * moto does not implement), denied regions, an unreachable control plane, and where the endpoint
 * comes from (AWS_ENDPOINT_URL_APPSYNC, else the profile). Discovery against moto's AppSync
 * control plane is in test/cross-check/discovery/api-discovery-moto.test.ts.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { appsyncEndpoint } from '../../../main/core/discovery/appsync-control-plane.ts';
import type { CoreEnvironment } from '../../../main/core/environment.ts';
import { AppError } from '../../../shared/errors.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { discovery } from './discovery-harness.ts';
import { startPagingControlPlane } from './paging-control-plane.ts';

describe('API discovery: pagination and partial failures', () => {
  const apis = (region: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: `${region}-api-${i}`,
      apiId: `${region.replace(/-/g, '')}${i}`,
      authenticationType: 'AWS_IAM',
    }));

  test('follows nextToken through every page', async () => {
    const plane = await startPagingControlPlane({ apis: { 'eu-west-1': apis('eu-west-1', 5) } });
    try {
      const result = await discovery({ AWS_ENDPOINT_URL_APPSYNC: plane.url }).listGraphqlApis(
        'ops',
        ['eu-west-1'],
        { pageSize: 2 },
      );
      assert.equal(result.apis.length, 5);
      assert.deepEqual(
        plane.calls.map((c) => c.maxResults),
        ['2', '2', '2'],
      );
      assert.equal(plane.calls[0]?.nextToken, null);
      assert.ok(plane.calls[2]?.nextToken);
      assert.equal(
        result.apis[0]?.realtimeUrl,
        'wss://euwest10.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
      );
    } finally {
      await plane.close();
    }
  });

  test('a denied region is reported beside the others; all denied is an error', async () => {
    const plane = await startPagingControlPlane({
      apis: { 'us-east-1': apis('us-east-1', 3) },
      deniedRegions: ['ap-east-1', 'me-south-1'],
    });
    try {
      const d = discovery({ AWS_ENDPOINT_URL_APPSYNC: plane.url });
      const result = await d.listGraphqlApis('ops', ['us-east-1', 'ap-east-1']);
      assert.equal(result.apis.length, 3);
      assert.equal(result.failures.length, 1);
      assert.equal(result.failures[0]?.region, 'ap-east-1');
      assert.equal(result.failures[0]?.code, 'FORBIDDEN');
      assert.match(result.failures[0]?.message ?? '', /appsync:ListGraphqlApis/);
      await assert.rejects(
        d.listGraphqlApis('ops', ['ap-east-1', 'me-south-1']),
        (error: AppError) => error.code === 'FORBIDDEN',
      );
    } finally {
      await plane.close();
    }
  });

  test('an unreachable control plane is a network error naming where to look', async () => {
    await assert.rejects(
      discovery({ AWS_ENDPOINT_URL_APPSYNC: 'http://127.0.0.1:1' }).listGraphqlApis('ops', [
        'eu-west-1',
      ]),
      (error: AppError) =>
        error.code === 'NETWORK' && /AWS_ENDPOINT_URL_APPSYNC/.test(error.message),
    );
  });

  test('the endpoint comes from the environment, else the profile, as the AWS CLI decides', async () => {
    const home = await makeTempDir('discovery-endpoint');
    await writeFile(
      join(home, 'config'),
      '[profile local]\nendpoint_url = http://127.0.0.1:4566\n[profile svc]\nservices = loc\n[services loc]\nappsync =\n  endpoint_url = http://127.0.0.1:5000\n[profile aws]\nregion = eu-west-1\n',
    );
    const env = (extra: Record<string, string>): CoreEnvironment => ({
      env: { AWS_CONFIG_FILE: join(home, 'config'), ...extra },
      homeDir: home,
      dataDir: home,
    });
    assert.equal(await appsyncEndpoint(env({}), 'local'), 'http://127.0.0.1:4566');
    assert.equal(await appsyncEndpoint(env({}), 'svc'), 'http://127.0.0.1:5000');
    assert.equal(await appsyncEndpoint(env({}), 'aws'), undefined);
    assert.equal(
      await appsyncEndpoint(env({ AWS_ENDPOINT_URL_APPSYNC: 'http://x:1' }), 'local'),
      'http://x:1',
    );
    assert.equal(
      await appsyncEndpoint(env({ AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }), 'local'),
      undefined,
    );
  });
});
