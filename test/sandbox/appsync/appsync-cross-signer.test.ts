/**
 * The sandbox's AppSync endpoint against signers the project did not write: curl's
 * `--aws-sigv4` (what "copy as curl" generates) and botocore's SigV4Auth (what Python scripts
 * use), with static keys and with a session issued by the sandbox's own STS.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';

const run = promisify(execFile);
const QUERY = JSON.stringify({ query: '{ whoami { authMode arn } }' });

interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Credentials travel in the environment, as the generated curl command expects them. */
async function curl(url: string, env: Record<string, string>, withToken: boolean): Promise<Reply> {
  const args = [
    '-sS',
    '-w',
    '\n%{http_code}',
    '--aws-sigv4',
    'aws:amz:us-east-1:appsync',
    '--user',
    `${env.AWS_ACCESS_KEY_ID}:${env.AWS_SECRET_ACCESS_KEY}`,
    '-H',
    'content-type: application/json',
    ...(withToken ? ['-H', `x-amz-security-token: ${env.AWS_SESSION_TOKEN}`] : []),
    '--data-binary',
    QUERY,
    url,
  ];
  const { stdout } = await run('curl', args, { env: { ...process.env, ...env } });
  const cut = stdout.lastIndexOf('\n');
  return { status: Number(stdout.slice(cut + 1)), body: JSON.parse(stdout.slice(0, cut)) };
}

const BOTOCORE = `
import json, sys, urllib.request, urllib.error
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
a = json.loads(sys.argv[1])
req = AWSRequest(method='POST', url=a['url'], data=a['body'].encode(), headers={'content-type': 'application/json'})
SigV4Auth(Credentials(a['ak'], a['sk'], a.get('token')), 'appsync', 'us-east-1').add_auth(req)
r = urllib.request.Request(a['url'], data=(a.get('sendBody') or a['body']).encode(), headers=dict(req.headers.items()), method='POST')
try:
    res = urllib.request.urlopen(r)
    print(json.dumps({'status': res.status, 'body': json.loads(res.read())}))
except urllib.error.HTTPError as e:
    print(json.dumps({'status': e.code, 'body': json.loads(e.read())}))
`;

async function botocore(args: Record<string, unknown>): Promise<Reply> {
  const { stdout } = await run('python3', ['-c', BOTOCORE, JSON.stringify(args)]);
  return JSON.parse(stdout) as Reply;
}

describe('AppSync sandbox: independent signers', () => {
  let sandbox: Sandbox;
  let session: { accessKeyId: string; secretAccessKey: string; sessionToken: string };

  before(async () => {
    sandbox = await startSandbox();
    // The role chain of the demo: the demo user assumes sandbox-admin through the local STS.
    const sts = new STSClient({
      region: 'us-east-1',
      endpoint: sandbox.url,
      credentials: {
        accessKeyId: sandbox.demo.user.accessKeyId,
        secretAccessKey: sandbox.demo.user.secretAccessKey,
      },
    });
    const { Credentials: issued } = await sts.send(
      new AssumeRoleCommand({ RoleArn: sandbox.demo.role.arn, RoleSessionName: 'cross-check' }),
    );
    session = {
      accessKeyId: issued!.AccessKeyId!,
      secretAccessKey: issued!.SecretAccessKey!,
      sessionToken: issued!.SessionToken!,
    };
  });
  after(() => sandbox.close());

  test('curl --aws-sigv4 with the demo keys is accepted', async () => {
    const reply = await curl(
      sandbox.graphqlUrl,
      {
        AWS_ACCESS_KEY_ID: sandbox.demo.user.accessKeyId,
        AWS_SECRET_ACCESS_KEY: sandbox.demo.user.secretAccessKey,
      },
      false,
    );
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.deepEqual(reply.body, {
      data: { whoami: { authMode: 'AWS_IAM', arn: sandbox.demo.user.arn } },
    });
  });

  test('curl --aws-sigv4 with an STS session and x-amz-security-token is accepted; without the token it is not', async () => {
    const env = {
      AWS_ACCESS_KEY_ID: session.accessKeyId,
      AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
      AWS_SESSION_TOKEN: session.sessionToken,
    };
    const reply = await curl(sandbox.graphqlUrl, env, true);
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(
      reply.body.data.whoami.arn,
      `arn:aws:sts::${sandbox.demo.accountId}:assumed-role/sandbox-admin/cross-check`,
    );
    const noToken = await curl(sandbox.graphqlUrl, env, false);
    assert.equal(noToken.status, 403);
    assert.equal(noToken.body.errors[0].errorType, 'UnrecognizedClientException');
  });

  test('botocore SigV4Auth is accepted with keys and with a session; a tampered body is refused', async () => {
    const keys = await botocore({
      url: sandbox.graphqlUrl,
      body: QUERY,
      ak: sandbox.demo.user.accessKeyId,
      sk: sandbox.demo.user.secretAccessKey,
    });
    assert.equal(keys.status, 200, JSON.stringify(keys.body));
    assert.equal(keys.body.data.whoami.arn, sandbox.demo.user.arn);

    const withSession = await botocore({
      url: sandbox.graphqlUrl,
      body: QUERY,
      ak: session.accessKeyId,
      sk: session.secretAccessKey,
      token: session.sessionToken,
    });
    assert.equal(withSession.status, 200, JSON.stringify(withSession.body));

    const tampered = await botocore({
      url: sandbox.graphqlUrl,
      body: QUERY,
      sendBody: QUERY.replace('arn', 'arn authMode'),
      ak: sandbox.demo.user.accessKeyId,
      sk: sandbox.demo.user.secretAccessKey,
    });
    assert.equal(tampered.status, 403);
    assert.equal(tampered.body.errors[0].errorType, 'InvalidSignatureException');
  });
});
