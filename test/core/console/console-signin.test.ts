import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ConsoleService,
  FEDERATION_ENDPOINT_VARIABLE,
} from '../../../main/core/console/console-signin.ts';
import { CredentialsService } from '../../../main/core/credentials/credentials-service.ts';
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import type { SigninCall } from '../../../main/sandbox/signin/federation-peer.ts';
import { AppError } from '../../../shared/errors.ts';
import {
  ALICE,
  ScriptedPrompter,
  TestClock,
  awsHome,
  peerEnv,
  startPeers,
  stsCalls,
} from '../credentials/credential-fixtures.ts';

const signinCalls = (peers: AwsPeers, mark = 0) =>
  peers.calls.slice(mark).filter((c): c is SigninCall => c.service === 'signin');

/** What a browser does with the URL: follow it once, without following the redirect. */
async function follow(url: string) {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location') };
}

describe('opening the console as a profile, against the local federation peer', () => {
  const clock = new TestClock();
  let peers: AwsPeers;
  before(async () => {
    peers = await startPeers(clock);
  });
  after(() => peers.close());

  async function service(env: Record<string, string> = {}) {
    const home = await awsHome(peers);
    const opened: string[] = [];
    const environment = home.environment(
      peerEnv(peers, { [FEDERATION_ENDPOINT_VARIABLE]: `${peers.url}/signin/federation`, ...env }),
    );
    const credentials = new CredentialsService({
      environment,
      prompter: new ScriptedPrompter(),
      clock,
    });
    const consoles = new ConsoleService({
      credentials,
      env: environment.env,
      opener: { open: async (url) => void opened.push(url) },
      clock,
    });
    return { consoles, opened, mark: peers.calls.length };
  }

  test('a role profile signs in with its role session and lands on the API', async () => {
    const { consoles, opened, mark } = await service();
    const result = await consoles.open({ profile: 'ops-base', apiId: 'abcdefghij1234567890' });
    const destination =
      'https://eu-west-1.console.aws.amazon.com/appsync/home?region=eu-west-1#/abcdefghij1234567890/v1/home';
    assert.deepEqual(
      { destination: result.destination, via: result.via, partition: result.partition },
      { destination, via: 'session', partition: 'aws' },
    );
    assert.ok(!JSON.stringify(result).includes('SigninToken'), 'the answer holds no token');
    assert.equal(opened.length, 1);
    const url = new URL(opened[0] as string);
    assert.equal(`${url.origin}${url.pathname}`, `${peers.url}/signin/federation`);
    assert.equal(url.searchParams.get('Destination'), destination);
    assert.deepEqual(await follow(opened[0] as string), { status: 302, location: destination });
    const issued = stsCalls({ ...peers, calls: peers.calls.slice(mark) }).find(
      (c) => c.action === 'AssumeRole',
    )?.issuedAccessKeyId;
    const [token, login] = signinCalls(peers, mark);
    assert.deepEqual(
      { action: token?.action, sessionId: token?.sessionId, outcome: token?.outcome },
      { action: 'getSigninToken', sessionId: issued, outcome: 'ok' },
    );
    assert.match(login?.callerArn ?? '', /^arn:aws:sts::111122223333:assumed-role\/base\//);
    // A sign-in URL works once.
    assert.equal((await follow(opened[0] as string)).status, 400);
  });

  test('long-term keys become a federated user first, then sign in', async () => {
    const { consoles, opened, mark } = await service();
    const result = await consoles.open({
      profile: 'keys',
      service: 'appsync',
      region: 'us-east-2',
    });
    assert.equal(result.via, 'federation-token');
    assert.equal(
      result.destination,
      'https://us-east-2.console.aws.amazon.com/appsync/home?region=us-east-2',
    );
    const [federation] = stsCalls({ ...peers, calls: peers.calls.slice(mark) });
    assert.equal(federation?.action, 'GetFederationToken');
    assert.equal(federation?.signerAccessKeyId, ALICE.accessKeyId);
    assert.deepEqual(JSON.parse(federation?.policy ?? '{}'), {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
    });
    const [token] = signinCalls(peers, mark);
    assert.equal(token?.sessionId, federation?.issuedAccessKeyId);
    assert.equal(token?.callerArn, 'arn:aws:sts::111122223333:federated-user/appsync-workbench');
    assert.equal((await follow(opened[0] as string)).status, 302);
  });

  test('a sign-in URL left for more than 15 minutes no longer logs in', async () => {
    const { consoles, opened } = await service();
    await consoles.open({ profile: 'ops-base' });
    clock.advance(15 * 60_000 + 1000);
    assert.equal((await follow(opened[0] as string)).status, 400);
  });

  test('a console session length is asked for only where AWS allows one', async () => {
    const { consoles, mark } = await service();
    await consoles.signin({ profile: 'ops-base', sessionDurationSeconds: 7200 });
    assert.equal(signinCalls(peers, mark)[0]?.sessionDuration, 7200);
    await assert.rejects(
      consoles.signin({ profile: 'ops-admin', sessionDurationSeconds: 7200 }),
      (error: unknown) =>
        error instanceof AppError && error.code === 'INVALID_INPUT' && /1 hour/.test(error.message),
    );
  });

  test('the peer refuses SessionDuration for a role-chained session, as AWS does', async () => {
    const home = await awsHome(peers);
    const credentials = new CredentialsService({
      environment: home.environment(peerEnv(peers)),
      prompter: new ScriptedPrompter(),
      clock,
    });
    const chained = await credentials.resolve('ops-admin');
    const session = JSON.stringify({
      sessionId: chained.accessKeyId,
      sessionKey: chained.secretAccessKey,
      sessionToken: chained.sessionToken,
    });
    const url = (extra: string) =>
      `${peers.url}/signin/federation?Action=getSigninToken&Session=${encodeURIComponent(session)}${extra}`;
    assert.equal((await fetch(url('&SessionDuration=3600'))).status, 400);
    assert.equal((await fetch(url(''))).status, 200);
    const wrongKey = session.replace(chained.secretAccessKey, 'x'.repeat(40));
    const bad = await fetch(
      `${peers.url}/signin/federation?Action=getSigninToken&Session=${encodeURIComponent(wrongKey)}`,
    );
    assert.equal(bad.status, 400);
  });

  test('a federation endpoint that is not AWS and not this machine gets nothing', async () => {
    const { consoles, opened, mark } = await service({
      [FEDERATION_ENDPOINT_VARIABLE]: 'https://signin.example.com/federation',
    });
    await assert.rejects(
      consoles.open({ profile: 'ops-base' }),
      (error: unknown) =>
        error instanceof AppError &&
        error.code === 'CONSOLE_SIGNIN_FAILED' &&
        /signin\.example\.com/.test(error.message),
    );
    assert.equal(opened.length, 0);
    assert.equal(peers.calls.length, mark, 'no credentials were resolved or sent');
  });
});
