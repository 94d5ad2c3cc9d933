/**
 * IAM credentials that expire under a subscription. Against the sandbox (which checks session
 * expiry and every SigV4 signature with its own clock): when the link drops after the session
 * expired, the reconnect is refused as ExpiredToken, the profile is resolved again with the
 * cache skipped, and the subscription resumes on the fresh session without the user doing
 * anything; if the fresh session is just as expired, the user is told once, clearly. Against
 * the scripted peer: a start refused as expired is signed again with fresh credentials.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuthModeInput } from '../../../shared/endpoints.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import type { AwsCredentials } from '../../../main/core/credentials/credential-source.ts';
import { StaticCredentialSource } from '../requests/support/static-credential-source.ts';
import { Changes } from './support/changes.ts';
import { PeerWorlds } from './support/peer-worlds.ts';
import { loseLink } from './support/sandbox-link.ts';
import { signingKeyOf } from './support/scripted-peer.ts';
import { WatchedClient } from './support/watched-client.ts';

const IAM: AuthModeInput = { type: 'AWS_IAM', profile: 'session', region: 'us-east-1' };

let sandbox: Sandbox;
let sandboxTimeMs = 0;
/** The sandbox's clock: the tests move it forward to make a session expire. */
const sandboxClock = { now: () => Date.now() + sandboxTimeMs };
const worlds = new PeerWorlds();
const RECONNECT = { reconnect: { baseMs: 10, maxMs: 20, maxAttempts: 3 } };

before(async () => {
  sandbox = await startSandbox({
    clock: sandboxClock,
    realtime: { keepAliveIntervalMs: 40, connectionTimeoutMs: 400 },
  });
});

after(async () => {
  await worlds.closeAll();
  await sandbox.close();
});

/** A role session from the sandbox's STS, valid for `seconds` from the sandbox's now. */
function session(seconds: number): AwsCredentials {
  return sandbox.demoRoleSession(seconds, 'realtime-test');
}

/** The client for one test; `credentials` hands out each set in turn, one per forced refresh. */
const client = (changes: Changes, credentials: StaticCredentialSource) =>
  worlds.keep(new WatchedClient(changes, RECONNECT, { credentials, clock: sandboxClock }));

const forcedRefreshes = (credentials: StaticCredentialSource) =>
  credentials.calls.filter((call) => call.forceRefresh).length;

describe('real-time subscriptions when IAM credentials expire', () => {
  test('the link drops after the session expired: the reconnect resolves fresh credentials and resumes', async () => {
    sandboxTimeMs = 0;
    const changes = new Changes();
    const credentials = new StaticCredentialSource({
      session: { credentials: [session(60), session(3600)] },
    });
    const realtime = client(changes, credentials);
    const sub = await realtime.subscribe(sandbox.graphqlUrl, IAM);
    assert.equal((await sub.handle.ready).status, 'active');
    assert.equal(forcedRefreshes(credentials), 0);

    // Two minutes later the first session has expired, and the link goes quiet.
    sandboxTimeMs = 120_000;
    await loseLink(sandbox, changes, sub);
    await changes.until(() => sub.last()?.status === 'active', 'active on fresh credentials');

    assert.equal(forcedRefreshes(credentials), 1, 'the profile was resolved again, once');
    assert.deepEqual(sub.statuses(), [
      'connecting',
      'subscribing',
      'active',
      'reconnecting',
      'subscribing',
      'active',
    ]);
    // The renewed subscription is live on the sandbox: an event reaches it.
    assert.equal(sandbox.realtime.publish('createNote', { id: 'n1', title: 'after' }), 1);
    await changes.until(() => sub.messages.length === 1, 'the event after the renewal');
    assert.deepEqual(sub.messages[0], { data: { onCreateNote: { id: 'n1', title: 'after' } } });
    await sub.handle.stop();
  });

  test('credentials still expired after one refresh: EXPIRED_TOKEN once, no retry loop, no secret shown', async () => {
    sandboxTimeMs = 0;
    const changes = new Changes();
    const expired = session(60);
    // The profile has nothing newer to give: a refresh returns the same session.
    const credentials = new StaticCredentialSource({ session: { credentials: [expired] } });
    sandboxTimeMs = 120_000;
    const realtime = client(changes, credentials);
    const sub = await realtime.subscribe(sandbox.graphqlUrl, IAM);
    const state = await sub.handle.ready;

    assert.equal(state.status, 'failed');
    assert.equal(state.error?.code, 'EXPIRED_TOKEN');
    assert.match(state.error?.message ?? '', /Refresh the credentials \(sign in again\)/);
    assert.equal(forcedRefreshes(credentials), 1);
    assert.deepEqual(sub.statuses(), ['connecting', 'failed']);
    const shown = JSON.stringify(sub.states);
    assert.ok(!shown.includes(expired.sessionToken as string));
    assert.ok(!shown.includes(expired.secretAccessKey));
    assert.equal(realtime.service.openSockets(), 0);
  });

  test('a start refused as expired is signed again with fresh credentials, on the same socket', async () => {
    const old = { accessKeyId: 'ASIAOLDSESSION000001', secretAccessKey: 'old', sessionToken: 't1' };
    const fresh = {
      accessKeyId: 'ASIANEWSESSION000002',
      secretAccessKey: 'new',
      sessionToken: 't2',
    };
    const credentials = new StaticCredentialSource({ session: { credentials: [old, fresh] } });
    const { peer, client: realtime } = await worlds.open(
      {
        onInit: (connection) => connection.ack(60_000),
        onStart: (connection, start) => {
          const key = signingKeyOf(start.payload?.extensions?.authorization?.Authorization);
          if (key === old.accessKeyId) {
            connection.refuseStart(start.id, {
              errorType: 'ExpiredTokenException',
              message: 'The security token included in the request is expired',
              errorCode: 403,
            });
          } else void connection.startAck(start.id);
        },
      },
      RECONNECT,
      { credentials },
    );
    const sub = await realtime.subscribe(peer.graphqlUrl, IAM);

    assert.equal((await sub.handle.ready).status, 'active');
    assert.equal(forcedRefreshes(credentials), 1);
    assert.equal(peer.connections.length, 1);
    const [connection] = peer.connections;
    assert.equal(signingKeyOf(connection!.header.authorization), old.accessKeyId);
    assert.deepEqual(
      connection!
        .starts()
        .map((s) => [s.id, signingKeyOf(s.payload?.extensions?.authorization?.Authorization)]),
      [
        [sub.handle.id, old.accessKeyId],
        [sub.handle.id, fresh.accessKeyId],
      ],
    );
    assert.ok(!sub.statuses().includes('reconnecting'));
  });
});
