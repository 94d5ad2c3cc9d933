/**
 * A three-hop role chain cross-checked with botocore: boto3, against the same local peers,
 * reaches the same identity as the engine, through the same AssumeRole calls.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { CredentialsService } from '../../../main/core/credentials/credentials-service.ts';
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import { skipWithoutPython } from '../../support/references.ts';
import {
  ScriptedPrompter,
  awsHome,
  peerEnv,
  startPeers,
} from '../../core/credentials/credential-fixtures.ts';

const run = promisify(execFile);

const BOTO = `
import json, os, boto3
s = boto3.Session(profile_name=os.environ['PROFILE'])
print(json.dumps(s.client('sts', endpoint_url=os.environ['AWS_ENDPOINT_URL_STS'], region_name='us-east-1').get_caller_identity()))
`;

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
    const { stdout } = await run('python3', ['-c', BOTO], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home.home,
        AWS_CONFIG_FILE: home.configFile,
        AWS_SHARED_CREDENTIALS_FILE: home.credentialsFile,
        AWS_ENDPOINT_URL_STS: peers.url,
        AWS_EC2_METADATA_DISABLED: 'true',
        PROFILE: 'ops-admin',
      },
    });
    const boto = JSON.parse(stdout) as { Account: string; Arn: string; UserId: string };
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
