import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import { CredentialsService } from '../../../main/core/credentials/credentials-service.ts';
import { watchAwsFiles } from '../../../main/core/profiles/aws-files-watcher.ts';
import type { CredentialFailureDTO } from '../../../shared/credentials.ts';
import { AppError } from '../../../shared/errors.ts';
import {
  ACCOUNT,
  ALICE,
  BOB,
  CREDENTIALS,
  MFA_SERIAL,
  ScriptedPrompter,
  TestClock,
  awsHome,
  peerEnv,
  role,
  startPeers,
  stsCalls,
} from './credential-fixtures.ts';

function failsWith(code: string, check?: (details: CredentialFailureDTO, error: AppError) => void) {
  return (error: unknown) => {
    assert.ok(error instanceof AppError, `expected an AppError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    check?.(error.details as CredentialFailureDTO, error);
    return true;
  };
}

describe('credentials service against the local STS', () => {
  const clock = new TestClock();
  let peers: AwsPeers;

  before(async () => {
    peers = await startPeers(clock);
  });
  after(() => peers.close());

  async function service(prompter = new ScriptedPrompter(), env: Record<string, string> = {}) {
    const home = await awsHome(peers);
    const credentials = new CredentialsService({
      environment: home.environment(peerEnv(peers, env)),
      prompter,
      clock,
    });
    return { home, credentials, prompter, mark: peers.calls.length };
  }
  const callsSince = (mark: number) => stsCalls({ ...peers, calls: peers.calls.slice(mark) });

  test('static keys resolve without any STS call and identify as the user', async () => {
    const { credentials, mark } = await service();
    const keys = await credentials.resolve('keys');
    assert.equal(keys.accessKeyId, ALICE.accessKeyId);
    assert.equal(callsSince(mark).length, 0);
    const who = await credentials.identity('keys');
    assert.deepEqual(
      { account: who.account, arn: who.arn, expiresAt: who.expiresAt },
      { account: ACCOUNT, arn: ALICE.arn, expiresAt: null },
    );
  });

  test('a cold 3-hop chain costs exactly 3 STS calls, each signed by the hop below', async () => {
    const { credentials, mark } = await service();
    const who = await credentials.identity('ops-admin');
    const calls = callsSince(mark);
    assert.deepEqual(
      calls.map((c) => [c.action, c.callerArn, c.roleArn, c.outcome]),
      [
        ['AssumeRole', ALICE.arn, role('base'), 'ok'],
        [
          'AssumeRole',
          calls[0]?.roleArn &&
            `arn:aws:sts::${ACCOUNT}:assumed-role/base/${calls[0].roleSessionName}`,
          role('admin'),
          'ok',
        ],
        ['GetCallerIdentity', who.arn, undefined, 'ok'],
      ],
    );
    assert.equal(calls[1]?.roleSessionName, 'ops-admin-session');
    assert.equal(who.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/admin/ops-admin-session`);
    assert.ok(who.expiresAt && who.expiresAt > clock.now());
    // Warm: the same credentials and identity, not one more call.
    await credentials.resolve('ops-admin');
    await credentials.identity('ops-admin');
    assert.equal(callsSince(mark).length, 3);
  });

  test('credential_source = Environment signs the AssumeRole with the environment keys', async () => {
    const { credentials, mark } = await service(undefined, {
      AWS_ACCESS_KEY_ID: BOB.accessKeyId,
      AWS_SECRET_ACCESS_KEY: BOB.secretAccessKey,
    });
    // base trusts alice only: bob's signature reaches STS and is refused, naming the hop.
    await assert.rejects(
      credentials.resolve('from-env'),
      failsWith('ASSUME_ROLE_DENIED', (details) => {
        assert.equal(details.hop?.profile, 'from-env');
        assert.equal(details.awsCode, 'AccessDenied');
      }),
    );
    assert.equal(callsSince(mark)[0]?.callerArn, BOB.arn);
    const withAlice = await service(undefined, {
      AWS_ACCESS_KEY_ID: ALICE.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey,
    });
    const who = await withAlice.credentials.identity('from-env');
    assert.match(who.arn, /assumed-role\/base\//);
    assert.equal(callsSince(withAlice.mark)[0]?.callerArn, ALICE.arn);
  });

  test('MFA on a middle hop: asked once, naming profile, role and device; warm asks nothing', async () => {
    const { credentials, prompter, mark } = await service(new ScriptedPrompter(['123456']));
    const who = await credentials.identity('mfa-top');
    assert.match(who.arn, /assumed-role\/audit\//);
    assert.deepEqual(prompter.asked, [
      { profile: 'mfa-top', roleArn: role('mfa-role'), serial: MFA_SERIAL },
    ]);
    const assumed = callsSince(mark).filter((c) => c.action === 'AssumeRole');
    assert.deepEqual(
      assumed.map((c) => [c.roleArn, c.serialNumber, c.tokenCode]),
      [
        [role('mfa-role'), MFA_SERIAL, '123456'],
        [role('audit'), undefined, undefined],
      ],
    );
    await credentials.resolve('mfa-top');
    // Another profile over the same MFA role reuses the session: still one question.
    await credentials.resolve('mfa-other');
    assert.equal(prompter.asked.length, 1);
  });

  test('a cancelled MFA prompt cancels cleanly, before any STS call', async () => {
    const { credentials, mark } = await service(new ScriptedPrompter(['cancel']));
    await assert.rejects(credentials.resolve('mfa-top'), failsWith('PROMPT_CANCELLED'));
    assert.equal(callsSince(mark).length, 0);
  });

  test('an aborted resolution stops the MFA question and says CANCELLED', async () => {
    const { credentials, mark } = await service(new ScriptedPrompter(['wait']));
    const controller = new AbortController();
    const pending = credentials.resolve('mfa-mid', { signal: controller.signal });
    setImmediate(() => controller.abort());
    await assert.rejects(pending, failsWith('CANCELLED'));
    assert.equal(callsSince(mark).length, 0);
  });

  test('a TOTP code is never sent twice, even after "forget"', async () => {
    const { credentials, prompter, mark } = await service(
      new ScriptedPrompter(['234567', '234567', '345678']),
    );
    await credentials.resolve('mfa-mid');
    credentials.forget('mfa-mid');
    await assert.rejects(credentials.resolve('mfa-mid'), failsWith('MFA_REQUIRED'));
    await credentials.resolve('mfa-mid');
    assert.equal(prompter.asked.length, 3);
    assert.deepEqual(
      callsSince(mark).map((c) => [c.tokenCode, c.outcome]),
      [
        ['234567', 'ok'],
        ['345678', 'ok'],
      ],
    );
  });

  test('external id, session name and duration reach STS as configured', async () => {
    const { credentials, mark } = await service();
    const keys = await credentials.resolve('partner');
    const [call] = callsSince(mark);
    assert.deepEqual(
      [call?.externalId, call?.roleSessionName, call?.durationSeconds, call?.outcome],
      ['partner-42', 'partner-session', 1800, 'ok'],
    );
    assert.equal(keys.expiration?.getTime(), Math.floor((clock.now() + 1800_000) / 1000) * 1000);
    await assert.rejects(
      credentials.resolve('partner-no-id'),
      failsWith('ASSUME_ROLE_DENIED', (details) => {
        assert.equal(details.hop?.roleArn, role('partner'));
        assert.match(details.next, /external_id/);
      }),
    );
  });

  test('cycles and missing sources fail before any network call, naming the profile', async () => {
    const { credentials, mark } = await service();
    await assert.rejects(
      credentials.resolve('loop-a'),
      failsWith('PROFILE_CHAIN_INVALID', (details, error) => {
        assert.match(error.message, /loop-a → loop-b → loop-a/);
        assert.equal(details.hop?.profile, 'loop-b');
      }),
    );
    await assert.rejects(
      credentials.resolve('orphan'),
      failsWith('PROFILE_CHAIN_INVALID', (details, error) => {
        assert.match(error.message, /"ghost", which does not exist/);
        assert.equal(details.hop?.profile, 'orphan');
      }),
    );
    await assert.rejects(credentials.resolve('nobody'), failsWith('PROFILE_NOT_FOUND'));
    const chain = await credentials.chain('loop-a');
    assert.deepEqual(
      chain.hops.map((h) => h.profile),
      ['loop-a', 'loop-b'],
    );
    assert.match(chain.problem ?? '', /loops back/);
    assert.equal(callsSince(mark).length, 0);
  });

  test('the chain as data: hops, roles, sources, MFA and regions', async () => {
    const { credentials } = await service();
    const chain = await credentials.chain('mfa-top');
    assert.deepEqual(
      chain.hops.map((h) => [h.profile, h.kind, h.roleArn, h.source, h.mfaSerial]),
      [
        ['mfa-top', 'assume-role', role('audit'), 'mfa-mid', null],
        ['mfa-mid', 'assume-role', role('mfa-role'), 'keys', MFA_SERIAL],
        ['keys', 'static', null, null, null],
      ],
    );
    const partner = await credentials.chain('partner');
    assert.equal(partner.hops[0]?.externalId, 'partner-42');
    assert.equal((await credentials.chain('ops-admin')).hops[1]?.region, 'eu-west-1');
    assert.equal((await credentials.chain('from-env')).hops[0]?.source, 'Environment');
    assert.ok(
      !JSON.stringify(await credentials.chain('ops-admin')).includes(ALICE.secretAccessKey),
    );
  });

  test('AccessDenied on a hop names that hop, its role and who signed', async () => {
    const { credentials } = await service();
    await assert.rejects(
      credentials.resolve('locked-top'),
      failsWith('ASSUME_ROLE_DENIED', (details, error) => {
        assert.deepEqual(
          [details.hop?.profile, details.hop?.roleArn, details.hopIndex, details.hopCount],
          ['locked-top', role('locked'), 1, 3],
        );
        assert.match(details.awsMessage ?? '', /not authorized to perform: sts:AssumeRole/);
        assert.match(error.message, /profile "locked-top", role .*locked/);
        assert.match(details.next, /trust policy .* lets profile "ops-base"/);
        // What to do is said once, in `next`: every surface shows the message and then it.
        assert.ok(!error.message.includes(details.next), 'the message repeats the advice');
      }),
    );
  });

  test('a wrong secret and an unknown key are told apart, and no secret is echoed', async () => {
    const { credentials } = await service();
    await assert.rejects(
      credentials.resolve('via-wrong-secret'),
      failsWith('INVALID_CLIENT_TOKEN', (details, error) => {
        assert.equal(details.awsCode, 'SignatureDoesNotMatch');
        assert.match(details.next, /secret key of profile "wrong-secret"/);
        assert.ok(!JSON.stringify({ m: error.message, details }).includes('notTheRightSecret'));
      }),
    );
    await assert.rejects(
      credentials.resolve('via-unknown-key'),
      failsWith('INVALID_CLIENT_TOKEN', (details) =>
        assert.equal(details.awsCode, 'InvalidClientTokenId'),
      ),
    );
  });

  test('credentials are refreshed 5 minutes before they expire, not earlier', async () => {
    const { credentials, mark } = await service();
    const first = await credentials.resolve('short'); // 900 s session
    clock.advance(9 * 60_000 + 59_000);
    assert.equal(await credentials.resolve('short'), first);
    assert.equal(callsSince(mark).length, 1);
    clock.advance(2_000);
    const second = await credentials.resolve('short');
    assert.notEqual(second.accessKeyId, first.accessKeyId);
    assert.equal(callsSince(mark).length, 2);
  });

  test('an expired session is replaced transparently and the new one works', async () => {
    const { credentials, mark } = await service();
    const first = await credentials.identity('short');
    clock.advance(16 * 60_000);
    const second = await credentials.identity('short');
    assert.notEqual(second.expiresAt, first.expiresAt);
    assert.deepEqual(
      callsSince(mark).map((c) => [c.action, c.outcome]),
      [
        ['AssumeRole', 'ok'],
        ['GetCallerIdentity', 'ok'],
        ['AssumeRole', 'ok'],
        ['GetCallerIdentity', 'ok'],
      ],
    );
  });

  test('concurrent resolutions of one profile share one AssumeRole per hop', async () => {
    const { credentials, mark } = await service();
    const all = await Promise.all(
      Array.from({ length: 8 }, () => credentials.resolve('ops-admin')),
    );
    assert.ok(all.every((c) => c === all[0]));
    assert.equal(callsSince(mark).filter((c) => c.action === 'AssumeRole').length, 2);
  });

  test('forget() drops cached credentials: the next resolve calls STS again', async () => {
    const { credentials, mark } = await service();
    await credentials.resolve('ops-base');
    await credentials.resolve('partner');
    credentials.forget('ops-base');
    await credentials.resolve('ops-base');
    await credentials.resolve('partner');
    assert.equal(callsSince(mark).length, 3);
    credentials.forget();
    await credentials.resolve('partner');
    assert.equal(callsSince(mark).length, 4);
  });

  test('an edit to ~/.aws is picked up without a restart', async () => {
    const { credentials, home } = await service();
    const files = watchAwsFiles(home.environment());
    const stop = credentials.watch(files);
    try {
      assert.equal((await credentials.identity('keys')).arn, ALICE.arn);
      await writeFile(
        home.credentialsFile,
        CREDENTIALS.replace(
          `[keys]\naws_access_key_id = ${ALICE.accessKeyId}\naws_secret_access_key = ${ALICE.secretAccessKey}`,
          `[keys]\naws_access_key_id = ${BOB.accessKeyId}\naws_secret_access_key = ${BOB.secretAccessKey}`,
        ),
      );
      const deadline = Date.now() + 3000;
      let arn = '';
      while (Date.now() < deadline) {
        arn = (await credentials.identity('keys')).arn;
        if (arn === BOB.arn) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(arn, BOB.arn);
    } finally {
      stop();
      files.close();
    }
  });

  test('a terminal export: shell lines with the profile’s region and expiry, or credential_process JSON', async () => {
    const { credentials } = await service();
    const role = await credentials.terminalExport('ops-base', 'bash');
    const resolved = await credentials.resolve('ops-base');
    assert.match(
      role.text,
      new RegExp(`^export AWS_ACCESS_KEY_ID='${resolved.accessKeyId}'$`, 'm'),
    );
    assert.match(role.text, /^export AWS_SESSION_TOKEN=/m);
    assert.match(role.text, /^export AWS_REGION='eu-west-1'$/m);
    assert.equal(role.expiresAt, resolved.expiration?.getTime());
    assert.ok(role.expiresAt && role.expiresAt > clock.now());

    const keys = await credentials.terminalExport('keys', 'credential-process');
    const json = JSON.parse(keys.text) as Record<string, unknown>;
    assert.equal(json.AccessKeyId, ALICE.accessKeyId);
    assert.equal(json.Version, 1);
    assert.equal(keys.expiresAt, null);
  });

  test('region: AWS_REGION, then AWS_DEFAULT_REGION, then the profile', async () => {
    const { credentials } = await service();
    assert.equal(await credentials.region('ops-base'), 'eu-west-1');
    assert.equal(await credentials.region('keys'), null);
    const env = await service(undefined, { AWS_DEFAULT_REGION: 'sa-east-1' });
    assert.equal(await env.credentials.region('ops-base'), 'sa-east-1');
    const both = await service(undefined, {
      AWS_DEFAULT_REGION: 'sa-east-1',
      AWS_REGION: 'ap-south-1',
    });
    assert.equal(await both.credentials.region('ops-base'), 'ap-south-1');
  });
});
