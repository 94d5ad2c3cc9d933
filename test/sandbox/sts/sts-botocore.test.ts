/**
 * An independent client (boto3/botocore) against the local STS: its awsQuery requests and
 * SigV4 signatures are accepted, and it parses the emulator's XML answers and errors.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { startAwsPeers, type AwsPeers } from '../../../main/sandbox/aws-peers.ts';

const run = promisify(execFile);
const ALICE = { accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'alice-secret-key/EXAMPLE' };
const ROLE = 'arn:aws:iam::222222222222:role/ops-base';
let peers: AwsPeers;

before(async () => {
  peers = await startAwsPeers({
    fixture: {
      users: [{ ...ALICE, arn: 'arn:aws:iam::111111111111:user/alice' }],
      roles: [{ arn: ROLE, trustedPrincipals: ['arn:aws:iam::111111111111:root'] }],
    },
  });
});
after(() => peers.close());

const SCRIPT = `
import json, sys, boto3, botocore.exceptions
a = json.loads(sys.argv[1])
def sts(key, secret, token=None):
    return boto3.client('sts', endpoint_url=a['url'], region_name='us-east-1',
        aws_access_key_id=key, aws_secret_access_key=secret, aws_session_token=token)
out = {}
c = sts(a['ak'], a['sk']).assume_role(RoleArn=a['role'], RoleSessionName='boto-session', DurationSeconds=1800)['Credentials']
out['whoami'] = sts(c['AccessKeyId'], c['SecretAccessKey'], c['SessionToken']).get_caller_identity()['Arn']
try:
    sts(a['ak'], 'wrong').get_caller_identity()
except botocore.exceptions.ClientError as e:
    out['wrongSecret'] = [e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps(out))
`;

test('boto3 AssumeRole then GetCallerIdentity with the assumed credentials', async () => {
  const { stdout } = await run('python3', [
    '-c',
    SCRIPT,
    JSON.stringify({
      url: peers.url,
      ak: ALICE.accessKeyId,
      sk: ALICE.secretAccessKey,
      role: ROLE,
    }),
  ]);
  assert.deepEqual(JSON.parse(stdout), {
    whoami: 'arn:aws:sts::222222222222:assumed-role/ops-base/boto-session',
    wrongSecret: ['SignatureDoesNotMatch', 403],
  });
  const assumed = peers.calls.find((c) => c.action === 'AssumeRole');
  assert.equal(assumed && 'durationSeconds' in assumed && assumed.durationSeconds, 1800);
});
