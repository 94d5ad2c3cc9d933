/**
 * API_KEY, OPENID_CONNECT, AMAZON_COGNITO_USER_POOLS and AWS_LAMBDA against the sandbox: each
 * accepted credential runs a query as that mode; each broken one is refused with AppSync's 401
 * shape. JWTs are minted here with jose; the OIDC keys are served from a real local JWKS URL.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { LambdaAuthorizerEvent } from '../../../main/sandbox/appsync/auth-config.ts';
import { createDemoFixture, demoLambdaAuthorizer } from '../../../main/sandbox/demo-fixture.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { graphqlBody, manualClock, send } from './appsync-test-client.ts';

const WHOAMI = graphqlBody('{ whoami { authMode sub issuer apiKeyDescription resolverContext } }');
const NOT_AUTHORIZED = {
  errors: [
    { errorType: 'UnauthorizedException', message: 'You are not authorized to make this call.' },
  ],
};

describe('AppSync sandbox: API_KEY, JWT and Lambda modes', () => {
  const clock = manualClock(Date.UTC(2026, 4, 4, 12, 0, 0));
  const seconds = () => Math.floor(clock.now() / 1000);
  let sandbox: Sandbox;
  let jwksServer: Server;
  let oidcKey: CryptoKey;
  let cognitoKey: CryptoKey;
  let strangerKey: CryptoKey;
  const OIDC_ISSUER = 'https://oidc.sandbox.test';
  const COGNITO_ISSUER = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_SandboxPool';
  const lambdaEvents: LambdaAuthorizerEvent[] = [];

  before(async () => {
    const oidc = await generateKeyPair('RS256');
    const cognito = await generateKeyPair('RS256');
    oidcKey = oidc.privateKey;
    cognitoKey = cognito.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const oidcJwk: JWK = {
      ...(await exportJWK(oidc.publicKey)),
      kid: 'oidc-1',
      alg: 'RS256',
      use: 'sig',
    };
    const cognitoJwk: JWK = {
      ...(await exportJWK(cognito.publicKey)),
      kid: 'cog-1',
      alg: 'RS256',
      use: 'sig',
    };
    jwksServer = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys: [oidcJwk] }));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;

    // The demo fixture is the same on every start, so its authorizer can be built up front.
    const demoAuthorizer = demoLambdaAuthorizer(createDemoFixture(clock.now()));
    sandbox = await startSandbox({
      clock,
      jwt: {
        openid: { issuer: OIDC_ISSUER, clientId: 'workbench-client', jwksUrl },
        cognitoUserPool: {
          issuer: COGNITO_ISSUER,
          clientId: 'cognito-app-client',
          keySet: { keys: [cognitoJwk] },
        },
      },
      lambdaAuthorizer: (event) => {
        lambdaEvents.push(event);
        return demoAuthorizer(event);
      },
    });
  });
  after(async () => {
    await sandbox.close();
    await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
  });

  const post = (headers: Record<string, string>, body = WHOAMI) =>
    send(sandbox.graphqlUrl, { headers: { 'content-type': 'application/json', ...headers }, body });

  function mint(
    key: CryptoKey,
    claims: {
      iss: string;
      aud?: string;
      exp?: number;
      iat?: number;
      sub?: string;
      client_id?: string;
    },
    kid: string,
  ): Promise<string> {
    const { iss, aud, exp, iat, ...rest } = claims;
    const jwt = new SignJWT({ ...rest })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(iss)
      .setIssuedAt(iat ?? seconds())
      .setExpirationTime(exp ?? seconds() + 3600);
    if (aud) jwt.setAudience(aud);
    return jwt.sign(key);
  }

  test('API_KEY: the demo key is accepted, an unknown or expired one is refused alike', async () => {
    const ok = await post({ 'x-api-key': sandbox.apiKey });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.data.whoami.authMode, 'API_KEY');

    const unknown = await post({ 'x-api-key': 'da2-thiskeydoesnotexist0000000' });
    assert.equal(unknown.status, 401);
    assert.deepEqual(unknown.json, NOT_AUTHORIZED);

    sandbox.appsync.apiKeys.add({
      id: 'da2-shortlivedkey0000000000000',
      expiresAt: clock.now() + 60_000,
    });
    assert.equal((await post({ 'x-api-key': 'da2-shortlivedkey0000000000000' })).status, 200);
    clock.advance(60_000);
    const expired = await post({ 'x-api-key': 'da2-shortlivedkey0000000000000' });
    assert.equal(expired.status, 401);
    assert.deepEqual(expired.json, NOT_AUTHORIZED);
  });

  test('no credential at all is a 401 asking for an authorization header', async () => {
    const reply = await post({});
    assert.equal(reply.status, 401);
    assert.deepEqual(reply.json, {
      errors: [
        { errorType: 'UnauthorizedException', message: 'Valid authorization header not provided.' },
      ],
    });
  });

  test('OPENID_CONNECT: a raw ID token from the issuer is accepted, keys fetched from its JWKS URL', async () => {
    const token = await mint(
      oidcKey,
      { iss: OIDC_ISSUER, aud: 'workbench-client', sub: 'user-42' },
      'oidc-1',
    );
    const reply = await post({ authorization: token });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.json.data.whoami, {
      authMode: 'OPENID_CONNECT',
      sub: 'user-42',
      issuer: OIDC_ISSUER,
      apiKeyDescription: null,
      resolverContext: null,
    });
  });

  test('OPENID_CONNECT: a "Bearer " prefix is not stripped, as on AppSync', async () => {
    const token = await mint(oidcKey, { iss: OIDC_ISSUER, aud: 'workbench-client' }, 'oidc-1');
    const reply = await post({ authorization: `Bearer ${token}` });
    assert.equal(reply.status, 401);
    assert.deepEqual(reply.json, {
      errors: [{ errorType: 'UnauthorizedException', message: 'Unable to parse JWT token.' }],
    });
    assert.equal(
      lambdaEvents.some((event) => event.authorizationToken.includes(token)),
      false,
      'never sent to Lambda',
    );
  });

  test('OPENID_CONNECT: a bad signature, a wrong audience and an expired token are refused', async () => {
    const forged = await mint(strangerKey, { iss: OIDC_ISSUER, aud: 'workbench-client' }, 'oidc-1');
    const badSignature = await post({ authorization: forged });
    assert.equal(badSignature.status, 401);
    assert.deepEqual(badSignature.json, NOT_AUTHORIZED);

    const otherClient = await mint(oidcKey, { iss: OIDC_ISSUER, aud: 'someone-else' }, 'oidc-1');
    const wrongAudience = await post({ authorization: otherClient });
    assert.equal(wrongAudience.status, 401);
    assert.deepEqual(wrongAudience.json, {
      errors: [{ errorType: 'UnauthorizedException', message: 'Unauthorized' }],
    });

    const old = await mint(
      oidcKey,
      { iss: OIDC_ISSUER, aud: 'workbench-client', iat: seconds() - 7200, exp: seconds() - 60 },
      'oidc-1',
    );
    const expired = await post({ authorization: old });
    assert.equal(expired.status, 401);
    assert.deepEqual(expired.json, {
      errors: [{ errorType: 'UnauthorizedException', message: 'Token has expired.' }],
    });

    // Two seconds past expiry is inside the clock tolerance.
    const justExpired = await mint(
      oidcKey,
      { iss: OIDC_ISSUER, aud: 'workbench-client', iat: seconds() - 3600, exp: seconds() - 2 },
      'oidc-1',
    );
    assert.equal((await post({ authorization: justExpired })).status, 200);
  });

  test('AMAZON_COGNITO_USER_POOLS: ID tokens by aud and access tokens by client_id are accepted', async () => {
    const idToken = await mint(
      cognitoKey,
      { iss: COGNITO_ISSUER, aud: 'cognito-app-client', sub: 'pool-user' },
      'cog-1',
    );
    const id = await post({ authorization: idToken });
    assert.equal(id.status, 200, id.text);
    assert.equal(id.json.data.whoami.authMode, 'AMAZON_COGNITO_USER_POOLS');
    assert.equal(id.json.data.whoami.sub, 'pool-user');

    const accessToken = await mint(
      cognitoKey,
      { iss: COGNITO_ISSUER, client_id: 'cognito-app-client', sub: 'pool-user' },
      'cog-1',
    );
    assert.equal((await post({ authorization: accessToken })).status, 200);

    const wrongApp = await mint(cognitoKey, { iss: COGNITO_ISSUER, aud: 'other-app' }, 'cog-1');
    assert.equal((await post({ authorization: wrongApp })).status, 401);
  });

  test('AWS_LAMBDA: the authorizer sees the operation, its context reaches resolvers, denied fields fail alone', async () => {
    const body = JSON.stringify({
      query:
        'query Mine($n: Int) { whoami { authMode resolverContext } listNotes(limit: $n) { items { id } } adminStats { noteCount } }',
      variables: { n: 1 },
      operationName: 'Mine',
    });
    const reply = await post(
      { authorization: `${sandbox.demo.lambdaToken}-readonly`, 'x-trace': 't-1' },
      body,
    );
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json.data.whoami.authMode, 'AWS_LAMBDA');
    assert.deepEqual(JSON.parse(reply.json.data.whoami.resolverContext), {
      user: 'sandbox-demo',
      plan: 'readonly',
    });
    assert.deepEqual(reply.json.data.listNotes.items, [{ id: 'note-001' }]);
    assert.equal(reply.json.data.adminStats, null);
    assert.deepEqual(
      reply.json.errors.map((e: { errorType: string; message: string }) => [
        e.errorType,
        e.message,
      ]),
      [['Unauthorized', 'Not Authorized to access adminStats on type Query']],
    );

    const event = lambdaEvents.at(-1)!;
    assert.equal(event.authorizationToken, `${sandbox.demo.lambdaToken}-readonly`);
    assert.equal(event.requestContext.operationName, 'Mine');
    assert.deepEqual(event.requestContext.variables, { n: 1 });
    assert.equal(event.requestContext.apiId, sandbox.demo.apiId);
    assert.equal(event.requestHeaders['x-trace'], 't-1');
    assert.equal(event.requestHeaders.authorization, undefined);

    const refused = await post({ authorization: 'not-a-token-the-authorizer-knows' });
    assert.equal(refused.status, 401);
    assert.deepEqual(refused.json, NOT_AUTHORIZED);
  });

  test('a JWT from an issuer the API does not trust goes to the Lambda authorizer, which refuses it', async () => {
    const foreign = await mint(strangerKey, { iss: 'https://elsewhere.test', aud: 'x' }, 'k');
    const before = lambdaEvents.length;
    const reply = await post({ authorization: foreign });
    assert.equal(reply.status, 401);
    assert.equal(lambdaEvents.length, before + 1);
  });
});
