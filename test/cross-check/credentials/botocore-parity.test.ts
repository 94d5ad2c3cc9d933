/**
 * The newer profile kinds cross-checked with botocore: for each profile, botocore and the
 * engine, against the same local peers, end as the same identity, having signed the role's
 * AssumeRole with a key from the same source.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CredentialsService } from '../../../main/core/credentials/credentials-service.ts';
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import type { MetadataPeer } from '../../../main/sandbox/metadata/metadata-peers.ts';
import { skipWithoutPython } from '../../support/references.ts';
import { botocoreIdentity } from './botocore-identity.ts';
import {
  ALICE,
  ScriptedPrompter,
  awsHome,
  peerEnv,
  startPeers,
  stsCalls,
} from '../../core/credentials/credential-fixtures.ts';
import {
  METADATA_PROFILES,
  SELF_SOURCE,
  TASK_TOKEN,
  startMetadataPeers,
} from '../../core/credentials/parity-fixtures.ts';

describe('cross-check with botocore: self-sourced, instance and container profiles', () => {
  let peers: AwsPeers;
  let imds: MetadataPeer;
  let ecs: MetadataPeer;
  let env: Record<string, string>;
  before(async () => {
    // botocore signs with the real time, so the peers keep the real clock here.
    peers = await startPeers();
    ({ imds, ecs } = await startMetadataPeers(peers));
    env = peerEnv(peers, {
      AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url,
      AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: TASK_TOKEN,
    });
  });
  after(async () => {
    await imds.close();
    await ecs.close();
    await peers.close();
  });

  /** The identity each side reaches, and the key that signed each side's AssumeRole. */
  async function both(profile: string) {
    const home = await awsHome(peers, `${SELF_SOURCE}${METADATA_PROFILES}`);
    let mark = peers.calls.length;
    const ours = await new CredentialsService({
      environment: home.environment(env),
      prompter: new ScriptedPrompter(),
    }).identity(profile);
    const signer = () => {
      const calls = stsCalls({ ...peers, calls: peers.calls.slice(mark) });
      mark = peers.calls.length;
      return calls.find((c) => c.action === 'AssumeRole')?.signerAccessKeyId;
    };
    const ourSigner = signer();
    const boto = await botocoreIdentity(home, profile, env);
    return { ours: ours.arn, boto: boto.Arn, ourSigner, botoSigner: signer() };
  }

  const skip = skipWithoutPython('boto3');

  test('a role profile that is its own source', { skip }, async () => {
    const { ours, boto, ourSigner, botoSigner } = await both('selfie');
    assert.equal(boto, ours);
    assert.equal(ours, 'arn:aws:sts::111122223333:assumed-role/base/selfie-session');
    assert.deepEqual([ourSigner, botoSigner], [ALICE.accessKeyId, ALICE.accessKeyId]);
  });

  test('credential_source = Ec2InstanceMetadata', { skip }, async () => {
    const { ours, boto, ourSigner, botoSigner } = await both('on-ec2');
    assert.equal(boto, ours);
    const fromImds = new Set(imds.issued.map((s) => s.accessKeyId));
    assert.ok(fromImds.has(ourSigner ?? '') && fromImds.has(botoSigner ?? ''));
    // botocore too asked for an IMDSv2 token before reading the role.
    assert.ok(imds.requests.filter((r) => r.method === 'PUT').length >= 2);
  });

  test('credential_source = EcsContainer', { skip }, async () => {
    const { ours, boto, ourSigner, botoSigner } = await both('on-ecs');
    assert.equal(boto, ours);
    const fromEcs = new Set(ecs.issued.map((s) => s.accessKeyId));
    assert.ok(fromEcs.has(ourSigner ?? '') && fromEcs.has(botoSigner ?? ''));
  });
});
