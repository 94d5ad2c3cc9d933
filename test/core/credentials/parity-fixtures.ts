/** Profiles and peers for the newer profile kinds, shared by their tests and the botocore cross-check. */
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import {
  startContainerCredentialsPeer,
  startInstanceMetadataPeer,
} from '../../../main/sandbox/metadata/metadata-peers.ts';
import { ALICE, role } from './credential-fixtures.ts';

/** A role profile whose source_profile is itself, with its own static keys. */
export const SELF_SOURCE = `
[profile selfie]
aws_access_key_id = ${ALICE.accessKeyId}
aws_secret_access_key = ${ALICE.secretAccessKey}
role_arn = ${role('base')}
source_profile = selfie
role_session_name = selfie-session
`;

export const METADATA_PROFILES = `
[profile on-ec2]
role_arn = ${role('admin')}
credential_source = Ec2InstanceMetadata
role_session_name = from-ec2

[profile on-ecs]
role_arn = ${role('admin')}
credential_source = EcsContainer
role_session_name = from-ecs
`;
export const TASK_TOKEN = 'task-authorization-token-0123456789';

/** The peers both tests and the botocore cross-check use: instance and task run as role "base". */
export async function startMetadataPeers(peers: AwsPeers) {
  const imds = await startInstanceMetadataPeer({
    identities: peers.identities,
    roleArn: role('base'),
    sessionName: 'i-0123456789abcdef0',
  });
  const ecs = await startContainerCredentialsPeer({
    identities: peers.identities,
    roleArn: role('base'),
    sessionName: 'ecs-task',
    authorizationToken: TASK_TOKEN,
  });
  return { imds, ecs };
}
