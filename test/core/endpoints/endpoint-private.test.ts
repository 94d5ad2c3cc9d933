/** A private API's address and an API id on a saved endpoint: kept, copied, cleared, checked. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EndpointStore } from '../../../main/core/endpoints/endpoint-store.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

const VPCE = 'vpce-0abc-xyz.appsync-api.eu-west-1.vpce.amazonaws.com';

test('connect-via, API id and the private mark survive a reload and a duplicate; "" clears', async () => {
  const dir = await makeTempDir('endpoints-private');
  const store = new EndpointStore(dir, new FileVault(dir));
  const created = await store.create({
    name: 'Private',
    url: 'https://api.example.com/graphql',
    authModes: [{ type: 'AWS_IAM', profile: null, region: 'eu-west-1' }],
    connectTo: VPCE,
    apiId: 'abc123',
    privateApi: true,
  });
  const reloaded = await new EndpointStore(dir, new FileVault(dir)).get(created.id);
  assert.equal(reloaded.connectTo, VPCE);
  assert.equal(reloaded.apiId, 'abc123');
  assert.equal(reloaded.privateApi, true);
  assert.equal((await store.duplicate(created.id)).connectTo, VPCE);

  const renamed = await store.update(created.id, { name: 'Still private' });
  assert.equal(renamed.connectTo, VPCE, 'an update that does not name it keeps it');
  const cleared = await store.update(created.id, { connectTo: '', apiId: '' });
  assert.equal(cleared.connectTo, undefined);
  assert.equal(cleared.apiId, undefined);
  assert.equal(cleared.privateApi, true);

  await assert.rejects(
    store.update(created.id, { connectTo: 'https://vpce.example/graphql' }),
    /connectTo.*host or host:port/,
  );
});
