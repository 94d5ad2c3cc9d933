import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isAllowedExternalUrl } from '../../main/electron/external-links.ts';

test('only allow-listed https links leave the app for the system browser', () => {
  for (const url of [
    'https://docs.aws.amazon.com/appsync/latest/devguide/security-authz.html',
    'https://eu-west-1.console.aws.amazon.com/appsync/home',
    'https://my-company.awsapps.com/start',
  ]) {
    assert.equal(isAllowedExternalUrl(url), true, url);
  }
  for (const url of [
    'http://docs.aws.amazon.com/',
    'https://docs.aws.amazon.com.evil.example/',
    'https://evil.example/?docs.aws.amazon.com',
    'https://user:pw@docs.aws.amazon.com/',
    'https://docs.aws.amazon.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'not a url',
  ]) {
    assert.equal(isAllowedExternalUrl(url), false, url);
  }
});

test('the core may open https login pages and loopback identity providers only', async () => {
  const { isOpenableLoginUrl } = await import('../../main/electron/external-links.ts');
  assert.equal(
    isOpenableLoginUrl('https://device.sso.eu-west-1.amazonaws.com/?user_code=ABCD-EFGH'),
    true,
  );
  assert.equal(isOpenableLoginUrl('https://login.example.com/authorize?client_id=x'), true);
  assert.equal(isOpenableLoginUrl('http://127.0.0.1:43123/interaction/abc'), true);
  assert.equal(isOpenableLoginUrl('http://example.com/login'), false);
  assert.equal(isOpenableLoginUrl('file:///etc/passwd'), false);
  assert.equal(isOpenableLoginUrl('ms-settings:privacy'), false);
  assert.equal(isOpenableLoginUrl('https://user:pw@example.com/'), false);
});
