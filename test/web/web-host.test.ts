/** The loopback web host over real sockets: who gets in, what they get, and what they don't. */
import assert from 'node:assert/strict';
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startWebHost, type WebHost } from '../../main/web/web-host.ts';
import { makeAwsHome, type AwsHome } from '../support/aws-home.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { testWorkbench } from '../support/workbench.ts';
import { call, connect, enter, get, launchPath } from './web-host-client.ts';

describe('web host', () => {
  let aws: AwsHome;
  let host: WebHost;
  let closeRouter: () => Promise<void>;
  let cookie: string;

  before(async () => {
    aws = await makeAwsHome({ config: '[profile dev]\nregion = eu-west-1\n' });
    const rendererDir = await makeTempDir('renderer');
    await mkdir(join(rendererDir, 'assets'));
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'export {};');
    await writeFile(join(aws.home, 'outside.txt'), 'must not be served');
    const workbench = testWorkbench(aws.environment());
    closeRouter = workbench.close;
    host = await startWebHost({ router: workbench.router, rendererDir });
    cookie = await enter(host);
  });

  after(async () => {
    await closeRouter();
    await host.close();
  });

  test('listens on 127.0.0.1 only, with a long random code in the launch URL', () => {
    const url = new URL(host.url);
    assert.equal(url.hostname, '127.0.0.1');
    assert.ok((url.searchParams.get('code') ?? '').length >= 40);
  });

  test('the launch code is traded for an HttpOnly, SameSite=Strict session cookie of this port', async () => {
    const url = host.newLaunchUrl();
    const launch = await get(host, launchPath(url));
    const setCookie = String(launch.headers['set-cookie']);
    assert.match(setCookie, new RegExp(`^awb_${host.port}=`));
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.equal(launch.headers.location, '/');
    const session = setCookie.split(';')[0]?.split('=')[1] ?? '';
    assert.ok(session.length >= 40);
    assert.notEqual(session, new URL(url).searchParams.get('code'), 'a separate secret');
  });

  test('serves the renderer with the strict CSP to the session holder', async () => {
    const page = await get(host, '/', { Cookie: cookie });
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    const script = await get(host, '/assets/app.js', { Cookie: cookie });
    assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
  });

  test('refuses a wrong or missing code or cookie', async () => {
    assert.equal((await get(host, '/?code=wrong')).status, 401);
    assert.equal((await get(host, '/')).status, 401);
    assert.equal((await get(host, '/', { Cookie: `awb_${host.port}=wrong` })).status, 401);
  });

  test('refuses a foreign Host header (DNS rebinding) and a foreign Origin', async () => {
    assert.equal((await get(host, '/', { Cookie: cookie, Host: 'evil.example' })).status, 421);
    assert.equal(
      (await get(host, '/', { Cookie: cookie, Host: `127.0.0.1:${host.port + 1}` })).status,
      421,
    );
    assert.equal(
      (await get(host, '/', { Cookie: cookie, Origin: 'http://evil.example' })).status,
      403,
    );
  });

  test('never serves files outside the renderer folder', async () => {
    for (const path of [
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/assets/..%2f..%2foutside.txt',
    ]) {
      const reply = await get(host, path, { Cookie: cookie });
      assert.notEqual(reply.status, 200, path);
      assert.doesNotMatch(reply.body, /must not be served/);
    }
  });

  test('refuses WebSocket upgrades without our Origin or session cookie', async () => {
    const origin = host.origin;
    await assert.rejects(connect(host, { Cookie: cookie }), /refused 403/);
    await assert.rejects(
      connect(host, { Cookie: cookie, Origin: 'http://evil.example' }),
      /refused 403/,
    );
    await assert.rejects(connect(host, { Origin: origin }), /refused 401/);
    await assert.rejects(
      connect(host, { Origin: origin, Cookie: `awb_${host.port}=x` }),
      /refused 401/,
    );
  });

  test('bridges the contract over the WebSocket, validation included', async () => {
    const ws = await connect(host, { Cookie: cookie, Origin: host.origin });
    try {
      const listed = (await call(ws, 1, 'profiles.list', {})) as {
        ok: boolean;
        value: { first: Array<{ name: string }> };
      };
      assert.equal(listed.ok, true);
      assert.deepEqual(
        listed.value.first.map((p) => p.name),
        ['dev'],
      );
      const invalid = (await call(ws, 2, 'profiles.select', { name: '' })) as {
        ok: boolean;
        error: { code: string };
      };
      assert.deepEqual([invalid.ok, invalid.error.code], [false, 'INVALID_INPUT']);
    } finally {
      ws.close();
    }
  });

  test('pushes profiles.changed when ~/.aws changes', async () => {
    const ws = await connect(host, { Cookie: cookie, Origin: host.origin });
    try {
      const event = new Promise<{ first: Array<{ name: string }> }>((resolve) => {
        ws.on('message', (data) => {
          const message = JSON.parse(String(data));
          if (message.type === 'event' && message.event === 'profiles.changed')
            resolve(message.payload);
        });
      });
      await writeFile(
        aws.configFile,
        '[profile dev]\nregion = eu-west-1\n[profile new-one]\nregion = us-east-2\n',
      );
      const payload = await event;
      assert.ok(payload.first.some((p) => p.name === 'new-one'));
    } finally {
      ws.close();
    }
  });
});
