/**
 * OIDC tokens (JWTs) that expire under a subscription, against the sandbox (which verifies the
 * signature and expiry with its own clock). The token is read from its source at every connect,
 * so a token that expired while the link was down is renewed by the session before the
 * reconnect. When the endpoint calls a token expired that the session still trusts (its clock
 * runs ahead, or the token was revoked), the one retry asks the session to renew it anyway;
 * if the renewed token is refused too, the user is told to sign in again.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TokenReadOptions } from '../../../main/core/requests/request-auth.ts';
import type { AuthModeInput } from '../../../shared/endpoints.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { jwtIssuer, type JwtIssuer } from '../../support/jwt-issuer.ts';
import { Changes } from './support/changes.ts';
import { PeerWorlds } from './support/peer-worlds.ts';
import { loseLink } from './support/sandbox-link.ts';
import { WatchedClient } from './support/watched-client.ts';

const ISSUER = 'https://oidc.expiry.test';
const OIDC: AuthModeInput = { type: 'OPENID_CONNECT', source: { from: 'oidc', provider: 'corp' } };
/** OidcSessionService's default: renew a token this long before it expires. */
const REFRESH_MARGIN_MS = 60_000;

let sandbox: Sandbox;
let tokens: JwtIssuer;
let sandboxAheadMs = 0;
let clientAheadMs = 0;
const sandboxClock = { now: () => Date.now() + sandboxAheadMs };
const clientClock = { now: () => Date.now() + clientAheadMs };
const worlds = new PeerWorlds();

before(async () => {
  tokens = await jwtIssuer(ISSUER, 'workbench');
  sandbox = await startSandbox({
    clock: sandboxClock,
    jwt: {
      openid: { issuer: ISSUER, clientId: 'workbench', keySet: { keys: [tokens.jwk] } },
    },
    realtime: { keepAliveIntervalMs: 40, connectionTimeoutMs: 400 },
  });
});

after(async () => {
  await worlds.closeAll();
  await sandbox.close();
});

const jwt = (expiresAtMs: number) =>
  tokens.sign({ issuedAt: clientClock.now(), expiresAt: expiresAtMs });

/**
 * A signed-in OIDC session as the client sees it (OidcSessionService.tokenFor): it hands out
 * its token, renewing it first when the client's clock says it is about to expire.
 */
async function oidcSession(lifetimeMs: number) {
  let expiresAt = clientClock.now() + lifetimeMs;
  let token = await jwt(expiresAt);
  const session = {
    handedOut: [] as string[],
    forcedReads: 0,
    renewals: 0,
    tokenFor: async (provider: string, options?: TokenReadOptions) => {
      assert.equal(provider, 'corp');
      if (options?.forceRefresh) session.forcedReads += 1;
      if (options?.forceRefresh || clientClock.now() >= expiresAt - REFRESH_MARGIN_MS) {
        expiresAt = clientClock.now() + 3_600_000;
        token = await jwt(expiresAt);
        session.renewals += 1;
      }
      session.handedOut.push(token);
      return token;
    },
  };
  return session;
}

const client = (
  changes: Changes,
  tokens: (provider: string, options?: TokenReadOptions) => Promise<string>,
) =>
  worlds.keep(
    new WatchedClient(
      changes,
      { reconnect: { baseMs: 10, maxMs: 20, maxAttempts: 3 } },
      { clock: clientClock, oidcTokens: tokens },
    ),
  );

describe('real-time subscriptions when an OIDC token expires', () => {
  test('a token that expired while the link was down is renewed before the reconnect', async () => {
    sandboxAheadMs = clientAheadMs = 0;
    const changes = new Changes();
    const session = await oidcSession(90_000);
    const sub = await client(changes, session.tokenFor).subscribe(sandbox.graphqlUrl, OIDC);
    assert.equal((await sub.handle.ready).status, 'active');
    const first = session.handedOut.at(-1);

    // Two minutes pass for everyone: the token has expired; then the link goes quiet.
    sandboxAheadMs = clientAheadMs = 120_000;
    await loseLink(sandbox, changes, sub);
    await changes.until(() => sub.last()?.status === 'active', 'active on the renewed token');

    assert.equal(session.renewals, 1);
    assert.equal(session.forcedReads, 0, 'renewed before the reconnect, not after a refusal');
    assert.notEqual(session.handedOut.at(-1), first, 'the reconnect sent the renewed token');
    assert.ok(!sub.statuses().includes('failed'));
    assert.equal(sandbox.realtime.publish('createNote', { id: 'n2', title: 'renewed' }), 1);
    await changes.until(() => sub.messages.length === 1, 'the event after the renewal');
    await sub.handle.stop();
  });

  test('the endpoint calls a token expired that the session still trusts: renewed once, then active', async () => {
    // The endpoint's clock runs ten minutes ahead; the token has five minutes left here.
    sandboxAheadMs = 600_000;
    clientAheadMs = 0;
    const changes = new Changes();
    const session = await oidcSession(300_000);
    const sub = await client(changes, session.tokenFor).subscribe(sandbox.graphqlUrl, OIDC);
    const state = await sub.handle.ready;

    assert.equal(state.status, 'active', JSON.stringify(state.error));
    assert.equal(session.renewals, 1, 'renewed although the session thought it current');
    assert.equal(new Set(session.handedOut).size, 2, 'the retry sent the renewed token');
    await sub.handle.stop();
  });

  test('the renewed token is refused too: EXPIRED_TOKEN once, no loop', async () => {
    // Two hours ahead: even the renewed (one-hour) token has expired on the endpoint's clock.
    sandboxAheadMs = 7_200_000;
    clientAheadMs = 0;
    const changes = new Changes();
    const session = await oidcSession(300_000);
    const sub = await client(changes, session.tokenFor).subscribe(sandbox.graphqlUrl, OIDC);
    const state = await sub.handle.ready;

    assert.equal(state.status, 'failed');
    assert.equal(state.error?.code, 'EXPIRED_TOKEN');
    assert.match(state.error?.message ?? '', /Token has expired/);
    assert.match(state.error?.message ?? '', /sign in again/);
    assert.deepEqual(sub.statuses(), ['connecting', 'failed'], 'no reconnect loop');
    assert.equal(session.renewals, 1, 'renewed once, for the one retry');
    for (const token of session.handedOut) {
      assert.ok(!JSON.stringify(sub.states).includes(token), 'no token in what the user sees');
    }
  });
});
