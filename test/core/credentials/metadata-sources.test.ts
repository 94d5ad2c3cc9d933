/**
 * credential_source = Ec2InstanceMetadata and EcsContainer end to end: the instance's or the
 * task's role session comes from a local IMDSv2 or ECS credentials peer, and the profile's
 * role is then assumed with it against the sandbox STS.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CredentialsService } from '../../../main/core/credentials/credentials-service.ts';
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import type { MetadataPeer } from '../../../main/sandbox/metadata/metadata-peers.ts';
import { AppError } from '../../../shared/errors.ts';
import { ScriptedPrompter, awsHome, peerEnv, startPeers, stsCalls } from './credential-fixtures.ts';
import { METADATA_PROFILES, TASK_TOKEN, startMetadataPeers } from './parity-fixtures.ts';

describe('credential_source from the instance or the container', () => {
  let peers: AwsPeers;
  let imds: MetadataPeer;
  let ecs: MetadataPeer;
  before(async () => {
    peers = await startPeers();
    ({ imds, ecs } = await startMetadataPeers(peers));
  });
  after(async () => {
    await imds.close();
    await ecs.close();
    await peers.close();
  });

  async function resolveAs(profile: string, env: Record<string, string>) {
    const home = await awsHome(peers, METADATA_PROFILES);
    const credentials = new CredentialsService({
      environment: home.environment(peerEnv(peers, env)),
      prompter: new ScriptedPrompter(),
    });
    const mark = peers.calls.length;
    const who = await credentials.identity(profile);
    const assumed = stsCalls({ ...peers, calls: peers.calls.slice(mark) }).find(
      (c) => c.action === 'AssumeRole',
    );
    return { who, assumed, home };
  }

  test('Ec2InstanceMetadata: an IMDSv2 token first, then the role, then AssumeRole', async () => {
    const { who, assumed } = await resolveAs('on-ec2', {
      AWS_EC2_METADATA_SERVICE_ENDPOINT: imds.url,
    });
    assert.equal(who.arn, 'arn:aws:sts::111122223333:assumed-role/admin/from-ec2');
    assert.equal(assumed?.signerAccessKeyId, imds.issued.at(-1)?.accessKeyId);
    assert.deepEqual(
      imds.requests.slice(0, 3).map((r) => [r.method, r.path, r.status]),
      [
        ['PUT', '/latest/api/token', 200],
        ['GET', '/latest/meta-data/iam/security-credentials/', 200],
        ['GET', '/latest/meta-data/iam/security-credentials/base', 200],
      ],
    );
  });

  test('Ec2InstanceMetadata off an instance says so, naming the setting', async () => {
    await assert.rejects(
      resolveAs('on-ec2', { AWS_EC2_METADATA_DISABLED: 'true' }),
      (error: unknown) =>
        error instanceof AppError &&
        error.code === 'CREDENTIALS_UNRESOLVED' &&
        /AWS_EC2_METADATA_DISABLED/.test(error.message),
    );
  });

  test('EcsContainer: the full URI with its authorization token, then AssumeRole', async () => {
    const { who, assumed } = await resolveAs('on-ecs', {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: TASK_TOKEN,
    });
    assert.equal(who.arn, 'arn:aws:sts::111122223333:assumed-role/admin/from-ecs');
    assert.equal(assumed?.signerAccessKeyId, ecs.issued.at(-1)?.accessKeyId);
  });

  test('EcsContainer: the token read from AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE', async () => {
    const home = await awsHome(peers, METADATA_PROFILES);
    const file = join(home.home, 'ecs-token');
    await writeFile(file, TASK_TOKEN);
    const { who } = await resolveAs('on-ecs', {
      AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.url,
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: file,
    });
    assert.equal(who.arn, 'arn:aws:sts::111122223333:assumed-role/admin/from-ecs');
  });

  test('EcsContainer with the wrong token is refused by the endpoint', async () => {
    const before = ecs.issued.length;
    await assert.rejects(
      resolveAs('on-ecs', {
        AWS_CONTAINER_CREDENTIALS_FULL_URI: ecs.url,
        AWS_CONTAINER_AUTHORIZATION_TOKEN: 'not-the-token',
      }),
    );
    assert.equal(ecs.requests.at(-1)?.status, 401);
    assert.equal(ecs.issued.length, before);
  });
});
