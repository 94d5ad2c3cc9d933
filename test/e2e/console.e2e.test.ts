/**
 * "Open AWS console" end to end: Chromium clicks the button on the web host; the host's
 * browser opener (its $BROWSER, here a script that hands its argument to this test) receives a
 * private page forwarding to a sign-in URL on the local federation peer, which logs in to the AppSync console. The URL
 * never crosses the WebSocket to the renderer.
 */
import assert from 'node:assert/strict';
import { chmod, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { FEDERATION_ENDPOINT_VARIABLE } from '../../main/core/console/console-signin.ts';
import type { AwsPeers } from '../../main/sandbox/aws-peers.ts';
import { awsHome, peerEnv, startPeers } from '../core/credentials/credential-fixtures.ts';
import { forwardedUrl } from '../support/launch-page.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

/** Stands in for the system browser: each URL the host opens arrives here, in order. */
async function browserInbox(dir: string) {
  const waiting: Array<(url: string) => void> = [];
  const arrived: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      res.end();
      const next = waiting.shift();
      if (next) next(body);
      else arrived.push(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const script = join(dir, 'browser.mjs');
  await writeFile(
    script,
    `#!${process.execPath}\nawait fetch('http://127.0.0.1:${port}/', { method: 'POST', body: process.argv[2] });\n`,
  );
  await chmod(script, 0o700);
  return {
    command: script,
    next: () =>
      new Promise<string>((resolve) => {
        const url = arrived.shift();
        if (url !== undefined) resolve(url);
        else waiting.push(resolve);
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function follow(url: string) {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location') };
}

describe('open the AWS console as a profile (e2e, Chromium, local federation peer)', () => {
  let peers: AwsPeers;
  let inbox: Awaited<ReturnType<typeof browserInbox>>;
  let session: WorkbenchSession;
  let page: Page;
  const frames: string[] = [];

  before(async () => {
    peers = await startPeers();
    const home = await awsHome(peers);
    inbox = await browserInbox(home.home);
    session = await openWorkbench('console-e2e', {
      home: home.home,
      env: {
        ...peerEnv(peers),
        [FEDERATION_ENDPOINT_VARIABLE]: `${peers.url}/signin/federation`,
        BROWSER: inbox.command,
      },
      beforeOpen: (page) => {
        page.on('websocket', (socket) => {
          socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
          socket.on('framesent', (frame) => frames.push(String(frame.payload)));
        });
      },
    });
    page = session.page;
  });

  after(async () => {
    await session?.close();
    await inbox?.close();
    await peers?.close();
  });

  test('the profile view button signs in as the role and lands on the AppSync console', async () => {
    await page.locator('[data-profile="ops-base"]').click();
    await page.getByTestId('nav-profile').click();
    await page.getByTestId('open-console').click();
    const handed = await inbox.next();
    const url = await forwardedUrl(handed);
    assert.ok(url.startsWith(`${peers.url}/signin/federation?Action=login&`), url);
    assert.deepEqual(await follow(url), {
      status: 302,
      location: 'https://eu-west-1.console.aws.amazon.com/appsync/home?region=eu-west-1',
    });
    await page.getByTestId('console-status').filter({ hasText: 'Opened' }).waitFor();
    const token = new URL(url).searchParams.get('SigninToken') ?? '';
    assert.ok(token.length > 20);
    assert.ok(!frames.some((f) => f.includes(token) || f.includes('SigninToken')));
    assert.ok(!handed.includes(token), 'the token is on the browser command line');
  });

  test('the quick switcher opens the console as another profile without switching', async () => {
    await page.keyboard.press('Control+k');
    await page
      .locator('[data-testid="switcher-row"][data-profile="keys"]')
      .getByTestId('switcher-console')
      .click();
    await page.getByTestId('quick-switcher').waitFor({ state: 'detached' });
    const url = await forwardedUrl(await inbox.next());
    assert.equal((await follow(url)).status, 302);
    const federated = peers.calls.find((c) => c.action === 'GetFederationToken');
    assert.equal(federated?.outcome, 'ok');
    const active = await page.getByTestId('active-profile').locator('h2').innerText();
    assert.match(active, /^ops-base\b/);
  });
});
