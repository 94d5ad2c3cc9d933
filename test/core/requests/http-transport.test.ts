import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer as createHttpServer, request as httpRequest, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { HttpTransport } from '../../../main/core/requests/http-transport.ts';
import type { AppError } from '../../../shared/errors.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

const servers: Server[] = [];
const sockets = new Set<Socket>();
let httpsUrl: string;
let httpUrl: string;
let proxyUrl: string;
let caFile: string;
let detailUrl: string;
const proxied: string[] = [];

async function listen(server: Server): Promise<number> {
  servers.push(server);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

before(async () => {
  const dir = await makeTempDir('tls');
  caFile = join(dir, 'cert.pem');
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    caFile,
  ]);
  const answer = (label: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data: { from: label } }));
  };
  const tls = createHttpsServer(
    { key: await readFile(join(dir, 'key.pem')), cert: await readFile(caFile) },
    answer('https'),
  );
  httpsUrl = `https://127.0.0.1:${await listen(tls as unknown as Server)}/graphql`;
  httpUrl = `http://127.0.0.1:${await listen(createHttpServer(answer('http')))}/graphql`;
  // A forward proxy: CONNECT tunnels for https, absolute-form forwarding for http.
  const proxy = createHttpServer((req, res) => {
    proxied.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = httpRequest(target, { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  proxy.on('connect', (req, client: Socket, head) => {
    proxied.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
  });
  proxyUrl = `http://127.0.0.1:${await listen(proxy)}`;
  // Answers by path: /slow-body sends its headers, then the body 60 ms later; /silent never answers.
  const detail = createHttpServer((req, res) => {
    const received: Buffer[] = [];
    req.on('data', (chunk: Buffer) => received.push(chunk));
    req.on('end', () => {
      if (req.url === '/silent') return;
      res.writeHead(207, 'Partly Fine', [
        ['x-seen', 'one'],
        ['x-seen', 'two'],
        ['x-echo-length', String(Buffer.concat(received).length)],
      ]);
      if (req.url === '/slow-body') {
        res.flushHeaders();
        setTimeout(() => res.end(BINARY), 60);
      } else res.end(BINARY);
    });
  });
  detailUrl = `http://127.0.0.1:${await listen(detail)}`;
});

/** Every byte value, repeated to 1 MB: a body that text decoding or chunking would damage. */
const BINARY = Buffer.alloc(1 << 20, Buffer.from(Array.from({ length: 256 }, (_, i) => i)));

after(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const exchange = (url: string, body = Buffer.from('{}')) => ({
  method: 'POST',
  url: new URL(url),
  headers: { 'content-type': 'application/json' },
  body,
});

describe('http transport', () => {
  test('a self-signed server is refused without the CA, trusted with AWS_CA_BUNDLE', async () => {
    const plain = new HttpTransport({});
    await assert.rejects(
      plain.send(exchange(httpsUrl)),
      (e: AppError) => e.code === 'NETWORK' && /AWS_CA_BUNDLE/.test(e.message),
    );
    await plain.close();
    for (const variable of ['AWS_CA_BUNDLE', 'NODE_EXTRA_CA_CERTS']) {
      const trusting = new HttpTransport({ [variable]: caFile });
      const answer = await trusting.send(exchange(httpsUrl));
      assert.equal(answer.status, 200, variable);
      await trusting.close();
    }
  });

  test('the CA bundle is read for TLS only: a missing one fails https, not plain http', async () => {
    const transport = new HttpTransport({ AWS_CA_BUNDLE: join(caFile, '..', 'absent.pem') });
    assert.equal((await transport.send(exchange(httpUrl))).status, 200);
    await assert.rejects(
      transport.send(exchange(httpsUrl)),
      (e: AppError) => e.code === 'NETWORK' && /absent\.pem .*could not be read/.test(e.message),
    );
    await transport.close();
  });

  test('HTTPS_PROXY tunnels https, HTTP_PROXY forwards http, NO_PROXY bypasses', async () => {
    const viaProxy = new HttpTransport({
      HTTPS_PROXY: proxyUrl,
      HTTP_PROXY: proxyUrl,
      AWS_CA_BUNDLE: caFile,
    });
    proxied.length = 0;
    assert.equal((await viaProxy.send(exchange(httpsUrl))).status, 200);
    assert.equal((await viaProxy.send(exchange(httpUrl))).status, 200);
    assert.equal(
      proxied.filter((p) => p.startsWith('CONNECT 127.0.0.1')).length >= 1,
      true,
      proxied.join(),
    );
    assert.equal(proxied.length, 2, proxied.join());
    await viaProxy.close();

    const bypass = new HttpTransport({ HTTP_PROXY: proxyUrl, NO_PROXY: '127.0.0.1' });
    proxied.length = 0;
    assert.equal((await bypass.send(exchange(httpUrl))).status, 200);
    assert.deepEqual(proxied, []);
    await bypass.close();
  });

  test('node:http (direct) and undici (through a proxy) give the same answer, byte for byte', async () => {
    // An https server behind a CONNECT tunnel: the proxy passes bytes through, so any difference
    // between the two answers comes from the two clients.
    const tls = createHttpsServer(
      {
        key: await readFile(join(caFile, '..', 'key.pem')),
        cert: await readFile(caFile),
      },
      (req, res) => {
        const received: Buffer[] = [];
        req.on('data', (chunk: Buffer) => received.push(chunk));
        req.on('end', () => {
          res.writeHead(299, 'Somewhat Fine', [
            ['x-seen', 'one'],
            ['x-seen', 'two'],
            ['set-cookie', 'a=1'],
            ['set-cookie', 'b=2'],
            ['x-echo', `${req.method} ${req.url} ${req.headers['content-type']}`],
            ['x-echo-length', String(Buffer.concat(received).length)],
            ['date', 'Thu, 01 Jan 2026 00:00:00 GMT'],
          ]);
          res.end(BINARY);
        });
      },
    );
    const url = `https://127.0.0.1:${await listen(tls as unknown as Server)}/path?q=1`;
    const sent = Buffer.alloc(200_000, 9);
    const direct = new HttpTransport({ AWS_CA_BUNDLE: caFile });
    const viaUndici = new HttpTransport({ HTTPS_PROXY: proxyUrl, AWS_CA_BUNDLE: caFile });
    proxied.length = 0;
    const [a, b] = [
      await direct.send(exchange(url, sent)),
      await viaUndici.send(exchange(url, sent)),
    ];
    assert.equal(proxied.length, 1, 'the second request went through the proxy');
    assert.deepEqual([a.status, a.statusText, a.headers], [b.status, b.statusText, b.headers]);
    assert.equal(a.headers['x-echo'], 'POST /path?q=1 application/json');
    assert.equal(a.headers['x-echo-length'], String(sent.length));
    assert.equal(a.headers['x-seen'], 'one, two');
    assert.ok(a.body.equals(BINARY) && b.body.equals(BINARY), 'both bodies arrive byte for byte');
    await Promise.all([direct.close(), viaUndici.close()]);
  });

  test('a proxy that is down is named in the error', async () => {
    const broken = new HttpTransport({ HTTP_PROXY: 'http://user:pw@127.0.0.1:1' });
    await assert.rejects(broken.send(exchange(httpUrl)), (e: AppError) => {
      return (
        e.code === 'NETWORK' &&
        /through the proxy http:\/\/127\.0\.0\.1:1/.test(e.message) &&
        !e.message.includes('pw')
      );
    });
    await broken.close();
  });

  test('a direct answer keeps status, headers, every body byte and its timing phases', async () => {
    const transport = new HttpTransport({});
    const sent = Buffer.alloc(300_000, 7);
    const answer = await transport.send(exchange(`${detailUrl}/slow-body`, sent));
    assert.equal(answer.status, 207);
    assert.equal(answer.statusText, 'Partly Fine');
    assert.equal(answer.headers['x-seen'], 'one, two');
    assert.equal(answer.headers['x-echo-length'], String(sent.length), 'the whole body was sent');
    assert.ok(answer.body.equals(BINARY), 'the body arrives byte for byte');
    assert.ok(answer.timeToFirstByteMs >= 0);
    assert.ok(
      answer.downloadMs >= 50,
      `the body came 60 ms after the headers: ${answer.downloadMs}`,
    );
    await transport.close();
  });

  test('a silent server times out; a cancel before or during the answer says cancelled', async () => {
    const transport = new HttpTransport({});
    await assert.rejects(
      transport.send(exchange(`${detailUrl}/silent`), { timeoutMs: 50 }),
      (e: AppError) => e.code === 'TIMEOUT' && /within 50 ms/.test(e.message),
    );
    await assert.rejects(
      transport.send(exchange(`${detailUrl}/fast`), { signal: AbortSignal.abort() }),
      (e: AppError) => e.code === 'CANCELLED',
    );
    const cancel = new AbortController();
    const midBody = transport.send(exchange(`${detailUrl}/slow-body`), { signal: cancel.signal });
    setTimeout(() => cancel.abort(), 20);
    await assert.rejects(midBody, (e: AppError) => e.code === 'CANCELLED');
    // The transport still works after a cancelled request.
    assert.equal((await transport.send(exchange(`${detailUrl}/fast`))).status, 207);
    await transport.close();
  });

  test('NO_PROXY entries match by host, port, suffix and *', async () => {
    const port = new URL(httpUrl).port;
    const cases: [noProxy: string, proxiedCount: number][] = [
      [`127.0.0.1:${Number(port) + 1}`, 1], // another port: still proxied
      [`127.0.0.1:${port}`, 0],
      ['example.com, .0.0.1', 0], // a suffix matches at a dot
      ['*.127.0.0.1', 1], // a subdomain wildcard does not match the host itself
      ['*', 0],
    ];
    for (const [noProxy, proxiedCount] of cases) {
      const transport = new HttpTransport({ HTTP_PROXY: proxyUrl, NO_PROXY: noProxy });
      proxied.length = 0;
      assert.equal((await transport.send(exchange(httpUrl))).status, 200, noProxy);
      assert.equal(proxied.length, proxiedCount, noProxy);
      await transport.close();
    }
  });

  test('a request no proxy applies to does not load undici (it costs a CLI run ~40 ms)', async () => {
    const transportUrl = new URL('../../../main/core/requests/http-transport.ts', import.meta.url);
    const script = `
      import { createRequire } from 'node:module';
      const { HttpTransport } = await import(${JSON.stringify(transportUrl.href)});
      const transport = new HttpTransport({ HTTPS_PROXY: 'http://127.0.0.1:1', NO_PROXY: '127.0.0.1' });
      const answer = await transport.send({ method: 'POST', url: new URL(${JSON.stringify(httpUrl)}), headers: {}, body: new Uint8Array() });
      await transport.close();
      const loaded = Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes('/undici/'));
      console.log(JSON.stringify({ status: answer.status, loaded }));`;
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--input-type=module',
      '-e',
      script,
    ]);
    assert.deepEqual(JSON.parse(stdout), { status: 200, loaded: false });
  });
});
