import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CredentialsService } from '../../../main/core/credentials/credentials-service.ts';
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import { AppError } from '../../../shared/errors.ts';
import { ScriptedPrompter, awsHome, startPeers, stsCalls } from './credential-fixtures.ts';

describe('where STS calls go, from the config files alone', () => {
  let peers: AwsPeers;
  before(async () => {
    peers = await startPeers();
  });
  after(() => peers.close());

  async function service(env: Record<string, string> = {}) {
    const home = await awsHome(
      peers,
      `
[profile via-services]
role_arn = arn:aws:iam::111122223333:role/base
source_profile = keys
services = local-peers

[profile via-endpoint-url]
role_arn = arn:aws:iam::111122223333:role/base
source_profile = keys
role_session_name = via-endpoint-url
endpoint_url = ${peers.url}

[services local-peers]
sts =
  endpoint_url = ${peers.url}
`,
    );
    return new CredentialsService({
      environment: home.environment(env),
      prompter: new ScriptedPrompter(),
    });
  }

  test("a [services] section and a profile's endpoint_url both reach the local STS", async () => {
    const mark = peers.calls.length;
    const credentials = await service();
    assert.match((await credentials.identity('via-services')).arn, /assumed-role\/base\//);
    assert.match((await credentials.identity('via-endpoint-url')).arn, /assumed-role\/base\//);
    assert.equal(stsCalls({ ...peers, calls: peers.calls.slice(mark) }).length, 4);
  });

  test('AWS_ENDPOINT_URL_STS wins over the files, and the failure names the network', async () => {
    const credentials = await service({ AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9' });
    await assert.rejects(credentials.resolve('via-services'), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'NETWORK');
      return true;
    });
  });
});
