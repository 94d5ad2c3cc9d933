/**
 * An `aws login` (login_session) profile, a role over it, and the session cache file the AWS CLI
 * leaves: shared by the login-session tests and the botocore cross-check
 * (test/cross-check/credentials/login-session-botocore.test.ts).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CredentialsService } from '../../../main/core/credentials/credentials-service.ts';
import { loginCacheFile } from '../../../main/core/credentials/login-session.ts';
import type { AwsPeers } from '../../../main/sandbox/aws-peers.ts';
import type { SandboxIdentity } from '../../../main/sandbox/identity-store.ts';
import type { AwsHome } from '../../support/aws-home.ts';
import { ALICE, ScriptedPrompter, awsHome, peerEnv, role } from './credential-fixtures.ts';

export const SESSION = 'arn:aws:iam::111122223333:user/alice';

export const LOGIN_PROFILES = `
[profile signed-in]
login_session = ${SESSION}
region = eu-west-1

[profile over-login]
role_arn = ${role('base')}
source_profile = signed-in
role_session_name = over-login
`;

/** What `aws login` leaves in the cache: a console session of alice's, plus refresh material. */
async function writeLoginCache(home: AwsHome, session: SandboxIdentity, expiresAt: number) {
  const file = loginCacheFile(SESSION, { env: {}, homeDir: home.home, dataDir: '' });
  await mkdir(dirname(file), { recursive: true });
  await writeFile(
    file,
    JSON.stringify({
      accessToken: {
        accessKeyId: session.accessKeyId,
        secretAccessKey: session.secretAccessKey,
        sessionToken: session.sessionToken,
        accountId: session.accountId,
        expiresAt: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
      tokenType: 'aws_sigv4',
      clientId: 'arn:aws:signin:::devtools/same-device',
      refreshToken: 'refresh-token-not-used-here',
      idToken: 'id-token-not-used-here',
      dpopKey: '-----BEGIN EC PRIVATE KEY-----\nnot-used-here\n-----END EC PRIVATE KEY-----\n',
    }),
  );
  return file;
}

/**
 * A HOME with the login profiles, alice's session in the cache file (it expires in
 * `expiresInMs`), and the engine over them.
 */
export async function loginWorld(peers: AwsPeers, expiresInMs: number) {
  const home = await awsHome(peers, LOGIN_PROFILES);
  const session = peers.identities.issueSession(
    { arn: ALICE.arn, accountId: '111122223333', userId: 'AIDAALICE', kind: 'user' },
    3600,
  );
  const file = await writeLoginCache(home, session, Date.now() + expiresInMs);
  const credentials = new CredentialsService({
    environment: home.environment(peerEnv(peers)),
    prompter: new ScriptedPrompter(),
  });
  return { home, session, file, credentials };
}
