/**
 * AWS_IAM against the sandbox, signed by the AWS SDK's own SigV4 signer: the demo keys and a
 * temporary session are accepted; each way a signature goes wrong is refused with AppSync's
 * status, error type and AWS's wording.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import {
  graphqlBody,
  manualClock,
  send,
  signedHeaders,
  signedPost,
  type Credentials,
} from './appsync-test-client.ts';

const WHOAMI = graphqlBody(
  'query Who { whoami { authMode arn accountId } adminStats { noteCount } }',
);

describe('AppSync sandbox: AWS_IAM', () => {
  const clock = manualClock(Date.UTC(2026, 4, 4, 12, 0, 0));
  let sandbox: Sandbox;
  let demoKeys: Credentials;

  before(async () => {
    sandbox = await startSandbox({
      clock,
      iamAllows: ({ arn }) => !arn.endsWith(':user/no-appsync'),
    });
    demoKeys = {
      accessKeyId: sandbox.demo.user.accessKeyId,
      secretAccessKey: sandbox.demo.user.secretAccessKey,
    };
  });
  after(() => sandbox.close());

  const signingDate = () => new Date(clock.now());

  test('the demo IAM user runs a query, and the field only IAM may read answers too', async () => {
    const reply = await signedPost(sandbox.graphqlUrl, WHOAMI, demoKeys, {
      signingDate: signingDate(),
    });
    assert.equal(reply.status, 200, reply.text);
    assert.deepEqual(reply.json, {
      data: {
        whoami: {
          authMode: 'AWS_IAM',
          arn: sandbox.demo.user.arn,
          accountId: sandbox.demo.accountId,
        },
        adminStats: { noteCount: 36 },
      },
    });
    assert.equal(reply.headers['content-type'], 'application/json;charset=UTF-8');
    assert.match(String(reply.headers['x-amzn-requestid']), /^[0-9a-f-]{36}$/);
    // The Date header follows the sandbox clock, so a client can measure its skew against it.
    assert.equal(reply.headers.date, new Date(clock.now()).toUTCString());
  });

  test('a temporary session from the shared identity store is accepted with its token', async () => {
    const session = sandbox.identities.issueSession(
      {
        arn: `arn:aws:sts::${sandbox.demo.accountId}:assumed-role/sandbox-admin/s1`,
        accountId: sandbox.demo.accountId,
        userId: 'AROASANDBOXADMIN:s1',
        kind: 'assumed-role',
      },
      900,
    );
    const credentials = {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken!,
    };
    const reply = await signedPost(sandbox.graphqlUrl, WHOAMI, credentials, {
      signingDate: signingDate(),
    });
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json.data.whoami.arn, session.arn);

    // The same session without its token is not a valid credential.
    const withoutToken = {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
    };
    const noToken = await signedPost(sandbox.graphqlUrl, WHOAMI, withoutToken, {
      signingDate: signingDate(),
    });
    assert.equal(noToken.status, 403);
    assert.deepEqual(noToken.json, {
      errors: [
        {
          errorType: 'UnrecognizedClientException',
          message: 'The security token included in the request is invalid.',
        },
      ],
    });

    clock.advance(901_000);
    const expired = await signedPost(sandbox.graphqlUrl, WHOAMI, credentials, {
      signingDate: signingDate(),
    });
    assert.equal(expired.status, 403);
    assert.deepEqual(expired.json, {
      errors: [
        {
          errorType: 'ExpiredTokenException',
          message: 'The security token included in the request is expired',
        },
      ],
    });
  });

  test('a body changed after signing is refused with the canonical request AppSync computed', async () => {
    const tampered = WHOAMI.replace('Who', 'Wha');
    const reply = await signedPost(sandbox.graphqlUrl, WHOAMI, demoKeys, {
      signingDate: signingDate(),
      sendBody: tampered,
    });
    assert.equal(reply.status, 403);
    const [error] = reply.json.errors;
    assert.equal(error.errorType, 'InvalidSignatureException');
    assert.match(
      error.message,
      /^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key and signing method\. Consult the service documentation for details\.\n\nThe Canonical String for this request should have been\n'POST\n\/graphql\n\n/,
    );
    assert.match(
      error.message,
      /\n\nThe String-to-Sign should have been\n'AWS4-HMAC-SHA256\n\d{8}T\d{6}Z\n\d{8}\/us-east-1\/appsync\/aws4_request\n[0-9a-f]{64}'\n$/,
    );
    assert.equal(reply.headers['x-amzn-errortype'], 'InvalidSignatureException');
  });

  test('a wrong secret is refused as a signature mismatch, an unknown key as an invalid token', async () => {
    const wrongSecret = await signedPost(
      sandbox.graphqlUrl,
      WHOAMI,
      { ...demoKeys, secretAccessKey: 'not-the-secret' },
      { signingDate: signingDate() },
    );
    assert.equal(wrongSecret.status, 403);
    assert.equal(wrongSecret.json.errors[0].errorType, 'InvalidSignatureException');

    const unknown = await signedPost(
      sandbox.graphqlUrl,
      WHOAMI,
      { accessKeyId: 'AKIANOBODYKNOWSTHIS1', secretAccessKey: 'x' },
      { signingDate: signingDate() },
    );
    assert.equal(unknown.status, 403);
    assert.deepEqual(unknown.json.errors[0], {
      errorType: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });

  test('a signature from a clock 6 minutes off is refused with AWS "Signature expired" wording', async () => {
    const behind = new Date(clock.now() - 6 * 60_000);
    const reply = await signedPost(sandbox.graphqlUrl, WHOAMI, demoKeys, { signingDate: behind });
    assert.equal(reply.status, 403);
    assert.equal(reply.json.errors[0].errorType, 'InvalidSignatureException');
    assert.match(
      reply.json.errors[0].message,
      /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
    );
    const ahead = await signedPost(sandbox.graphqlUrl, WHOAMI, demoKeys, {
      signingDate: new Date(clock.now() + 6 * 60_000),
    });
    assert.equal(ahead.status, 403);
    assert.match(ahead.json.errors[0].message, /^Signature not yet current: /);
    // Four minutes off is within AWS's tolerance.
    const close = await signedPost(sandbox.graphqlUrl, WHOAMI, demoKeys, {
      signingDate: new Date(clock.now() - 4 * 60_000),
    });
    assert.equal(close.status, 200, close.text);
  });

  test('a credential scoped to another region or service is refused', async () => {
    const region = await signedPost(sandbox.graphqlUrl, WHOAMI, demoKeys, {
      signingDate: signingDate(),
      region: 'eu-west-1',
    });
    assert.equal(region.status, 403);
    assert.equal(region.json.errors[0].errorType, 'InvalidSignatureException');
    assert.match(region.json.errors[0].message, /eu-west-1/);

    const service = await signedPost(sandbox.graphqlUrl, WHOAMI, demoKeys, {
      signingDate: signingDate(),
      service: 'execute-api',
    });
    assert.equal(service.status, 403);
    assert.equal(
      service.json.errors[0].message,
      "Credential should be scoped to correct service: 'appsync'. ",
    );
  });

  test('a principal without appsync:GraphQL gets 401 UnauthorizedException', async () => {
    sandbox.identities.addUser({
      accessKeyId: 'AKIANOAPPSYNC0000001',
      secretAccessKey: 'no-appsync-secret',
      arn: `arn:aws:iam::${sandbox.demo.accountId}:user/no-appsync`,
    });
    const reply = await signedPost(
      sandbox.graphqlUrl,
      WHOAMI,
      { accessKeyId: 'AKIANOAPPSYNC0000001', secretAccessKey: 'no-appsync-secret' },
      { signingDate: signingDate() },
    );
    assert.equal(reply.status, 401);
    assert.deepEqual(reply.json, {
      errors: [
        {
          errorType: 'UnauthorizedException',
          message: 'You are not authorized to make this call.',
        },
      ],
    });
  });

  test('an Authorization header that only looks like SigV4 is refused as incomplete', async () => {
    const headers = await signedHeaders(sandbox.graphqlUrl, WHOAMI, demoKeys, {
      signingDate: signingDate(),
    });
    headers.authorization = 'AWS4-HMAC-SHA256 Signature=abc';
    const reply = await send(sandbox.graphqlUrl, { headers, body: WHOAMI });
    assert.equal(reply.status, 403);
    assert.equal(reply.json.errors[0].errorType, 'IncompleteSignatureException');
  });
});
