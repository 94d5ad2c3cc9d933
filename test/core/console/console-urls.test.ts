import assert from 'node:assert/strict';
import { test } from 'node:test';
import { federationBase } from '../../../main/core/console/console-signin.ts';
import {
  consoleDestination,
  federationEndpoint,
  isAwsSigninHost,
  partitionOf,
} from '../../../main/core/console/console-urls.ts';

test('the partition, sign-in host and console follow from the region', () => {
  assert.equal(partitionOf('eu-west-1'), 'aws');
  assert.equal(partitionOf('cn-north-1'), 'aws-cn');
  assert.equal(partitionOf('us-gov-west-1'), 'aws-us-gov');
  assert.equal(federationEndpoint('aws'), 'https://signin.aws.amazon.com/federation');
  assert.equal(federationEndpoint('aws-cn'), 'https://signin.amazonaws.cn/federation');
  assert.equal(federationEndpoint('aws-us-gov'), 'https://signin.amazonaws-us-gov.com/federation');
  assert.equal(
    consoleDestination({ region: 'cn-north-1', apiId: 'abc123' }),
    'https://console.amazonaws.cn/appsync/home?region=cn-north-1#/abc123/v1/home',
  );
  assert.equal(
    consoleDestination({ region: 'us-gov-west-1', service: 'appsync' }),
    'https://console.amazonaws-us-gov.com/appsync/home?region=us-gov-west-1',
  );
  assert.equal(
    consoleDestination({ region: 'ap-southeast-2' }),
    'https://ap-southeast-2.console.aws.amazon.com/console/home?region=ap-southeast-2',
  );
});

test('destinations are built from checked parts only', () => {
  assert.throws(() => consoleDestination({ region: 'evil.com/x' }), /not an AWS region/);
  assert.throws(
    () => consoleDestination({ region: 'eu-west-1', service: '../iam' }),
    /not a console service/,
  );
  assert.throws(
    () => consoleDestination({ region: 'eu-west-1', apiId: 'a#b' }),
    /not an AppSync API id/,
  );
});

test('credentials go only to AWS sign-in hosts, or to a peer on this machine', () => {
  assert.ok(isAwsSigninHost('signin.aws.amazon.com'));
  assert.ok(isAwsSigninHost('us-east-1.signin.aws.amazon.com'));
  assert.ok(!isAwsSigninHost('signin.aws.amazon.com.example.org'));
  assert.ok(!isAwsSigninHost('evil.signin.aws.amazon.com'));
  const base = (value: string) =>
    federationBase('aws', { APPSYNC_WORKBENCH_FEDERATION_ENDPOINT: value });
  assert.equal(
    base('http://127.0.0.1:5/signin/federation'),
    'http://127.0.0.1:5/signin/federation',
  );
  assert.throws(() => base('http://signin.aws.amazon.com/federation'), /credentials are not sent/);
  assert.throws(() => base('https://10.0.0.1/federation'), /credentials are not sent/);
  assert.equal(federationBase('aws-cn', {}), 'https://signin.amazonaws.cn/federation');
});
