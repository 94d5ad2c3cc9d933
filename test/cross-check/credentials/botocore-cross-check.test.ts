/**
 * A three-hop role chain cross-checked with botocore: boto3, against the same local peers,
 * reaches the same identity as the engine, through the same AssumeRole calls.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CredentialsService } from '../../../main/core/credentials/credentials-service.ts';
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import { skipWithoutPython } from '../../support/references.ts';
import { botocoreIdentity } from './botocore-identity.ts';
import {
  ScriptedPrompter,
  awsHome,
  peerEnv,
  startPeers,
} from '../../core/credentials/credential-fixtures.ts';

describe('cross-check with botocore', { skip: skipWithoutPython('boto3') }, () => {
  let peers: AwsPeers;
  before(async () => {
    // botocore signs with the real time, so the peers keep the real clock here.
    peers = await startPeers();
  });
  after(() => peers.close());

  test('botocore and the engine reach the same identity through the same 3-hop chain', async () => {
    const home = await awsHome(peers);
    const ours = await new CredentialsService({
      environment: home.environment(peerEnv(peers)),
      prompter: new ScriptedPrompter(),
    }).identity('ops-admin');
    const boto = await botocoreIdentity(home, 'ops-admin', {
      AWS_ENDPOINT_URL_STS: peers.url,
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    assert.deepEqual(
      { account: boto.Account, arn: boto.Arn, userId: boto.UserId },
      { account: ours.account, arn: ours.arn, userId: ours.userId },
    );
    assert.equal(ours.arn, 'arn:aws:sts::111122223333:assumed-role/admin/ops-admin-session');
    // botocore made the same two AssumeRole calls, signed by the same principals.
    const assumed = peers.calls.filter((c) => c.action === 'AssumeRole');
    assert.deepEqual(
      assumed.slice(2).map((c) => ('roleArn' in c ? c.roleArn : null)),
      assumed.slice(0, 2).map((c) => ('roleArn' in c ? c.roleArn : null)),
    );
  });
});
