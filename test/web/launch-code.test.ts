/**
 * The web host's launch code is single-use: traded once for a separate session secret in an
 * HttpOnly cookie, then worthless; the launch URL only ever leads to `/`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { WebHost } from '../../main/web/web-host.ts';
import { connect, enter, get, launchPath, startTestWebHost } from './web-host-client.ts';

describe('web host launch code', () => {
  let host: WebHost;
  let stop: () => Promise<void>;

  before(async () => {
    ({ host, close: stop } = await startTestWebHost());
  });

  after(async () => {
    await stop();
  });

  const codeOf = (url: string) => new URL(url).searchParams.get('code') ?? '';

  test('a second use of the launch code is refused; the session it bought still works', async () => {
    const url = host.newLaunchUrl();
    const cookie = await enter(host, url);
    const again = await get(host, launchPath(url));
    assert.equal(again.status, 401);
    assert.equal(again.headers['set-cookie'], undefined);
    assert.match(again.body, /already used/);
    assert.equal((await get(host, '/', { Cookie: cookie })).status, 200);
  });

  test('the browser that holds a session may open a used launch link again', async () => {
    const url = host.newLaunchUrl();
    const cookie = await enter(host, url);
    const again = await get(host, launchPath(url), { Cookie: cookie });
    assert.equal(again.status, 303);
    assert.equal(again.headers.location, '/');
    assert.equal(again.headers['set-cookie'], undefined, 'no second session');
  });

  test('the launch code is no session secret', async () => {
    const code = codeOf(host.newLaunchUrl());
    assert.equal((await get(host, '/', { Cookie: `awb_${host.port}=${code}` })).status, 401);
    await assert.rejects(
      connect(host, { Cookie: `awb_${host.port}=${code}`, Origin: host.origin }),
      /refused 401/,
    );
  });

  test('a stale cookie of the same name beside the right one is accepted', async () => {
    const cookie = await enter(host, host.newLaunchUrl());
    const jar = `awb_${host.port}=stale-from-an-earlier-run; other=1; ${cookie}`;
    assert.equal((await get(host, '/', { Cookie: jar })).status, 200);
    const ws = await connect(host, { Cookie: jar, Origin: host.origin });
    ws.close();
    assert.equal(
      (await get(host, '/', { Cookie: `${cookie}; awb_${host.port}=stale` })).status,
      200,
    );
  });

  test('a launch URL that names another target still leads to / only', async () => {
    const paths = ['/.//evil.example/', '/a/..//evil.example', '//evil.example/', '/assets/x.js'];
    for (const path of paths) {
      const code = codeOf(host.newLaunchUrl());
      const launch = await get(host, `${path}?code=${code}&next=https://evil.example/`);
      assert.equal(launch.status, 303, path);
      assert.equal(launch.headers.location, '/', path);
    }
  });
});
