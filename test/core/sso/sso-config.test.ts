import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  configuredEndpoint,
  findSession,
  loadSsoConfig,
} from '../../../main/core/sso/sso-config.ts';
import { parseVirtualProfileName, virtualProfileName } from '../../../main/core/sso/sso-service.ts';
import { AppError } from '../../../shared/errors.ts';
import { makeAwsHome } from '../../support/aws-home.ts';

const CONFIG = `[profile dev]
sso_session = corp
sso_account_id = 111111111111
sso_role_name = Admin
services = local

[profile old-a]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 222222222222
sso_role_name = Read

[profile old-b]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1

[profile keys]
aws_access_key_id = AKIDEXAMPLE

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access, , codewhisperer:completions

[sso-session broken]
sso_start_url = https://broken.awsapps.com/start

[services local]
sso_oidc =
  endpoint_url = http://127.0.0.1:1001
sso =
  endpoint_url = http://127.0.0.1:1002
`;

describe('SSO configuration', () => {
  test('lists sso-sessions and legacy start URLs with the profiles that use them', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    const config = await loadSsoConfig(home.environment());
    const byName = Object.fromEntries(config.sessions.map((s) => [s.name, s]));
    assert.deepEqual(Object.keys(byName).sort(), ['broken', 'corp', 'old-a']);
    assert.equal(byName.corp?.region, 'eu-west-1');
    assert.deepEqual(byName.corp?.profiles, ['dev']);
    assert.deepEqual(byName.corp?.scopes, ['sso:account:access', 'codewhisperer:completions']);
    assert.equal(byName['old-a']?.kind, 'legacy-profile');
    assert.equal(byName['old-a']?.sessionName, null);
    assert.deepEqual(byName['old-a']?.profiles, ['old-a', 'old-b']);
    assert.match(byName.broken?.problem ?? '', /no sso_region/);
  });

  test('a target names a session directly or through a profile; bad targets say what to fix', async () => {
    const home = await makeAwsHome({ config: CONFIG });
    const config = await loadSsoConfig(home.environment());
    assert.equal(findSession(config, { profile: 'dev' }).name, 'corp');
    assert.equal(findSession(config, { session: 'old-a' }).kind, 'legacy-profile');
    assert.equal(
      findSession(config, { profile: 'old-b' }).startUrl,
      'https://legacy.awsapps.com/start',
    );
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return error instanceof AppError ? error.code : 'other';
      }
      return 'none';
    };
    assert.equal(
      code(() => findSession(config, { session: 'nope' })),
      'NOT_FOUND',
    );
    assert.equal(
      code(() => findSession(config, { profile: 'nope' })),
      'PROFILE_NOT_FOUND',
    );
    assert.equal(
      code(() => findSession(config, { profile: 'keys' })),
      'SSO_LOGIN_FAILED',
    );
    assert.equal(
      code(() => findSession(config, { session: 'broken' })),
      'SSO_LOGIN_FAILED',
    );
  });

  test('endpoints follow the SDK order: service env, global env, services section, profile', async () => {
    const home = await makeAwsHome({
      config: CONFIG.replace('services = local', 'services = local\nendpoint_url = http://profile'),
    });
    const config = await loadSsoConfig(home.environment());
    assert.equal(configuredEndpoint('sso_oidc', {}, config, 'dev'), 'http://127.0.0.1:1001');
    assert.equal(configuredEndpoint('sso', {}, config, 'dev'), 'http://127.0.0.1:1002');
    assert.equal(
      configuredEndpoint('sso', { AWS_ENDPOINT_URL: 'http://global' }, config, 'dev'),
      'http://global',
    );
    assert.equal(
      configuredEndpoint(
        'sso_oidc',
        { AWS_ENDPOINT_URL: 'http://global', AWS_ENDPOINT_URL_SSO_OIDC: 'http://oidc' },
        config,
        'dev',
      ),
      'http://oidc',
    );
    assert.equal(configuredEndpoint('sso', {}, config, 'old-a'), undefined);
    assert.equal(
      configuredEndpoint(
        'sso',
        { AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://g' },
        config,
        'dev',
      ),
      undefined,
    );
  });
});

describe('virtual SSO profiles', () => {
  test('an account and role have a stable profile name that parses back', () => {
    const name = virtualProfileName('corp', '111111111111', 'AdministratorAccess');
    assert.equal(name, 'sso:corp/111111111111/AdministratorAccess');
    assert.deepEqual(parseVirtualProfileName(name), {
      session: 'corp',
      accountId: '111111111111',
      roleName: 'AdministratorAccess',
    });
    assert.equal(parseVirtualProfileName('corp-admin'), null);
    assert.equal(parseVirtualProfileName('sso:corp/12/Admin'), null);
  });
});
