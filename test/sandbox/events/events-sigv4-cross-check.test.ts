/**
 * The IAM-signed HTTP publish, cross-checked with botocore (written by other people): botocore's
 * SigV4Auth signs the same `POST /event` at the same instant and must produce the very
 * Authorization header the workbench sent; and a publish botocore signs is accepted by the
 * sandbox's own verifier, so neither side only agrees with itself.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { EventsService } from '../../../main/core/events/events-service.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import type { Frame } from '../realtime/realtime-test-client.ts';
import { StaticCredentialSource } from '../../core/requests/support/static-credential-source.ts';

const run = promisify(execFile);
const SIGNED_AT = Date.UTC(2026, 11, 3, 12, 34, 56);

const BOTOCORE = `
import datetime, json, sys, urllib.request, urllib.error
import botocore.auth
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
a = json.loads(sys.argv[1])
if a.get('at'):
    fixed = datetime.datetime.fromtimestamp(a['at'] / 1000, datetime.timezone.utc).replace(tzinfo=None)
    botocore.auth.get_current_datetime = lambda *args, **kw: fixed
req = AWSRequest(method='POST', url=a['url'], data=a['body'].encode(), headers={'content-type': 'application/json'})
SigV4Auth(Credentials(a['ak'], a['sk'], a.get('token')), 'appsync', 'us-east-1').add_auth(req)
out = {'authorization': req.headers['Authorization']}
if a.get('send'):
    r = urllib.request.Request(a['url'], data=a['body'].encode(), headers=dict(req.headers.items()), method='POST')
    try:
        res = urllib.request.urlopen(r)
        out.update(status=res.status, body=json.loads(res.read()))
    except urllib.error.HTTPError as e:
        out.update(status=e.code, body=json.loads(e.read()))
print(json.dumps(out))
`;

async function botocore(args: Record<string, unknown>) {
  const { stdout } = await run('python3', ['-c', BOTOCORE, JSON.stringify(args)]);
  return JSON.parse(stdout) as { authorization: string; status?: number; body?: Frame };
}

let recorder: Server;
let recorded: { headers: IncomingHttpHeaders; body: string } | null = null;
let recorderUrl: string;
let sandbox: Sandbox;

before(async () => {
  recorder = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      recorded = { headers: req.headers, body: Buffer.concat(chunks).toString() };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"successful":[{"identifier":"e1","index":0}],"failed":[]}');
    });
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  recorderUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/event`;
  sandbox = await startSandbox();
});
after(async () => {
  await new Promise<void>((resolve) => recorder.close(() => resolve()));
  await sandbox.close();
});

for (const withToken of [false, true]) {
  test(`botocore signs the publish exactly as the workbench does (${withToken ? 'session token' : 'static keys'})`, async () => {
    const keys = withToken
      ? sandbox.demoRoleSession(900)
      : {
          accessKeyId: 'AKIAEVENTSCROSSCHECK',
          secretAccessKey: 'events/cross+check/SECRET0000000000000000',
        };
    const events = new EventsService({
      env: {},
      credentials: new StaticCredentialSource({ p: { credentials: [keys] } }),
      vault: { get: async () => null, put: async () => undefined, delete: async () => undefined },
      clock: { now: () => SIGNED_AT },
    });
    const result = await events.publish({
      url: recorderUrl,
      auth: { type: 'AWS_IAM', profile: 'p', region: 'us-east-1' },
      channel: '/default/cross-check',
      events: ['{"hello":"botocore"}', '[1,2]'],
    });
    assert.equal(result.successful[0]?.identifier, 'e1');
    assert.ok(recorded);
    assert.equal(
      recorded.body,
      '{"channel":"/default/cross-check","events":["{\\"hello\\":\\"botocore\\"}","[1,2]"]}',
    );
    const theirs = await botocore({
      url: recorderUrl,
      body: recorded.body,
      ak: keys.accessKeyId,
      sk: keys.secretAccessKey,
      token: 'sessionToken' in keys ? keys.sessionToken : undefined,
      at: SIGNED_AT,
    });
    assert.equal(recorded.headers.authorization, theirs.authorization);
  });
}

test('a publish botocore signs is accepted by the sandbox verifier', async () => {
  const { user } = sandbox.demo;
  const reply = await botocore({
    url: sandbox.eventUrl,
    body: JSON.stringify({ channel: '/alerts/botocore', events: ['"signed elsewhere"'] }),
    ak: user.accessKeyId,
    sk: user.secretAccessKey,
    send: true,
  });
  assert.equal(reply.status, 200, JSON.stringify(reply.body));
  assert.equal(reply.body.successful.length, 1);
});
