/**
 * Smoke test of the desktop app itself (Electron, not the web host): it starts, runs a signed
 * query against the demo sandbox through the preload bridge, serves app:// with the strict CSP
 * and enforces it, and its preload adds nothing to the page but the frozen `workbench` bridge.
 * Skipped, with the reason on one line, where Electron's binary or a display is missing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CONTENT_SECURITY_POLICY } from '../../main/hosting/renderer-files.ts';
import {
  electronMissing,
  launchDesktopApp,
  PRELOAD,
  type DesktopApp,
} from './support/electron-app.ts';
import { openDemoWorkspace, runQuery } from './support/workbench-page.ts';

const missing = electronMissing();

describe('the desktop app (e2e, Electron)', { skip: missing ?? false }, () => {
  let desktop: DesktopApp;

  before(async () => {
    desktop = await launchDesktopApp('electron-e2e');
  });

  after(async () => {
    await desktop?.close();
  });

  test('opens the demo workspace and runs a SigV4-signed query through the preload bridge', async () => {
    const { window } = desktop;
    assert.equal(new URL(window.url()).origin, 'app://workbench');
    await openDemoWorkspace(window);
    await window.locator('[aria-current="true"][data-profile="sandbox-keys"]').waitFor();
    const body = await runQuery(window, 'query { whoami { authMode arn } }');
    assert.equal(await window.getByTestId('response-status').innerText(), '200 OK');
    assert.match(body, /"authMode": "AWS_IAM"/);
    assert.match(body, /arn:aws:iam::123456789012:/);
  });

  test('app:// carries the strict CSP as a header and in the page, and the page obeys it', async () => {
    const headers = await desktop.app.evaluate(async ({ net }) => {
      const response = await net.fetch('app://workbench/index.html');
      return Object.fromEntries(response.headers);
    });
    assert.equal(headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.equal(headers['x-frame-options'], 'DENY');
    const { window } = desktop;
    const meta = await window
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content');
    // A meta CSP cannot carry frame-ancestors; everything else is the header's policy.
    assert.equal(meta, CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
    const inline = await window.evaluate(
      () =>
        new Promise<{ directive: string; ran: boolean }>((resolve) => {
          document.addEventListener(
            'securitypolicyviolation',
            (event) =>
              resolve({
                directive: event.effectiveDirective,
                ran: (window as unknown as { inlineRan?: boolean }).inlineRan === true,
              }),
            { once: true },
          );
          const script = document.createElement('script');
          script.textContent = 'window.inlineRan = true;';
          document.head.append(script);
        }),
    );
    assert.deepEqual(inline, { directive: 'script-src-elem', ran: false });
  });

  test('the preload exposes only the frozen {invoke, subscribe} bridge, and no Node', async () => {
    const surface = await desktop.window.evaluate(() => {
      const bridge = (window as unknown as { workbench: object }).workbench;
      const names = ['require', 'process', 'module', 'exports', 'Buffer', 'global', 'ipcRenderer'];
      return {
        keys: Object.getOwnPropertyNames(bridge).sort(),
        frozen: Object.isFrozen(bridge),
        node: names.filter((name) => name in window),
      };
    });
    assert.deepEqual(surface, { keys: ['invoke', 'subscribe'], frozen: true, node: [] });
    // The same page with and without the preload, in this Electron: one global apart.
    const added = await desktop.app.evaluate(async ({ BrowserWindow }, preload) => {
      const globalsWith = async (extra: { preload?: string }) => {
        const window = new BrowserWindow({
          show: false,
          webPreferences: {
            sandbox: true,
            contextIsolation: true,
            nodeIntegration: false,
            ...extra,
          },
        });
        try {
          // A data: page, not about:blank: Electron skips preloads on some about:blank frames.
          await window.loadURL('data:text/html,<title>globals</title>');
          return (await window.webContents.executeJavaScript(
            'Object.getOwnPropertyNames(globalThis)',
          )) as string[];
        } finally {
          window.destroy();
        }
      };
      const bare = await globalsWith({});
      return (await globalsWith({ preload })).filter((name) => !bare.includes(name));
    }, PRELOAD);
    assert.deepEqual(added, ['workbench']);
  });
});
