/**
 * OIDC sign-in in the workbench, end to end: a provider added in the UI, a sign-in in "the
 * system browser" (the web host runs $BROWSER, here a script that writes the URL down; a second
 * Chromium page then signs in on oidc-provider's own pages), the identity shown, a query to a
 * sandbox that verifies the ID token against the provider's JWKS, and sign-out. Every WebSocket
 * frame between the app page and main is scanned: no token may cross.
 */
import assert from 'node:assert/strict';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startSandbox, type Sandbox } from '../../main/sandbox/sandbox-server.ts';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.ts';
import { makeTempDir } from '../support/web-host-process.ts';
import { runQuery } from './support/workbench-page.ts';
import { openWorkbench, type WorkbenchSession } from './support/workbench-session.ts';

/** Polls for what the "system browser" was asked to open. */
async function nextOpenedUrl(file: string, seen: number): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const lines = (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    if (lines.length > seen) return lines[seen] as string;
    if (Date.now() > deadline) throw new Error('The app never opened the system browser.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('OIDC sign-in in the workbench (e2e, Chromium, oidc-provider, sandbox)', () => {
  let op: TestOidcProvider;
  let sandbox: Sandbox;
  let session: WorkbenchSession;
  let page: Page;
  let openedFile: string;
  /** Every WebSocket frame between the app page and main, both ways. */
  const frames: string[] = [];
  const tokens: string[] = [];

  /** The tokens the web host keeps in its vault file; remembered for the frame scan. */
  async function heldTokens(): Promise<string[]> {
    const vault = JSON.parse(
      await readFile(join(session.host.dataDir, 'vault', 'secrets.json'), 'utf8'),
    ) as { secrets: Record<string, string> };
    const held = JSON.parse(vault.secrets['oidc:local:tokens'] ?? 'null') as {
      idToken: string | null;
      accessToken: string;
      refreshToken: string | null;
    } | null;
    const found = [held?.idToken, held?.accessToken, held?.refreshToken].filter(
      (token): token is string => !!token,
    );
    tokens.push(...found);
    return found;
  }

  before(async () => {
    op = await startOidcProvider();
    sandbox = await startSandbox({ jwt: { openid: { issuer: op.issuer, clientId: op.clientId } } });
    const home = await makeTempDir('oidc-e2e');
    const tools = await makeTempDir('oidc-browser');
    openedFile = join(tools, 'opened.txt');
    const script = join(tools, 'browser.sh');
    await writeFile(script, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${openedFile}'\n`);
    await chmod(script, 0o755);
    session = await openWorkbench('oidc-e2e', {
      home,
      env: { BROWSER: script },
      beforeOpen: (page) => {
        page.on('websocket', (socket) => {
          const keep = (frame: { payload: string | Buffer }) => frames.push(String(frame.payload));
          socket.on('framesent', keep);
          socket.on('framereceived', keep);
        });
      },
    });
    page = session.page;
    await page.getByTestId('nav-endpoints').click();
  });

  after(async () => {
    await session?.close();
    await sandbox?.close();
    await op?.close();
  });

  test('a provider is added in the UI; the list shows it', async () => {
    await page.getByTestId('oidc-add').click();
    await page.getByTestId('oidc-name').fill('local');
    await page.getByTestId('oidc-issuer').fill(op.issuer);
    await page.getByTestId('oidc-client-id').fill(op.clientId);
    await page.getByTestId('oidc-save').click();
    const row = page.locator('[data-testid="oidc-provider"][data-provider="local"]');
    await row.waitFor();
    assert.equal(await row.getAttribute('data-signed-in'), 'no');
    assert.match(await row.innerText(), new RegExp(op.issuer.replace(/\./g, '\\.')));
  });

  test('signing in opens the system browser; after the provider pages the identity shows', async () => {
    await page.getByTestId('oidc-login-browser').click();
    const url = await nextOpenedUrl(openedFile, 0);
    assert.ok(url.startsWith(`${op.issuer}/auth?`), url);
    assert.match(url, /redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fcallback/);

    const systemBrowser = await session.browser.newPage();
    // Offline machine: the provider's pages reference a web font; only local hosts answer.
    await systemBrowser.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await systemBrowser.goto(url);
    await systemBrowser.fill('input[name="login"]', op.user.sub);
    await systemBrowser.fill('input[name="password"]', op.user.password);
    await systemBrowser.click('button[type="submit"]');
    await systemBrowser.waitForSelector('input[name="prompt"][value="consent"]', {
      state: 'attached',
    });
    await systemBrowser.click('button[type="submit"]');
    await systemBrowser.waitForURL(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);
    assert.equal(await systemBrowser.textContent('h1'), 'Signed in');
    await systemBrowser.close();

    await page.locator('[data-testid="oidc-provider"][data-signed-in="yes"]').waitFor();
    assert.equal(await page.getByTestId('oidc-subject').innerText(), op.user.sub);
    assert.match(await page.getByTestId('oidc-who').innerText(), /Alice Example/);
    assert.match(await page.getByTestId('oidc-who').innerText(), /alice@example\.com/);
    assert.match(await page.getByTestId('oidc-expiry').innerText(), /\d/);

    assert.equal(
      (await heldTokens()).length,
      3,
      'ID, access and refresh tokens are held in the vault',
    );
  });

  test('an endpoint bound to the provider runs a query authorized by the ID token', async () => {
    await page.getByTestId('add-endpoint').click();
    await page.getByTestId('endpoint-name').fill('OIDC sandbox');
    await page.getByTestId('endpoint-url').fill(sandbox.graphqlUrl);
    await page.getByTestId('mode-type').selectOption('OPENID_CONNECT');
    await page.getByLabel('Secret from').selectOption('oidc');
    await page.getByTestId('mode-oidc-provider').selectOption('local');
    await page.getByTestId('save-endpoint').click();
    await page.getByTestId('endpoint-form').waitFor({ state: 'detached' });
    assert.match(
      await page.getByTestId('endpoint-list').innerText(),
      /OIDC sandbox[\s\S]*OPENID_CONNECT/,
    );

    await page.getByTestId('nav-request').click();
    const endpoints = page.getByTestId('endpoint-select');
    const value = await endpoints
      .locator('option', { hasText: 'OIDC sandbox' })
      .getAttribute('value');
    await endpoints.selectOption(value ?? '');
    const body = await runQuery(page, 'query { whoami { authMode sub issuer } }');
    assert.match(body, /"authMode": "OPENID_CONNECT"/);
    assert.match(body, new RegExp(`"sub": "${op.user.sub}"`));
    assert.match(body, new RegExp(`"issuer": "${op.issuer.replace(/\./g, '\\.')}`));
  });

  test('signing out forgets the sign-in', async () => {
    await page.getByTestId('nav-endpoints').click();
    await page.getByTestId('oidc-logout').click();
    await page.locator('[data-testid="oidc-provider"][data-signed-in="no"]').waitFor();
    // An emptied vault has no file at all.
    const vault = await readFile(join(session.host.dataDir, 'vault', 'secrets.json'), 'utf8').catch(
      () => '',
    );
    assert.ok(!vault.includes('oidc:local:tokens'), 'the tokens are gone from the vault');
  });

  test('the device flow shows its code in the app; approving it signs in', async () => {
    await page.getByTestId('oidc-login-device').click();
    const dialog = page.getByTestId('prompt-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('data-kind'), 'device-code');
    const userCode = (await page.getByTestId('device-user-code').innerText()).trim();
    // The verification page was opened in the system browser too.
    assert.match(await nextOpenedUrl(openedFile, 1), new RegExp(`^${op.issuer}/device`));
    await op.approveDevice(userCode);
    await page.locator('[data-testid="oidc-provider"][data-signed-in="yes"]').waitFor();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('oidc-subject').innerText(), op.user.sub);
    assert.equal((await heldTokens()).length, 3);
    await page.getByTestId('oidc-logout').click();
    await page.locator('[data-testid="oidc-provider"][data-signed-in="no"]').waitFor();
  });

  test('no token ever crossed to the renderer', () => {
    assert.equal(tokens.length, 6, 'the tokens of both sign-ins were read');
    assert.ok(frames.length > 20, `only ${frames.length} frames were seen`);
    const traffic = frames.join('\n');
    assert.match(traffic, /oidc\.login/, 'the sign-in went over this socket');
    assert.ok(traffic.includes(op.user.email), 'the identity did cross: the scan sees answers');
    for (const token of tokens) {
      // A JWT's signature part is as telling as the whole token.
      for (const part of [token, ...token.split('.').filter((p) => p.length > 20)]) {
        assert.ok(!traffic.includes(part), 'a token (or part of one) crossed the WebSocket');
      }
    }
  });
});
