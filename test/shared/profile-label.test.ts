import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountOfArn, profileTooltip, splitProfileName } from '../../shared/profile-label.ts';

test('profiles sharing a prefix keep their distinctive last word whole', () => {
  assert.deepEqual(splitProfileName('acme-prod-ss-admin'), {
    head: 'acme-prod-ss',
    tail: '-admin',
  });
  assert.deepEqual(splitProfileName('acme-prod-ss-readonly'), {
    head: 'acme-prod-ss',
    tail: '-readonly',
  });
  assert.equal(splitProfileName('org/team.billing').tail, '.billing');
});

test('short names are not split, long last words keep their last characters', () => {
  assert.deepEqual(splitProfileName('dev'), { head: 'dev', tail: '' });
  const long = 'acme-averyveryverylongrolenameindeed';
  const { head, tail } = splitProfileName(long);
  assert.equal(head + tail, long);
  assert.equal(tail, 'meindeed');
});

test('the tooltip has the full name, the account and role of a role profile, and the region', () => {
  const arn = 'arn:aws:iam::123456789012:role/ReadOnly';
  assert.equal(accountOfArn(arn), '123456789012');
  assert.equal(accountOfArn('not an arn'), null);
  assert.equal(
    profileTooltip({ name: 'acme-prod-ss-readonly', roleArn: arn, region: 'eu-west-1' }),
    'acme-prod-ss-readonly\nAccount: 123456789012\nRole: arn:aws:iam::123456789012:role/ReadOnly\nRegion: eu-west-1',
  );
  assert.equal(
    profileTooltip({ name: 'dev', roleArn: null, region: 'eu-west-1' }, 'us-east-1'),
    'dev\nRegion: us-east-1 (from AWS_REGION)',
  );
});
