/**
 * The world the credentials tests resolve against: IAM users, roles with trust rules, an MFA
 * device, and the ~/.aws files that use them, served by the local AWS peers over real sockets.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startAwsPeers, type AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import type { StsCall } from '../../../main/sandbox/sts/sts-fixture.ts';
import type { MfaPrompt, Prompter } from '../../../main/core/ports.ts';
import { AppError } from '../../../shared/errors.ts';
import { makeAwsHome, type AwsHome } from '../../support/aws-home.ts';

export const ACCOUNT = '111122223333';
export const MFA_SERIAL = `arn:aws:iam::${ACCOUNT}:mfa/alice`;
export const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

export const ALICE = {
  accessKeyId: 'AKIAALICEEXAMPLE0001',
  secretAccessKey: 'aliceSecretKeyEXAMPLEaliceSecretKeyEXAMP',
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
};
export const BOB = {
  accessKeyId: 'AKIABOBEXAMPLE000002',
  secretAccessKey: 'bobSecretKeyEXAMPLEbobSecretKeyEXAMPLEbo',
  arn: `arn:aws:iam::${ACCOUNT}:user/bob`,
};

/** A clock both the engine and the peers read, moved by the test instead of waiting. */
export class TestClock {
  time = Date.now();
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export const CREDENTIALS = `[keys]
aws_access_key_id = ${ALICE.accessKeyId}
aws_secret_access_key = ${ALICE.secretAccessKey}

[bob]
aws_access_key_id = ${BOB.accessKeyId}
aws_secret_access_key = ${BOB.secretAccessKey}

[wrong-secret]
aws_access_key_id = ${ALICE.accessKeyId}
aws_secret_access_key = notTheRightSecretnotTheRightSecretnotThe

[unknown-key]
aws_access_key_id = AKIANOBODYEXAMPLE999
aws_secret_access_key = ${ALICE.secretAccessKey}
`;

export function config(extra = ''): string {
  return `[profile ops-admin]
role_arn = ${role('admin')}
source_profile = ops-base
role_session_name = ops-admin-session

[profile ops-base]
role_arn = ${role('base')}
source_profile = keys
region = eu-west-1

[profile mfa-top]
role_arn = ${role('audit')}
source_profile = mfa-mid

[profile mfa-mid]
role_arn = ${role('mfa-role')}
source_profile = keys
mfa_serial = ${MFA_SERIAL}

[profile mfa-other]
role_arn = ${role('mfa-role')}
source_profile = keys
mfa_serial = ${MFA_SERIAL}

[profile partner]
role_arn = ${role('partner')}
source_profile = keys
external_id = partner-42
role_session_name = partner-session
duration_seconds = 1800

[profile partner-no-id]
role_arn = ${role('partner')}
source_profile = keys

[profile short]
role_arn = ${role('base')}
source_profile = keys
duration_seconds = 900

[profile locked-top]
role_arn = ${role('locked')}
source_profile = ops-base

[profile from-env]
role_arn = ${role('base')}
credential_source = Environment

[profile loop-a]
role_arn = ${role('base')}
source_profile = loop-b

[profile loop-b]
role_arn = ${role('admin')}
source_profile = loop-a

[profile orphan]
role_arn = ${role('base')}
source_profile = ghost

[profile via-wrong-secret]
role_arn = ${role('base')}
source_profile = wrong-secret

[profile via-unknown-key]
role_arn = ${role('base')}
source_profile = unknown-key
${extra}`;
}

export async function startPeers(clock: { now(): number } = Date): Promise<AwsPeers> {
  return startAwsPeers({
    clock,
    fixture: {
      users: [ALICE, BOB],
      roles: [
        { arn: role('base'), trustedPrincipals: [ALICE.arn] },
        { arn: role('admin'), trustedPrincipals: [role('base')] },
        { arn: role('mfa-role'), trustedPrincipals: [ALICE.arn], mfaSerial: MFA_SERIAL },
        { arn: role('audit'), trustedPrincipals: [role('mfa-role')] },
        {
          arn: role('partner'),
          trustedPrincipals: [ALICE.arn],
          externalId: 'partner-42',
          maxSessionDurationSeconds: 7200,
        },
        { arn: role('locked'), trustedPrincipals: [] },
      ],
      mfaDevices: { [MFA_SERIAL]: ['123456', '234567', '345678'] },
    },
  });
}

export async function awsHome(peers: AwsPeers, extraConfig = ''): Promise<AwsHome> {
  const home = await makeAwsHome({ config: config(extraConfig), credentials: CREDENTIALS });
  await mkdir(join(home.home, 'app-data'), { recursive: true });
  return home;
}

/** The CoreEnvironment variables that point the real SDK at the local peers. */
export function peerEnv(
  peers: AwsPeers,
  extra: Record<string, string> = {},
): Record<string, string> {
  return { AWS_ENDPOINT_URL_STS: peers.url, AWS_ENDPOINT_URL_SSO: peers.url, ...extra };
}

export function stsCalls(peers: AwsPeers): StsCall[] {
  return peers.calls.filter((call): call is StsCall => call.service === 'sts');
}

/** A person at the keyboard who types the given MFA codes in turn (or cancels). */
export class ScriptedPrompter implements Prompter {
  readonly asked: MfaPrompt[] = [];
  readonly #answers: Array<string | 'cancel' | 'wait'>;

  constructor(answers: Array<string | 'cancel' | 'wait'> = []) {
    this.#answers = answers;
  }

  mfaCode(prompt: MfaPrompt, signal?: AbortSignal): Promise<string> {
    this.asked.push(prompt);
    const answer = this.#answers.shift();
    if (answer === undefined)
      return Promise.reject(new Error('The test did not expect an MFA prompt.'));
    if (answer === 'cancel') {
      return Promise.reject(new AppError('PROMPT_CANCELLED', 'The MFA prompt was cancelled.'));
    }
    if (answer === 'wait') {
      return new Promise((_resolve, reject) => {
        signal?.addEventListener('abort', () =>
          reject(new AppError('PROMPT_CANCELLED', 'The MFA prompt was closed.')),
        );
      });
    }
    return Promise.resolve(answer);
  }

  confirm(): Promise<boolean> {
    return Promise.resolve(false);
  }

  showDeviceCode(): void {}
}

export async function writeScript(dir: string, name: string, source: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, source);
  return `"${process.execPath}" "${file}"`;
}
