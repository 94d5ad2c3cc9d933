/**
 * TLS through a private API's address: the connection's server name (SNI) and the certificate
 * check are the address's, with certificate checks on — a certificate for the address is
 * accepted, one that does not name it is refused. The API's own host travels in
 * `x-appsync-domain`, and `Host` is the address's.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { HttpTransport } from '../../../main/core/requests/http-transport.ts';
import { AppError } from '../../../shared/errors.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

const API = 'https://abc123.appsync-api.eu-west-1.amazonaws.com/graphql';
let caFile: string;
let port: number;
const seen: { servername: string | false | null; host?: string; domain?: string | string[] }[] = [];
let stop: () => Promise<void>;

before(async () => {
  const dir = await makeTempDir('connect-tls');
  caFile = join(dir, 'cert.pem');
  // A certificate for `localhost` only, as a VPC endpoint's names its own DNS names.
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    caFile,
  ]);
  const server = createServer(
    { key: await readFile(join(dir, 'key.pem')), cert: await readFile(caFile) },
    (req, res) => {
      seen.push({
        servername: (req.socket as TLSSocket).servername,
        host: req.headers.host,
        domain: req.headers['x-appsync-domain'],
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"data":{}}');
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  stop = () => new Promise((resolve) => server.close(() => resolve()));
});
after(() => stop());

const exchange = (connectTo: string) => ({
  method: 'POST',
  url: new URL(API),
  headers: { 'content-type': 'application/json', 'x-appsync-domain': new URL(API).host },
  body: Buffer.from('{"query":"{__typename}"}'),
  connectTo,
});

test("the TLS name is the address's and its certificate is checked", async () => {
  const transport = new HttpTransport({ AWS_CA_BUNDLE: caFile });
  try {
    const answer = await transport.send(exchange(`localhost:${port}`));
    assert.equal(answer.status, 200);
    assert.deepEqual(seen.at(-1), {
      servername: 'localhost',
      host: `localhost:${port}`,
      domain: 'abc123.appsync-api.eu-west-1.amazonaws.com',
    });
    // The same server by an address its certificate does not name: refused, not trusted blindly.
    await assert.rejects(
      transport.send(exchange(`127.0.0.1:${port}`)),
      (error: AppError) =>
        error.code === 'NETWORK' &&
        /127\.0\.0\.1:\d+ \(for abc123\.appsync-api/.test(error.message) &&
        /ERR_TLS_CERT_ALTNAME_INVALID|CERT/.test(error.message),
    );
  } finally {
    await transport.close();
  }
});
