/**
 * botocore's GetFederationToken against the sandbox STS (which verifies its SigV4), and the
 * federated session it gets accepted by the local federation peer: the peers answer a real
 * client, not only ours.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PASS_THROUGH_POLICY } from '../../../main/core/console/console-signin.ts';
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import { runReference, skipWithoutPython } from '../../support/references.ts';
import { ALICE, startPeers, stsCalls } from '../../core/credentials/credential-fixtures.ts';

const BOTO = `
import json, os, botocore.session
s = botocore.session.get_session()
sts = s.create_client('sts', region_name='us-east-1', endpoint_url=os.environ['STS_URL'],
    aws_access_key_id=os.environ['KEY_ID'], aws_secret_access_key=os.environ['SECRET'])
out = sts.get_federation_token(Name='boto-console', Policy=os.environ['POLICY'], DurationSeconds=900)
c = out['Credentials']
print(json.dumps({'sessionId': c['AccessKeyId'], 'sessionKey': c['SecretAccessKey'],
    'sessionToken': c['SessionToken'], 'arn': out['FederatedUser']['Arn']}))
`;

describe('GetFederationToken cross-checked with botocore', () => {
  let peers: AwsPeers;
  before(async () => {
    peers = await startPeers();
  });
  after(() => peers.close());

  test(
    'botocore gets a federated session the federation peer signs in',
    { skip: skipWithoutPython('botocore') },
    async () => {
      const { stdout } = await runReference('python3', ['-c', BOTO], {
        STS_URL: peers.url,
        KEY_ID: ALICE.accessKeyId,
        SECRET: ALICE.secretAccessKey,
        POLICY: PASS_THROUGH_POLICY,
        AWS_EC2_METADATA_DISABLED: 'true',
      });
      const { arn, ...session } = JSON.parse(stdout) as Record<string, string>;
      assert.equal(arn, 'arn:aws:sts::111122223333:federated-user/boto-console');
      const [call] = stsCalls(peers);
      assert.deepEqual(
        { action: call?.action, outcome: call?.outcome, duration: call?.durationSeconds },
        { action: 'GetFederationToken', outcome: 'ok', duration: 900 },
      );
      const token = await fetch(
        `${peers.url}/signin/federation?Action=getSigninToken&Session=${encodeURIComponent(JSON.stringify(session))}`,
      );
      assert.equal(token.status, 200);
      assert.equal(typeof ((await token.json()) as { SigninToken?: string }).SigninToken, 'string');
    },
  );
});
