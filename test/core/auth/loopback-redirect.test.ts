import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import {
  startLoopbackRedirect,
  type LoopbackFailures,
} from '../../../main/core/auth/loopback-redirect.ts';
import { AppError } from '../../../shared/errors.ts';

const failures: LoopbackFailures = {
  timedOut: (minutes) => new AppError('TIMEOUT', `timed out after ${minutes} minutes`),
  wrongState: () => new AppError('UNAUTHORIZED', 'wrong state'),
  refused: (error, description) => new AppError('UNAUTHORIZED', `refused: ${error}|${description}`),
  cancelled: () => new AppError('CANCELLED', 'cancelled'),
};

function start(options: { state?: string; timeoutMs?: number; signal?: AbortSignal } = {}) {
  return startLoopbackRedirect({ state: 's-1', path: '/cb', failures, ...options });
}

describe('the loopback redirect', { timeout: 20_000 }, () => {
  test('binds 127.0.0.1 on a free port, holds the page until the tokens are checked, then stops', async () => {
    const loopback = await start();
    assert.match(loopback.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/cb$/);
    const stray = await fetch(new URL('/favicon.ico', loopback.redirectUri));
    assert.equal(stray.status, 404);
    const page = fetch(`${loopback.redirectUri}?code=the-code&state=s-1&iss=x`);
    const url = await loopback.callback();
    assert.equal(url.searchParams.get('code'), 'the-code');
    assert.equal(url.origin, new URL(loopback.redirectUri).origin);
    const second = await fetch(`${loopback.redirectUri}?code=other&state=s-1`);
    assert.equal(second.status, 404, 'one callback only');
    await loopback.finish({ ok: true });
    const answered = await page;
    assert.equal(answered.status, 200);
    assert.match(await answered.text(), /close this tab/);
    await assert.rejects(fetch(loopback.redirectUri));
  });

  test('a callback without this sign-in’s state fails the sign-in, however it is dressed', async () => {
    for (const query of [
      'code=c&state=forged',
      'code=c',
      'code=c&state=s-1&state=forged',
      'state=s-1',
    ]) {
      const loopback = await start();
      const page = await fetch(`${loopback.redirectUri}?${query}`);
      assert.equal(page.status, 400, query);
      await assert.rejects(loopback.callback(), /wrong state/, query);
      await loopback.finish({ ok: false });
    }
    const loopback = await start();
    await fetch(`${loopback.redirectUri}?error=access_denied&state=forged`);
    await assert.rejects(loopback.callback(), /wrong state/, 'an error needs the state too');
    await loopback.finish({ ok: false });
  });

  test('an error is reported bounded and cleaned, and the page does not repeat it', async () => {
    const loopback = await start();
    const description = `<script>alert(1)</script>\u0000\n${'x'.repeat(500)}`;
    const page = await fetch(
      `${loopback.redirectUri}?state=s-1&error=access_denied&error_description=${encodeURIComponent(description)}`,
    );
    const html = await page.text();
    assert.equal(page.status, 400);
    assert.doesNotMatch(html, /script|access_denied|xxx/);
    await assert.rejects(loopback.callback(), (error: AppError) => {
      const [, reported = ''] = /refused: access_denied\|(.*)$/s.exec(error.message) ?? [];
      assert.equal(reported.length, 200);
      assert.ok(reported.startsWith('<script>alert(1)</script>xxx'), reported);
      return true;
    });
    await loopback.finish({ ok: false });
  });

  test('a held page learns that the tokens were refused, in fixed words', async () => {
    const loopback = await start();
    const page = fetch(`${loopback.redirectUri}?code=c&state=s-1`);
    await loopback.callback();
    await loopback.finish({ ok: false });
    const answered = await page;
    assert.equal(answered.status, 400);
    assert.match(await answered.text(), /Sign-in failed.*Return to AppSync Workbench for details/s);
  });

  test('cancelling and timing out end the wait, and finishing stops listening', async () => {
    const controller = new AbortController();
    const cancelled = await start({ signal: controller.signal });
    controller.abort();
    await assert.rejects(cancelled.callback(), (e: AppError) => e.code === 'CANCELLED');
    await cancelled.finish({ ok: false });
    await assert.rejects(fetch(cancelled.redirectUri));

    const late = await start({ timeoutMs: 1 });
    await assert.rejects(late.callback(), (e: AppError) => e.code === 'TIMEOUT');
    const page = await fetch(`${late.redirectUri}?code=c&state=s-1`);
    assert.equal(page.status, 404, 'a callback after the timeout is not taken');
    await late.finish({ ok: false });
  });

  test('a registered redirect keeps its port and path; a taken port is said plainly', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await assert.rejects(
      startLoopbackRedirect({
        state: 's',
        path: '/cb',
        fixed: `http://localhost:${port}/registered`,
        failures,
      }),
      new RegExp(`port ${port} is in use`),
    );
    await new Promise((resolve) => probe.close(resolve));
    const loopback = await startLoopbackRedirect({
      state: 's',
      path: '/cb',
      fixed: `http://localhost:${port}/registered`,
      failures,
    });
    assert.equal(loopback.redirectUri, `http://localhost:${port}/registered`);
    const page = fetch(`http://127.0.0.1:${port}/registered?code=c&state=s`);
    const url = await loopback.callback();
    assert.equal(url.href, `http://localhost:${port}/registered?code=c&state=s`);
    await loopback.finish({ ok: true });
    assert.equal((await page).status, 200);
  });
});
