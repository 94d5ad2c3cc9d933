/**
 * The local IAM Identity Center against the real SSOOIDCClient and SSOClient: the device login
 * a user walks through, refresh-token rotation, PKCE, and the portal's accounts, roles and
 * role credentials that the local STS then honours.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  GetRoleCredentialsCommand,
  ListAccountRolesCommand,
  ListAccountsCommand,
  SSOClient,
} from '@aws-sdk/client-sso';
import {
  CreateTokenCommand,
  RegisterClientCommand,
  SSOOIDCClient,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { startAwsPeers, type AwsPeers } from '../../../main/sandbox/aws-peers.ts';

const START_URL = 'https://sandbox.awsapps.example/start';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
let offset = 0;
const clock = { now: () => Date.now() + offset };
let peers: AwsPeers;

const accounts = Array.from({ length: 45 }, (_, i) => ({
  accountId: String(100000000000 + i),
  accountName: `team-${i}`,
  emailAddress: `team-${i}@example.test`,
  roles: ['ReadOnly', 'Admin'],
}));

before(async () => {
  peers = await startAwsPeers({
    fixture: { sso: { startUrl: START_URL, accounts, pollIntervalSeconds: 0 } },
    clock,
  });
});
after(() => peers.close());

const oidc = () => new SSOOIDCClient({ endpoint: peers.url, region: 'us-east-1', maxAttempts: 1 });
const portal = () => new SSOClient({ endpoint: peers.url, region: 'us-east-1', maxAttempts: 1 });

async function failure(
  promise: Promise<unknown>,
): Promise<{ name: string; error?: string; status?: number }> {
  try {
    await promise;
  } catch (e) {
    const err = e as { name: string; error?: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, error: err.error, status: err.$metadata?.httpStatusCode };
  }
  assert.fail('expected a refusal');
}

async function deviceLogin(scopes = ['sso:account:access']) {
  const client = await oidc().send(
    new RegisterClientCommand({ clientName: 'workbench-test', clientType: 'public', scopes }),
  );
  const device = await oidc().send(
    new StartDeviceAuthorizationCommand({
      clientId: client.clientId!,
      clientSecret: client.clientSecret!,
      startUrl: START_URL,
    }),
  );
  const poll = () =>
    oidc().send(
      new CreateTokenCommand({
        clientId: client.clientId!,
        clientSecret: client.clientSecret!,
        grantType: DEVICE_GRANT,
        deviceCode: device.deviceCode!,
      }),
    );
  return { client, device, poll };
}

describe('SSO-OIDC device authorization', () => {
  test('pending until the user approves, then a token that reaches the portal', async () => {
    const { device, poll } = await deviceLogin();
    assert.match(device.userCode!, /^[A-Z]{4}-[A-Z]{4}$/);
    assert.equal(
      device.verificationUriComplete,
      `${peers.url}/device?user_code=${device.userCode}`,
    );
    assert.deepEqual(await failure(poll()), {
      name: 'AuthorizationPendingException',
      error: 'authorization_pending',
      status: 400,
    });
    peers.approveDeviceCode(device.userCode!);
    const token = await poll();
    assert.equal(token.tokenType, 'Bearer');
    assert.equal(token.expiresIn, 28800);
    assert.ok(token.refreshToken, 'sso:account:access clients get a refresh token');
    const again = await failure(poll());
    assert.equal(again.name, 'InvalidGrantException', 'a device code is spent once used');

    const creds = await portal().send(
      new GetRoleCredentialsCommand({
        accessToken: token.accessToken!,
        accountId: accounts[3]!.accountId,
        roleName: 'Admin',
      }),
    );
    const rc = creds.roleCredentials!;
    const who = await new STSClient({
      endpoint: peers.url,
      region: 'us-east-1',
      credentials: {
        accessKeyId: rc.accessKeyId!,
        secretAccessKey: rc.secretAccessKey!,
        sessionToken: rc.sessionToken!,
      },
    }).send(new GetCallerIdentityCommand({}));
    assert.match(
      who.Arn!,
      /^arn:aws:sts::100000000003:assumed-role\/AWSReservedSSO_Admin_[0-9a-f]{16}\/sandbox-user$/,
    );
    assert.ok(Math.abs(rc.expiration! - (Date.now() + 3600_000)) < 5000);
  });

  test('denied and expired', async () => {
    const denied = await deviceLogin();
    peers.denyDeviceCode(denied.device.userCode!);
    assert.deepEqual(await failure(denied.poll()), {
      name: 'AccessDeniedException',
      error: 'access_denied',
      status: 400,
    });

    const expired = await deviceLogin();
    offset = 601_000;
    try {
      assert.deepEqual(await failure(expired.poll()), {
        name: 'ExpiredTokenException',
        error: 'expired_token',
        status: 400,
      });
    } finally {
      offset = 0;
    }
  });

  test('refresh_token grant rotates the refresh token; the old one is spent', async () => {
    const { client, device, poll } = await deviceLogin();
    peers.approveDeviceCode(device.userCode!.replace('-', '').toLowerCase());
    const first = await poll();
    const refresh = (refreshToken: string) =>
      oidc().send(
        new CreateTokenCommand({
          clientId: client.clientId!,
          clientSecret: client.clientSecret!,
          grantType: 'refresh_token',
          refreshToken,
        }),
      );
    const second = await refresh(first.refreshToken!);
    assert.notEqual(second.refreshToken, first.refreshToken);
    assert.notEqual(second.accessToken, first.accessToken);
    assert.deepEqual(await failure(refresh(first.refreshToken!)), {
      name: 'InvalidGrantException',
      error: 'invalid_grant',
      status: 400,
    });
    assert.ok((await refresh(second.refreshToken!)).accessToken);
  });

  test('a wrong client secret is InvalidClientException (401)', async () => {
    const { client } = await deviceLogin();
    const e = await failure(
      oidc().send(
        new StartDeviceAuthorizationCommand({
          clientId: client.clientId!,
          clientSecret: 'nope',
          startUrl: START_URL,
        }),
      ),
    );
    assert.deepEqual(e, { name: 'InvalidClientException', error: 'invalid_client', status: 401 });
  });
});

describe('SSO-OIDC authorization code with PKCE', () => {
  test('consent page → loopback redirect with code and state → token; a wrong verifier is refused', async () => {
    const redirectUri = 'http://127.0.0.1:54321/oauth/callback';
    const client = await oidc().send(
      new RegisterClientCommand({
        clientName: 'wb',
        clientType: 'public',
        scopes: ['sso:account:access'],
        redirectUris: ['http://127.0.0.1/oauth/callback'],
        grantTypes: ['authorization_code', 'refresh_token'],
        issuerUrl: START_URL,
      }),
    );
    const login = async (verifier: string) => {
      const params = new URLSearchParams({
        response_type: 'code',
        client_id: client.clientId!,
        redirect_uri: redirectUri,
        state: 'st-1',
        code_challenge_method: 'S256',
        scopes: 'sso:account:access',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      });
      const page = await fetch(`${peers.url}/authorize?${params}`);
      assert.equal(page.status, 200);
      assert.match(
        await page.text(),
        /<button type="submit" name="decision" value="approve">Allow<\/button>/,
      );
      params.set('decision', 'approve');
      const res = await fetch(`${peers.url}/authorize`, {
        method: 'POST',
        body: params,
        redirect: 'manual',
      });
      assert.equal(res.status, 302);
      const location = new URL(res.headers.get('location')!);
      assert.equal(`${location.origin}${location.pathname}`, redirectUri);
      assert.equal(location.searchParams.get('state'), 'st-1');
      return location.searchParams.get('code')!;
    };
    const verifier = randomBytes(32).toString('base64url');
    const token = await oidc().send(
      new CreateTokenCommand({
        clientId: client.clientId!,
        clientSecret: client.clientSecret!,
        grantType: 'authorization_code',
        code: await login(verifier),
        redirectUri,
        codeVerifier: verifier,
      }),
    );
    assert.ok(token.accessToken && token.refreshToken);
    const stolen = await login(verifier);
    const e = await failure(
      oidc().send(
        new CreateTokenCommand({
          clientId: client.clientId!,
          clientSecret: client.clientSecret!,
          grantType: 'authorization_code',
          code: stolen,
          redirectUri,
          codeVerifier: 'not-the-verifier',
        }),
      ),
    );
    assert.equal(e.error, 'invalid_grant');
  });

  test('the device verification page approves on POST, as a person in a browser would', async () => {
    const { device, poll } = await deviceLogin();
    const page = await fetch(device.verificationUriComplete!);
    assert.match(await page.text(), new RegExp(`value="${device.userCode}"`));
    const done = await fetch(`${peers.url}/device`, {
      method: 'POST',
      body: new URLSearchParams({ user_code: device.userCode!, decision: 'approve' }),
    });
    assert.match(await done.text(), /Request approved/);
    assert.ok((await poll()).accessToken);
  });
});

describe('SSO portal', () => {
  let accessToken: string;
  before(async () => {
    const { device, poll } = await deviceLogin();
    peers.approveDeviceCode(device.userCode!);
    accessToken = (await poll()).accessToken!;
  });

  test('ListAccounts pages through every account with nextToken/maxResults', async () => {
    const seen: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await portal().send(
        new ListAccountsCommand({ accessToken, maxResults: 20, nextToken }),
      );
      seen.push(...page.accountList!.map((a) => a.accountId!));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    assert.equal(pages, 3);
    assert.deepEqual(
      seen,
      accounts.map((a) => a.accountId),
    );
    const roles = await portal().send(
      new ListAccountRolesCommand({
        accessToken,
        accountId: accounts[0]!.accountId,
        maxResults: 1,
      }),
    );
    assert.deepEqual(roles.roleList, [{ roleName: 'ReadOnly', accountId: accounts[0]!.accountId }]);
    assert.ok(roles.nextToken);
  });

  test('a bad token is UnauthorizedException; an unassigned role is refused', async () => {
    assert.deepEqual(
      await failure(portal().send(new ListAccountsCommand({ accessToken: 'nope' }))),
      { name: 'UnauthorizedException', error: undefined, status: 401 },
    );
    const e = await failure(
      portal().send(
        new GetRoleCredentialsCommand({
          accessToken,
          accountId: accounts[0]!.accountId,
          roleName: 'Billing',
        }),
      ),
    );
    assert.equal(e.status, 403);
  });

  test('an expired access token is refused', async () => {
    offset = 28801_000;
    try {
      assert.equal(
        (await failure(portal().send(new ListAccountsCommand({ accessToken })))).name,
        'UnauthorizedException',
      );
    } finally {
      offset = 0;
    }
  });
});

test('portal rate limiting answers 429 TooManyRequestsException past N calls per second', async () => {
  const limited = await startAwsPeers({
    fixture: { sso: { accounts, portalCallsPerSecond: 2, pollIntervalSeconds: 0 } },
    clock: { now: () => 1_000_000 },
  });
  try {
    const c = new SSOOIDCClient({ endpoint: limited.url, region: 'us-east-1' });
    const reg = await c.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public' }));
    const dev = await c.send(
      new StartDeviceAuthorizationCommand({
        clientId: reg.clientId!,
        clientSecret: reg.clientSecret!,
        startUrl: START_URL,
      }),
    );
    limited.approveDeviceCode(dev.userCode!);
    const tok = await c.send(
      new CreateTokenCommand({
        clientId: reg.clientId!,
        clientSecret: reg.clientSecret!,
        grantType: DEVICE_GRANT,
        deviceCode: dev.deviceCode!,
      }),
    );
    assert.equal(
      tok.refreshToken,
      undefined,
      'no refresh token without the sso:account:access scope',
    );
    const sso = new SSOClient({ endpoint: limited.url, region: 'us-east-1', maxAttempts: 1 });
    await sso.send(new ListAccountsCommand({ accessToken: tok.accessToken! }));
    await sso.send(new ListAccountsCommand({ accessToken: tok.accessToken! }));
    assert.deepEqual(
      await failure(sso.send(new ListAccountsCommand({ accessToken: tok.accessToken! }))),
      { name: 'TooManyRequestsException', error: undefined, status: 429 },
    );
  } finally {
    await limited.close();
  }
});

test('polling faster than the interval answers slow_down and adds 5 seconds to it', async () => {
  let now = 5_000_000;
  const slow = await startAwsPeers({
    fixture: { sso: { pollIntervalSeconds: 5 } },
    clock: { now: () => now },
  });
  try {
    const c = new SSOOIDCClient({ endpoint: slow.url, region: 'us-east-1', maxAttempts: 1 });
    const reg = await c.send(new RegisterClientCommand({ clientName: 'x', clientType: 'public' }));
    const dev = await c.send(
      new StartDeviceAuthorizationCommand({
        clientId: reg.clientId!,
        clientSecret: reg.clientSecret!,
        startUrl: START_URL,
      }),
    );
    assert.equal(dev.interval, 5);
    const poll = () =>
      c.send(
        new CreateTokenCommand({
          clientId: reg.clientId!,
          clientSecret: reg.clientSecret!,
          grantType: DEVICE_GRANT,
          deviceCode: dev.deviceCode!,
        }),
      );
    assert.equal((await failure(poll())).error, 'authorization_pending');
    now += 1000;
    assert.equal((await failure(poll())).error, 'slow_down');
    now += 6000;
    assert.equal((await failure(poll())).error, 'slow_down', 'the interval is now 10 seconds');
    now += 15_000; // and 15 after the second slow_down
    assert.equal((await failure(poll())).error, 'authorization_pending');
  } finally {
    await slow.close();
  }
});
