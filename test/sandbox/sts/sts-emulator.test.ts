/**
 * The local STS against the real @aws-sdk/client-sts over a real socket: trust rules, MFA,
 * external ids, durations and expiry behave as on AWS, and every call is on record.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GetCallerIdentityCommand, STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import {
  startAwsPeers,
  type AwsPeers,
  type AwsPeersFixture,
} from '../../../main/sandbox/aws-peers.ts';
import type { StsCall } from '../../../main/sandbox/sts/sts-fixture.ts';

const ALICE = { accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'alice-secret-key/EXAMPLE' };
const BOB = { accessKeyId: 'AKIABOB0000000000001', secretAccessKey: 'bob-secret-key/EXAMPLE' };
const MFA = 'arn:aws:iam::111111111111:mfa/alice';
const BASE = 'arn:aws:iam::222222222222:role/ops-base';
const ADMIN = 'arn:aws:iam::333333333333:role/team/ops-admin';
const PROD = 'arn:aws:iam::444444444444:role/prod-readonly';

const fixture: AwsPeersFixture = {
  users: [
    { ...ALICE, arn: 'arn:aws:iam::111111111111:user/alice' },
    { ...BOB, arn: 'arn:aws:iam::111111111111:user/bob' },
  ],
  roles: [
    {
      arn: BASE,
      trustedPrincipals: ['arn:aws:iam::111111111111:user/alice'],
      maxSessionDurationSeconds: 7200,
    },
    { arn: ADMIN, trustedPrincipals: [BASE], mfaSerial: MFA },
    {
      arn: PROD,
      trustedPrincipals: ['arn:aws:iam::333333333333:role/ops-admin'],
      externalId: 'ext-123',
    },
  ],
  mfaDevices: { [MFA]: ['123456', '234567', '345678'] },
};

let offset = 0;
const clock = { now: () => Date.now() + offset };
let peers: AwsPeers;

before(async () => {
  peers = await startAwsPeers({ fixture, clock });
});
after(() => peers.close());

type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
// The SDK signs with its own clock shifted like the emulator's, as a machine with a correct clock would.
const sts = (credentials: Creds) =>
  new STSClient({
    endpoint: peers.url,
    region: 'us-east-1',
    credentials,
    maxAttempts: 1,
    systemClockOffset: offset,
  });

async function assume(
  credentials: Creds,
  input: Omit<ConstructorParameters<typeof AssumeRoleCommand>[0], 'RoleSessionName'> & {
    RoleSessionName?: string;
  },
) {
  const out = await sts(credentials).send(
    new AssumeRoleCommand({ RoleSessionName: 'test-session', ...input }),
  );
  const c = out.Credentials!;
  return {
    out,
    creds: {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretAccessKey!,
      sessionToken: c.SessionToken!,
    },
  };
}

async function refusal(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  assert.fail('expected the call to be refused');
}

const lastCall = () => peers.calls.at(-1) as StsCall;

describe('STS emulator with the real SDK', () => {
  test('AssumeRole, then GetCallerIdentity with the new credentials returns the assumed-role ARN', async () => {
    const before = Date.now();
    const { out, creds } = await assume(ALICE, {
      RoleArn: BASE,
      RoleSessionName: 'alice-ops',
      DurationSeconds: 5400,
    });
    assert.match(creds.accessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(
      out.AssumedRoleUser?.Arn,
      'arn:aws:sts::222222222222:assumed-role/ops-base/alice-ops',
    );
    const lifetime = out.Credentials!.Expiration!.getTime() - before;
    assert.ok(lifetime > 5398_000 && lifetime <= 5401_000, `lifetime ${lifetime}`);
    assert.deepEqual(
      { ...lastCall(), at: 0 },
      {
        service: 'sts',
        action: 'AssumeRole',
        at: 0,
        roleArn: BASE,
        roleSessionName: 'alice-ops',
        signerAccessKeyId: ALICE.accessKeyId,
        callerArn: 'arn:aws:iam::111111111111:user/alice',
        durationSeconds: 5400,
        outcome: 'ok',
        issuedAccessKeyId: creds.accessKeyId,
      },
    );
    const who = await sts(creds).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:sts::222222222222:assumed-role/ops-base/alice-ops');
    assert.equal(who.Account, '222222222222');
    assert.match(who.UserId ?? '', /^AROA[A-Z2-7]{17}:alice-ops$/);
  });

  test('a wrong secret surfaces as SignatureDoesNotMatch', async () => {
    const e = await refusal(
      sts({ ...ALICE, secretAccessKey: 'wrong' }).send(new GetCallerIdentityCommand({})),
    );
    assert.equal(e.name, 'SignatureDoesNotMatch');
    assert.equal(e.status, 403);
    assert.match(
      e.message,
      /^The request signature we calculated does not match the signature you provided/,
    );
  });

  test('an unknown access key surfaces as InvalidClientTokenId', async () => {
    const e = await refusal(
      sts({ accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: 'x' }).send(
        new GetCallerIdentityCommand({}),
      ),
    );
    assert.deepEqual(e, {
      name: 'InvalidClientTokenId',
      message: 'The security token included in the request is invalid.',
      status: 403,
    });
  });

  test('a 3-hop chain by hand: each hop is signed by the previous hop, MFA on the middle one, external id on the last', async () => {
    const start = peers.calls.length;
    const hop1 = await assume(ALICE, { RoleArn: BASE });
    const hop2 = await assume(hop1.creds, {
      RoleArn: ADMIN,
      SerialNumber: MFA,
      TokenCode: '123456',
    });
    const hop3 = await assume(hop2.creds, {
      RoleArn: PROD,
      ExternalId: 'ext-123',
      DurationSeconds: 900,
    });
    const who = await sts(hop3.creds).send(new GetCallerIdentityCommand({}));
    assert.equal(who.Arn, 'arn:aws:sts::444444444444:assumed-role/prod-readonly/test-session');
    const seen = (peers.calls.slice(start) as StsCall[]).map((c) => [
      c.action,
      c.roleArn,
      c.signerAccessKeyId,
      c.serialNumber,
      c.tokenCode,
      c.externalId,
    ]);
    assert.deepEqual(seen, [
      ['AssumeRole', BASE, ALICE.accessKeyId, undefined, undefined, undefined],
      ['AssumeRole', ADMIN, hop1.creds.accessKeyId, MFA, '123456', undefined],
      ['AssumeRole', PROD, hop2.creds.accessKeyId, undefined, undefined, 'ext-123'],
      ['GetCallerIdentity', undefined, hop3.creds.accessKeyId, undefined, undefined, undefined],
    ]);
  });

  test('an MFA code is accepted once; the replay is refused', async () => {
    const hop1 = await assume(ALICE, { RoleArn: BASE });
    await assume(hop1.creds, { RoleArn: ADMIN, SerialNumber: MFA, TokenCode: '234567' });
    const e = await refusal(
      assume(hop1.creds, { RoleArn: ADMIN, SerialNumber: MFA, TokenCode: '234567' }),
    );
    assert.equal(e.name, 'AccessDenied');
    assert.match(e.message, /MultiFactorAuthentication failed with invalid MFA one time pass code/);
    assert.equal(lastCall().reason, 'MFA replayed');
    const wrong = await refusal(
      assume(hop1.creds, { RoleArn: ADMIN, SerialNumber: MFA, TokenCode: '000000' }),
    );
    assert.equal(wrong.name, 'AccessDenied');
    const none = await refusal(assume(hop1.creds, { RoleArn: ADMIN }));
    assert.equal(
      none.message,
      `User: arn:aws:sts::222222222222:assumed-role/ops-base/test-session is not authorized to perform: sts:AssumeRole on resource: ${ADMIN}`,
    );
    assert.equal(lastCall().reason, 'MFA required');
  });

  test('trust policy, external id and duration limits', async () => {
    const untrusted = await refusal(assume(BOB, { RoleArn: BASE }));
    assert.deepEqual(untrusted, {
      name: 'AccessDenied',
      status: 403,
      message: `User: arn:aws:iam::111111111111:user/bob is not authorized to perform: sts:AssumeRole on resource: ${BASE}`,
    });
    const hop1 = await assume(ALICE, { RoleArn: BASE });
    const hop2 = await assume(hop1.creds, {
      RoleArn: ADMIN,
      SerialNumber: MFA,
      TokenCode: '345678',
    });
    const noExternal = await refusal(assume(hop2.creds, { RoleArn: PROD }));
    assert.equal(noExternal.name, 'AccessDenied');
    assert.equal(lastCall().reason, 'external id missing');
    const wrongExternal = await refusal(assume(hop2.creds, { RoleArn: PROD, ExternalId: 'nope' }));
    assert.equal(lastCall().reason, 'external id wrong');
    assert.equal(wrongExternal.name, 'AccessDenied');
    const chained = await refusal(
      assume(hop2.creds, { RoleArn: PROD, ExternalId: 'ext-123', DurationSeconds: 7200 }),
    );
    assert.deepEqual(chained, {
      name: 'ValidationError',
      status: 400,
      message:
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    });
    const tooLong = await refusal(assume(ALICE, { RoleArn: BASE, DurationSeconds: 7201 }));
    assert.equal(
      tooLong.message,
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
    const tooShort = await refusal(assume(ALICE, { RoleArn: BASE, DurationSeconds: 60 }));
    assert.equal(tooShort.name, 'ValidationError');
    const badName = await refusal(assume(ALICE, { RoleArn: BASE, RoleSessionName: 'has space' }));
    assert.equal(badName.name, 'ValidationError');
    const ok = await assume(ALICE, { RoleArn: BASE });
    assert.equal(lastCall().durationSeconds, 3600, 'DurationSeconds defaults to one hour');
    assert.ok(ok.creds.sessionToken);
  });

  test('a session used after it expires gets ExpiredToken', async () => {
    const { creds } = await assume(ALICE, { RoleArn: BASE, DurationSeconds: 900 });
    try {
      offset = 899_000;
      await sts(creds).send(new GetCallerIdentityCommand({}));
      offset = 901_000;
      const e = await refusal(sts(creds).send(new GetCallerIdentityCommand({})));
      assert.deepEqual(e, {
        name: 'ExpiredToken',
        status: 403,
        message: 'The security token included in the request is expired',
      });
    } finally {
      offset = 0;
    }
  });

  test('AWS_ENDPOINT_URL_STS points a client without an explicit endpoint at the emulator', async () => {
    process.env.AWS_ENDPOINT_URL_STS = peers.url;
    try {
      const client = new STSClient({ region: 'eu-west-1', credentials: ALICE, maxAttempts: 1 });
      const who = await client.send(new GetCallerIdentityCommand({}));
      assert.equal(who.Arn, 'arn:aws:iam::111111111111:user/alice');
    } finally {
      delete process.env.AWS_ENDPOINT_URL_STS;
    }
  });
});
