/**
 * A private AppSync API reached through an address, cross-checked with two independent
 * clients against the sandbox acting as one: the generated curl command (`--connect-to` the
 * address, `x-appsync-domain`, `--aws-sigv4` signing for the API host) and botocore, signing
 * the same request for the API host on its own. The peer accepts both.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { copyAsCode } from '../../../main/core/requests/copy-as-code.ts';
import { runReference, skipWithoutCommand, skipWithoutPython } from '../../support/references.ts';
import {
  startPrivateApi,
  WHOAMI,
  type Whoami,
} from '../../core/requests/support/private-api-sandbox.ts';

const run = promisify(execFile);

let sandbox: Sandbox;
let apiHost: string;
let address: string;

before(async () => {
  ({ sandbox, apiHost, address } = await startPrivateApi());
});

after(async () => {
  await sandbox.close();
});

const lastRecord = () => sandbox.appsync.recentRequests().at(-1);

const withoutCurl = skipWithoutCommand('curl', 'the generated command is run with it');

describe('copy as curl for a private API', { skip: withoutCurl }, () => {
  test('curl --connect-to with x-appsync-domain, --aws-sigv4 signing the API host, is accepted', async () => {
    const { region } = sandbox.demo;
    const command = copyAsCode('curl', {
      url: `http://${apiHost}/graphql`,
      connectTo: address,
      query: WHOAMI,
      auth: { type: 'AWS_IAM', profile: 'keys', region, service: 'appsync' },
      profile: 'keys',
      region,
    });
    assert.ok(command.includes(`--connect-to '::${address}'`), command);
    assert.ok(command.includes(`-H 'x-appsync-domain: ${apiHost}'`), command);
    const session = sandbox.demoRoleSession(900);
    const { stdout } = await runReference('sh', ['-c', command], {
      AWS_ACCESS_KEY_ID: session.accessKeyId,
      AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
      AWS_SESSION_TOKEN: session.sessionToken,
    });
    assert.match((JSON.parse(stdout) as Whoami).data?.whoami.arn ?? stdout, /assumed-role/);
    assert.equal(lastRecord()?.appSyncDomain, apiHost);
  });
});

describe(
  'botocore signs the same request for the API host',
  { skip: skipWithoutPython('botocore') },
  () => {
    test('and the private peer accepts it through the address', async () => {
      const script = `
import json, sys, urllib.request, urllib.error
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
a = json.loads(sys.argv[1])
req = AWSRequest(method='POST', url='http://' + a['apiHost'] + '/graphql', data=a['body'].encode(),
  headers={'content-type': 'application/json', 'x-appsync-domain': a['apiHost']})
SigV4Auth(Credentials(a['ak'], a['sk']), 'appsync', a['region']).add_auth(req)
headers = dict(req.headers.items())
headers['Host'] = a['address']
r = urllib.request.Request('http://' + a['address'] + '/graphql', data=a['body'].encode(), headers=headers, method='POST')
try:
    res = urllib.request.urlopen(r)
    print(json.dumps({'status': res.status, 'body': json.loads(res.read())}))
except urllib.error.HTTPError as e:
    print(json.dumps({'status': e.code, 'body': json.loads(e.read())}))
`;
      const { user, region } = sandbox.demo;
      const { stdout } = await run('python3', [
        '-c',
        script,
        JSON.stringify({
          apiHost,
          address,
          region,
          ak: user.accessKeyId,
          sk: user.secretAccessKey,
          body: JSON.stringify({ query: WHOAMI }),
        }),
      ]);
      const reply = JSON.parse(stdout) as { status: number; body: Whoami };
      assert.equal(reply.status, 200, stdout);
      assert.equal(reply.body.data.whoami.arn, user.arn);
      assert.equal(lastRecord()?.appSyncDomain, apiHost);
      assert.equal(lastRecord()?.host, address);
    });
  },
);
