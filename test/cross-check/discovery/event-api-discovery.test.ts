/**
 * Discovery lists Event APIs too, against moto's AppSync control plane (an independent
 * implementation that models Event APIs and channel namespaces; created with boto3; its one
 * wire-format slip is mended by test/support/moto-event-api-proxy.ts): each with
 * its HTTP and real-time URLs, its connection modes, and per namespace the modes that may
 * publish and subscribe — the namespace's own, or the API's defaults.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApiDiscovery } from '../../../main/core/discovery/api-discovery.ts';
import { MOTO_KEYS, startMoto, type MotoServer } from '../../support/moto-server.ts';
import { CHAT_EVENT_API, startMotoEventApiProxy } from '../../support/moto-event-api-proxy.ts';
import { StaticCredentialSource } from '../../core/requests/support/static-credential-source.ts';

let moto: MotoServer;
let proxy: Awaited<ReturnType<typeof startMotoEventApiProxy>>;

before(async () => {
  moto = await startMoto();
  await moto.python(`
eu = boto('appsync', 'eu-west-1')
eu.create_graphql_api(name='orders', authenticationType='AWS_IAM')
${CHAT_EVENT_API}
`);
  proxy = await startMotoEventApiProxy(moto.url);
});
after(async () => {
  await proxy?.close();
  await moto?.close();
});

test('Event APIs are listed beside GraphQL APIs, with namespaces and their publish and subscribe modes', async () => {
  const discovery = new ApiDiscovery({
    environment: {
      env: {
        AWS_ENDPOINT_URL_APPSYNC: proxy.url,
        AWS_CONFIG_FILE: '/nonexistent/config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      },
      homeDir: '/nonexistent',
      dataDir: '/nonexistent',
    },
    credentials: new StaticCredentialSource({ ops: { credentials: [MOTO_KEYS] } }),
  });
  const result = await discovery.listGraphqlApis('ops', ['eu-west-1', 'us-east-1']);
  assert.deepEqual(
    result.apis.map((api) => api.name),
    ['orders'],
  );
  assert.deepEqual([result.failures, result.eventApiFailures], [[], []]);
  assert.equal(result.eventApis.length, 1);
  const [chat] = result.eventApis;
  assert.equal(chat?.name, 'chat');
  assert.equal(chat?.region, 'eu-west-1');
  assert.match(
    chat?.httpUrl ?? '',
    /^https:\/\/\w+\.appsync-api\.eu-west-1\.amazonaws\.com\/event$/,
  );
  assert.match(
    chat?.realtimeUrl ?? '',
    /^wss:\/\/\w+\.appsync-realtime-api\.eu-west-1\.amazonaws\.com\/event\/realtime$/,
  );
  assert.deepEqual(chat?.connectionAuthModes, ['API_KEY', 'AWS_IAM']);
  assert.deepEqual(
    [...(chat?.namespaces ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
    [
      { name: 'alerts', publishAuthModes: ['API_KEY'], subscribeAuthModes: ['AWS_IAM'] },
      {
        name: 'default',
        publishAuthModes: ['AWS_IAM'],
        subscribeAuthModes: ['API_KEY', 'AWS_IAM'],
      },
    ],
  );
});
