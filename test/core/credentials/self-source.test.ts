/**
 * A role profile whose source_profile names itself and holds static keys: the AWS CLI and the
 * SDKs use those keys for the first hop and then assume the role; it is not a loop.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CredentialsService } from '../../../main/core/credentials/credentials-service.ts';
import { ProfileService } from '../../../main/core/profiles/profile-service.ts';
import { SettingsStore } from '../../../main/core/settings/settings-store.ts';
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import {
  ALICE,
  ScriptedPrompter,
  awsHome,
  peerEnv,
  startPeers,
  stsCalls,
} from './credential-fixtures.ts';
import { SELF_SOURCE } from './parity-fixtures.ts';

describe('a role profile that is its own source', () => {
  let peers: AwsPeers;
  before(async () => {
    peers = await startPeers();
  });
  after(() => peers.close());

  test('signs the AssumeRole with its own keys and becomes the role', async () => {
    const home = await awsHome(peers, SELF_SOURCE);
    const credentials = new CredentialsService({
      environment: home.environment(peerEnv(peers)),
      prompter: new ScriptedPrompter(),
    });
    const mark = peers.calls.length;
    const who = await credentials.identity('selfie');
    assert.equal(who.arn, 'arn:aws:sts::111122223333:assumed-role/base/selfie-session');
    const [assumed] = stsCalls({ ...peers, calls: peers.calls.slice(mark) });
    assert.equal(assumed?.action, 'AssumeRole');
    assert.equal(assumed?.signerAccessKeyId, ALICE.accessKeyId);
    const chain = await credentials.chain('selfie');
    assert.equal(chain.problem, null);
    assert.deepEqual(
      chain.hops.map((h) => [h.profile, h.kind]),
      [
        ['selfie', 'assume-role'],
        ['selfie', 'static'],
      ],
    );
  });

  test('the profile list shows the two hops over static keys, with no problem', async () => {
    const home = await awsHome(peers, SELF_SOURCE);
    const environment = home.environment();
    const profiles = new ProfileService(environment, new SettingsStore(environment.dataDir));
    const listed = (await profiles.list()).profiles.find((p) => p.name === 'selfie');
    assert.deepEqual(
      {
        chain: listed?.chain,
        base: listed?.chainBase,
        problem: listed?.chainProblem,
        kind: listed?.kind,
      },
      { chain: ['selfie', 'selfie'], base: 'static keys', problem: null, kind: 'assume-role' },
    );
  });
});
