import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { awsFilePaths, loadAwsFiles } from '../../../main/core/profiles/aws-files.ts';
import { buildProfiles } from '../../../main/core/profiles/profile-model.ts';
import type { ProfileDTO } from '../../../shared/profiles.ts';
import { makeAwsHome } from '../../support/aws-home.ts';

async function profilesFrom(config: string, credentials = ''): Promise<Map<string, ProfileDTO>> {
  const home = await makeAwsHome({ config, credentials });
  const files = await loadAwsFiles(awsFilePaths(home.environment()));
  return new Map(buildProfiles(files.config, files.credentials).map((p) => [p.name, p]));
}

function get(profiles: Map<string, ProfileDTO>, name: string): ProfileDTO {
  const profile = profiles.get(name);
  assert.ok(profile, `profile ${name} is listed (got ${[...profiles.keys()].join(', ')})`);
  return profile;
}

describe('profile model', () => {
  test('classifies every kind of profile the AWS SDK resolves', async () => {
    const profiles = await profilesFrom(
      `
[profile keys]
aws_access_key_id = AKIAKEYS000000000001
aws_secret_access_key = secret

[profile role]
role_arn = arn:aws:iam::111111111111:role/Admin
source_profile = keys

[profile from-env]
role_arn = arn:aws:iam::111111111111:role/Ci
credential_source = Environment

[profile sso-new]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = Dev

[profile sso-legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 222222222222
sso_role_name = Dev

[profile proc]
credential_process = /usr/local/bin/get-creds --profile x

[profile web]
role_arn = arn:aws:iam::111111111111:role/Web
web_identity_token_file = /var/run/token

[profile region-only]
region = eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
`,
    );
    const kinds = Object.fromEntries([...profiles.values()].map((p) => [p.name, p.kind]));
    assert.deepEqual(kinds, {
      keys: 'static',
      role: 'assume-role',
      'from-env': 'credential-source',
      'sso-new': 'sso',
      'sso-legacy': 'sso',
      proc: 'credential-process',
      web: 'web-identity',
      'region-only': 'incomplete',
    });
    assert.equal(get(profiles, 'sso-new').ssoSession, 'corp');
    assert.equal(get(profiles, 'sso-legacy').ssoStartUrl, 'https://legacy.awsapps.com/start');
    assert.equal(get(profiles, 'from-env').chainBase, 'Environment');
    assert.ok(!profiles.has('sso-session.corp'), 'sso-session sections are not profiles');
  });

  test('follows a three-hop source chain to the profile that holds the keys', async () => {
    const profiles = await profilesFrom(
      `
[profile ops-admin]
role_arn = arn:aws:iam::333333333333:role/OpsAdmin
source_profile = ops-base
mfa_serial = arn:aws:iam::111111111111:mfa/alice
region = eu-central-1

[profile ops-base]
role_arn = arn:aws:iam::222222222222:role/OpsBase
source_profile = keys
`,
      `[keys]\naws_access_key_id = AKIAKEYS000000000001\naws_secret_access_key = secret\n`,
    );
    const admin = get(profiles, 'ops-admin');
    assert.deepEqual(admin.chain, ['ops-admin', 'ops-base', 'keys']);
    assert.equal(admin.chainBase, 'static keys');
    assert.equal(admin.chainProblem, null);
    assert.equal(admin.region, 'eu-central-1');
    assert.equal(admin.mfaSerial, 'arn:aws:iam::111111111111:mfa/alice');
    assert.deepEqual(admin.files, ['config']);
    assert.deepEqual(get(profiles, 'keys').files, ['credentials']);
  });

  test('a source profile with keys ends the chain even if it also names a role', async () => {
    const profiles = await profilesFrom(`
[profile top]
role_arn = arn:aws:iam::1:role/Top
source_profile = self-keys

[profile self-keys]
role_arn = arn:aws:iam::1:role/Ignored
source_profile = self-keys
aws_access_key_id = AKIA
aws_secret_access_key = s
`);
    assert.deepEqual(get(profiles, 'top').chain, ['top', 'self-keys']);
    assert.equal(get(profiles, 'top').chainBase, 'static keys');
    // Used on its own, a role with a source that is itself resolves through its own keys.
    assert.deepEqual(get(profiles, 'self-keys').chain, ['self-keys', 'self-keys']);
    assert.equal(get(profiles, 'self-keys').chainProblem, null);
  });

  test('finds cycles and missing sources before any network call', async () => {
    const profiles = await profilesFrom(`
[profile a]
role_arn = arn:aws:iam::1:role/A
source_profile = b

[profile b]
role_arn = arn:aws:iam::1:role/B
source_profile = a

[profile orphan]
role_arn = arn:aws:iam::1:role/O
source_profile = gone
`);
    assert.match(get(profiles, 'a').chainProblem ?? '', /loops back to "b" \(a → b → a → b\)/);
    assert.equal(get(profiles, 'a').chainBase, null);
    assert.match(
      get(profiles, 'orphan').chainProblem ?? '',
      /source_profile "gone", which does not exist/,
    );
  });

  test('names [default] and [profile x] as the SDK does, in both files', async () => {
    const profiles = await profilesFrom(
      `[default]\nregion = us-west-2\n\n[profile dev]\nregion = eu-west-1\n`,
      `[default]\naws_access_key_id = AKIADEFAULT\naws_secret_access_key = s\n[ci]\naws_access_key_id = AKIACI\naws_secret_access_key = s\n`,
    );
    assert.deepEqual([...profiles.keys()], ['default', 'ci', 'dev']);
    assert.equal(get(profiles, 'default').kind, 'static');
    assert.equal(get(profiles, 'default').region, 'us-west-2');
    assert.deepEqual(get(profiles, 'default').files, ['config', 'credentials']);
    assert.equal(get(profiles, 'ci').kind, 'static', 'credentials-only profile');
  });

  test('the credentials file wins over the config file key by key', async () => {
    const profiles = await profilesFrom(
      `[profile p]\nregion = eu-west-1\ncredential_process = /bin/false\n`,
      `[p]\nregion = ap-south-1\naws_access_key_id = AKIA\naws_secret_access_key = s\n`,
    );
    assert.equal(get(profiles, 'p').region, 'ap-south-1');
  });

  test('reads comments, inline comments and CRLF line endings', async () => {
    const config = [
      '# a comment line',
      '; another comment',
      '[profile crlf]   # trailing comment',
      'region = eu-north-1 ; inline',
      'role_arn = arn:aws:iam::1:role/R',
      'source_profile = base',
      '',
      '[profile base]',
      'aws_access_key_id = AKIA',
      'aws_secret_access_key = s',
      '',
    ].join('\r\n');
    const profiles = await profilesFrom(config);
    assert.equal(get(profiles, 'crlf').region, 'eu-north-1');
    assert.deepEqual(get(profiles, 'crlf').chain, ['crlf', 'base']);
  });

  test('a profile with both source_profile and credential_source says to keep one', async () => {
    const profiles = await profilesFrom(
      `[profile both]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = x\ncredential_source = Environment\n`,
    );
    assert.equal(get(profiles, 'both').kind, 'incomplete');
    assert.match(
      get(profiles, 'both').chainProblem ?? '',
      /both source_profile and credential_source/,
    );
  });
});
