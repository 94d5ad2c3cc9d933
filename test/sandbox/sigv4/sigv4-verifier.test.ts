/**
 * The sandbox's SigV4 verifier against requests signed by smithy (the signer the app uses):
 * what AWS accepts passes, and every way AWS refuses a request is refused the same way.
 */
import assert from 'node:assert/strict';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { describe, test } from 'node:test';
import { HttpRequest } from '@smithy/core/protocols';
import { SignatureV4 } from '@smithy/signature-v4';
import { IdentityStore } from '../../../main/sandbox/identity-store.ts';
import {
  verifySigV4,
  type IncomingSignedRequest,
} from '../../../main/sandbox/sigv4/sigv4-verifier.ts';

const NOW = Date.UTC(2026, 0, 1, 0, 10, 0);
const clock = { now: () => NOW };
const store = new IdentityStore(clock);
const alice = store.addUser({
  accessKeyId: 'AKIAALICEEXAMPLE0001',
  secretAccessKey: 'alice-secret/EXAMPLEKEY+abc',
  arn: 'arn:aws:iam::111122223333:user/alice',
});
const session = store.issueSession(
  {
    arn: 'arn:aws:sts::111122223333:assumed-role/reader/s1',
    accountId: '111122223333',
    userId: 'AROAEXAMPLE:s1',
    kind: 'assumed-role',
  },
  900,
);

/** The Checksum constructor smithy wants, backed by node:crypto. */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData) =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);
class Sha256 {
  readonly #hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.#hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.#hash.digest());
  }
}

interface SignArgs {
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  path?: string;
  query?: Record<string, string | string[]>;
  body?: string;
  signingDate?: Date;
  service?: string;
  headers?: Record<string, string>;
  applyChecksum?: boolean;
}

async function sign(args: SignArgs = {}): Promise<IncomingSignedRequest> {
  const body = args.body ?? '{"query":"{ listNotes { id } }"}';
  const signer = new SignatureV4({
    credentials: args.credentials ?? alice,
    region: 'eu-west-1',
    service: args.service ?? 'appsync',
    sha256: Sha256,
    applyChecksum: args.applyChecksum ?? true,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 8443,
      path: args.path ?? '/graphql',
      query: args.query ?? {},
      headers: { host: '127.0.0.1:8443', 'content-type': 'application/json', ...args.headers },
      body,
    }),
    { signingDate: args.signingDate ?? new Date(NOW) },
  );
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(args.query ?? {})) {
    for (const one of Array.isArray(v) ? v : [v]) q.append(k, one);
  }
  const qs = q.toString().replace(/\+/g, '%20');
  return {
    method: signed.method,
    rawPath: signed.path + (qs ? `?${qs}` : ''),
    headers: signed.headers,
    body: Buffer.from(body),
  };
}

const verify = (req: IncomingSignedRequest, service = 'appsync') =>
  verifySigV4(req, { lookup: (id) => store.lookup(id), now: clock.now, service });

describe('verifySigV4 accepts what AWS accepts', () => {
  test('a long-term key signing a GraphQL POST', async () => {
    const verdict = verify(await sign());
    assert.equal(verdict.ok, true);
    assert.ok(verdict.ok);
    assert.equal(verdict.identity.arn, alice.arn);
    assert.equal(verdict.region, 'eu-west-1');
    assert.equal(verdict.service, 'appsync');
  });

  test('a temporary session with its token', async () => {
    const verdict = verify(await sign({ credentials: session }));
    assert.ok(verdict.ok);
    assert.equal(verdict.identity.kind, 'assumed-role');
  });

  test('without x-amz-content-sha256 the hash is taken from the body', async () => {
    const req = await sign({ applyChecksum: false });
    assert.equal(req.headers['x-amz-content-sha256'], undefined);
    assert.equal(verify(req).ok, true);
  });

  test('unsorted, repeated and reserved-character query parameters', async () => {
    const req = await sign({
      query: { zeta: 'last', alpha: ['b', 'a'], 'sp ace': "a b*c'(x)~!" },
    });
    assert.equal(verify(req).ok, true, JSON.stringify(verify(req)));
  });

  test('a path with dot segments, double slashes and an encoded space (double-encoded)', async () => {
    const req = await sign({ path: '/v1//a%20b/./c/../graphql' });
    assert.equal(verify(req).ok, true, JSON.stringify(verify(req)));
  });

  test('header values with runs of spaces are collapsed before signing', async () => {
    const req = await sign({ headers: { 'x-amz-meta-note': '  two   spaces  here ' } });
    req.headers['x-amz-meta-note'] = '  two   spaces  here ';
    assert.equal(verify(req).ok, true);
  });
});

describe('verifySigV4 refuses what AWS refuses', () => {
  test('a tampered body under the same signed x-amz-content-sha256', async () => {
    const req = await sign();
    req.body = Buffer.from('{"query":"mutation { deleteEverything }"}');
    const verdict = verify(req);
    assert.equal(verdict.ok, false);
    assert.equal(!verdict.ok && verdict.failure, 'payload-hash');
  });

  test('a tampered body with the hash header rewritten to match', async () => {
    const req = await sign();
    req.body = Buffer.from('{"query":"mutation { deleteEverything }"}');
    req.headers['x-amz-content-sha256'] = createHash('sha256').update(req.body).digest('hex');
    const verdict = verify(req);
    assert.equal(!verdict.ok && verdict.failure, 'signature');
  });

  test('a wrong secret: the server shows its canonical request and string to sign', async () => {
    const verdict = verify(
      await sign({ credentials: { accessKeyId: alice.accessKeyId, secretAccessKey: 'wrong' } }),
    );
    assert.ok(!verdict.ok);
    assert.equal(verdict.failure, 'signature');
    assert.match(verdict.message, /^The request signature we calculated does not match/);
    assert.match(
      verdict.canonicalRequest ?? '',
      /^POST\n\/graphql\n\ncontent-type:application\/json\nhost:127\.0\.0\.1:8443\n/,
    );
    assert.match(
      verdict.stringToSign ?? '',
      /^AWS4-HMAC-SHA256\n20260101T001000Z\n20260101\/eu-west-1\/appsync\/aws4_request\n[0-9a-f]{64}$/,
    );
    assert.ok(!verdict.message.includes('wrong'), 'the secret never appears');
  });

  test('host not signed', async () => {
    const req = await sign();
    req.headers.authorization = String(req.headers.authorization).replace('host;', '');
    const verdict = verify(req);
    assert.ok(!verdict.ok);
    assert.equal(verdict.failure, 'malformed');
    assert.match(verdict.message, /'host' must be a 'SignedHeader'/);
  });

  test('a request signed 10 minutes ago, in AWS wording', async () => {
    const verdict = verify(await sign({ signingDate: new Date(NOW - 10 * 60 * 1000) }));
    assert.ok(!verdict.ok);
    assert.equal(verdict.failure, 'skew');
    assert.equal(
      verdict.message,
      'Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z (20260101T001000Z - 5 min.)',
    );
  });

  test('a request signed in the future', async () => {
    const verdict = verify(await sign({ signingDate: new Date(NOW + 6 * 60 * 1000) }));
    assert.ok(!verdict.ok);
    assert.equal(verdict.failure, 'skew');
    assert.match(
      verdict.message,
      /^Signature not yet current: 20260101T001600Z is still later than/,
    );
  });

  test('an expired session', async () => {
    const later = new IdentityStore(clock);
    const old = later.issueSession({ ...session }, 1);
    const verdict = verifySigV4(await sign({ credentials: old }), {
      lookup: (id) => later.lookup(id),
      now: () => NOW + 2000,
    });
    assert.equal(!verdict.ok && verdict.failure, 'expired-token');
  });

  test('a session key with another token, or none', async () => {
    const wrong = await sign({ credentials: { ...session, sessionToken: 'forged' } });
    assert.equal(!verify(wrong).ok && (verify(wrong) as { failure: string }).failure, 'bad-token');
    const none = await sign({ credentials: { ...session, sessionToken: undefined } });
    const verdict = verify(none);
    assert.equal(!verdict.ok && verdict.failure, 'bad-token');
  });

  test('an unknown access key, a missing header, a credential for another service', async () => {
    const unknown = verify(
      await sign({ credentials: { accessKeyId: 'AKIANOBODY', secretAccessKey: 'x' } }),
    );
    assert.equal(!unknown.ok && unknown.failure, 'unknown-key');
    const req = await sign();
    delete req.headers.authorization;
    const missing = verify(req);
    assert.equal(!missing.ok && missing.failure, 'missing');
    const sts = verify(await sign({ service: 'sts' }));
    assert.equal(!sts.ok && sts.failure, 'wrong-service');
  });
});
