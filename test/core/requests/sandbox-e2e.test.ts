/**
 * The requests engine against the AppSync sandbox (an independent peer with its own SigV4
 * verifier and JWT checks): every auth mode and its failure cases. The generated curl command,
 * run by curl against the same peer, is in test/cross-check/requests/sandbox-curl.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { RequestService } from '../../../main/core/requests/request-service.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import { jwtIssuer, type JwtIssuer } from '../../support/jwt-issuer.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { StaticCredentialSource } from './support/static-credential-source.ts';

const ISSUER = 'https://issuer.sandbox.test';
const AUDIENCE = 'workbench-client';
const clock = { offset: 0, now: () => Date.now() + clock.offset };

let sandbox: Sandbox;
let service: RequestService;
let credentials: StaticCredentialSource;
let tokens: JwtIssuer;
let tempSession: { accessKeyId: string; secretAccessKey: string; sessionToken: string };
let env: Record<string, string>;
let dataDir: string;

before(async () => {
  tokens = await jwtIssuer(ISSUER, AUDIENCE);
  sandbox = await startSandbox({
    clock,
    jwt: {
      openid: { issuer: ISSUER, clientId: AUDIENCE, keySet: { keys: [tokens.jwk] } },
    },
  });
  const { user } = sandbox.demo;
  tempSession = sandbox.demoRoleSession(900);
  const shortLived = sandbox.demoRoleSession(1);
  credentials = new StaticCredentialSource({
    'sandbox-keys': {
      credentials: [{ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey }],
    },
    'sandbox-role': { credentials: [tempSession] },
    expiring: {
      credentials: [shortLived, tempSession],
    },
    wrong: {
      credentials: [
        {
          accessKeyId: user.accessKeyId,
          secretAccessKey: 'wrong/secret/value/000000000000000000000',
        },
      ],
    },
  });
  dataDir = await makeTempDir('sandbox-e2e');
  env = {
    SANDBOX_API_KEY: sandbox.apiKey,
    LAMBDA_TOKEN: sandbox.demo.lambdaToken,
    ID_TOKEN: await tokens.sign(),
    WRONG_AUD_TOKEN: await tokens.sign({ audience: 'someone-else' }),
    BAD_SIG_TOKEN: `${(await tokens.sign()).slice(0, -6)}AAAAAA`,
  };
  service = new RequestService({
    environment: { env, homeDir: dataDir, dataDir },
    credentials,
    vault: new FileVault(dataDir),
    clock,
  });
});

after(async () => {
  await service.transport.close();
  await sandbox.close();
});

const WHOAMI = 'query Who { whoami { authMode arn sub } }';
const iam = (profile: string) => ({
  url: sandbox.graphqlUrl,
  auth: { type: 'AWS_IAM' as const, profile, region: 'us-east-1' },
});
const withSecret = (type: 'API_KEY' | 'OPENID_CONNECT' | 'AWS_LAMBDA', variable: string) => ({
  url: sandbox.graphqlUrl,
  auth: { type, source: { from: 'env' as const, variable } },
});

describe('against the AppSync sandbox', () => {
  test('IAM with static keys and with a role session', async () => {
    const keys = await service.run({ ...iam('sandbox-keys'), query: WHOAMI });
    assert.equal(keys.status, 200, JSON.stringify(keys.body));
    assert.equal(
      (keys.body as { data: { whoami: { arn: string } } }).data.whoami.arn,
      sandbox.demo.user.arn,
    );
    const role = await service.run({ ...iam('sandbox-role'), query: WHOAMI });
    assert.equal(role.status, 200, JSON.stringify(role.body));
    assert.ok(!JSON.stringify(role).includes(tempSession.sessionToken));
  });

  test('API key, OIDC JWT and Lambda token', async () => {
    for (const [type, variable] of [
      ['API_KEY', 'SANDBOX_API_KEY'],
      ['OPENID_CONNECT', 'ID_TOKEN'],
      ['AWS_LAMBDA', 'LAMBDA_TOKEN'],
    ] as const) {
      const result = await service.run({ ...withSecret(type, variable), query: WHOAMI });
      assert.equal(result.status, 200, `${type}: ${JSON.stringify(result.body)}`);
      assert.equal(
        (result.body as { data: { whoami: { authMode: string } } }).data.whoami.authMode,
        type,
      );
    }
  });

  test('a wrong secret, a bad JWT signature, a wrong audience are refused and explained', async () => {
    const wrong = await service.run({ ...iam('wrong'), query: WHOAMI });
    assert.equal(wrong.diagnosis?.code, 'SIGNATURE_MISMATCH');
    assert.equal(wrong.diagnosis?.signedCanonicalRequest, wrong.diagnosis?.serverCanonicalRequest);
    for (const variable of ['BAD_SIG_TOKEN', 'WRONG_AUD_TOKEN']) {
      const result = await service.run({
        ...withSecret('OPENID_CONNECT', variable),
        query: WHOAMI,
      });
      assert.equal(result.status, 401, variable);
      assert.equal(result.diagnosis?.code, 'UNAUTHORIZED');
    }
  });

  test('an expired session token is refreshed and the request retried once', async () => {
    clock.offset = 5_000; // the 1-second session has expired on the sandbox's clock
    try {
      const result = await service.run({ ...iam('expiring'), query: WHOAMI });
      assert.equal(result.status, 200, JSON.stringify(result.body));
      assert.equal(result.retried, true);
    } finally {
      clock.offset = 0;
    }
  });

  test('a skewed clock is measured from the Date header', async () => {
    const skewed = new RequestService({
      environment: { env, homeDir: '/nonexistent', dataDir: '/nonexistent' },
      credentials,
      vault: new FileVault(await makeTempDir('skew')),
      clock: { now: () => Date.now() + 20 * 60_000 },
    });
    try {
      const result = await skewed.run({ ...iam('sandbox-keys'), query: WHOAMI });
      assert.equal(result.diagnosis?.code, 'CLOCK_SKEW', JSON.stringify(result.body));
      assert.ok(Math.abs((result.diagnosis?.skewMs ?? 0) + 20 * 60_000) < 5_000);
    } finally {
      await skewed.transport.close();
    }
  });

  test('a GraphQL error carries its errorType', async () => {
    const result = await service.run({
      ...iam('sandbox-keys'),
      query: '{ fail(errorType: "Demo:Boom", message: "no") }',
    });
    assert.equal(result.errors[0]?.errorType, 'Demo:Boom');
  });
});
