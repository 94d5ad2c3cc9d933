/**
 * AssumeRoleWithWebIdentity: unsigned, the JWT is the credential. Verified against the
 * provider's JWKS for issuer, audience and expiry, with STS's error codes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  AssumeRoleWithWebIdentityCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { startAwsPeers, type AwsPeers } from '../../../main/sandbox/aws-peers.ts';

const ROLE = 'arn:aws:iam::555555555555:role/ci-deployer';
const ISSUER = 'https://oidc.ci.example.test';
let peers: AwsPeers;
let key: CryptoKey;
let otherKey: CryptoKey;

before(async () => {
  const pair = await generateKeyPair('RS256');
  key = pair.privateKey;
  otherKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
  peers = await startAwsPeers({
    fixture: {
      roles: [
        {
          arn: ROLE,
          webIdentity: { issuer: ISSUER, audience: 'sts.amazonaws.com', jwks: { keys: [jwk] } },
        },
      ],
    },
  });
});
after(() => peers.close());

function jwt(
  claims: { aud?: string; iss?: string; exp?: number },
  signingKey = key,
): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject('repo:acme/app:ref:refs/heads/main')
    .setIssuer(claims.iss ?? ISSUER)
    .setAudience(claims.aud ?? 'sts.amazonaws.com')
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '10m')
    .sign(signingKey);
}

// No credentials at all: the SDK must not sign this call.
const client = () =>
  new STSClient({
    endpoint: `${peers.url}`,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
  });

async function assume(token: string) {
  return client().send(
    new AssumeRoleWithWebIdentityCommand({
      RoleArn: ROLE,
      RoleSessionName: 'ci-run-1',
      WebIdentityToken: token,
    }),
  );
}

async function refusal(token: string): Promise<string> {
  try {
    await assume(token);
  } catch (error) {
    return `${(error as Error).name}: ${(error as Error).message}`;
  }
  assert.fail('expected a refusal');
}

test('a valid token yields a session of the role, usable for signed calls', async () => {
  const out = await assume(await jwt({}));
  assert.equal(
    out.AssumedRoleUser?.Arn,
    'arn:aws:sts::555555555555:assumed-role/ci-deployer/ci-run-1',
  );
  assert.equal(out.SubjectFromWebIdentityToken, 'repo:acme/app:ref:refs/heads/main');
  assert.equal(out.Provider, 'oidc.ci.example.test');
  assert.equal(out.Audience, 'sts.amazonaws.com');
  const c = out.Credentials!;
  const who = await new STSClient({
    endpoint: peers.url,
    region: 'us-east-1',
    credentials: {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    },
  }).send(new GetCallerIdentityCommand({}));
  assert.equal(who.Arn, out.AssumedRoleUser?.Arn);
  assert.equal(peers.calls[0]?.action, 'AssumeRoleWithWebIdentity');
  assert.equal('signerAccessKeyId' in peers.calls[0]!, false, 'the call was not signed');
});

test('wrong audience, foreign issuer, bad signature and expiry are refused like STS does', async () => {
  assert.equal(
    await refusal(await jwt({ aud: 'someone-else' })),
    'InvalidIdentityTokenException: Incorrect token audience',
  );
  assert.match(
    await refusal(await jwt({ iss: 'https://evil.example.test' })),
    /^InvalidIdentityTokenException: No OpenIDConnect provider found/,
  );
  assert.match(await refusal(await jwt({}, otherKey)), /^InvalidIdentityTokenException: /);
  const past = Math.floor(Date.now() / 1000) - 60;
  assert.match(
    await refusal(await jwt({ exp: past })),
    /^ExpiredTokenException: Token expired: current date\/time \d+ must be before the expiration date\/time\d+$/,
  );
});
