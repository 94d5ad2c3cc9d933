/**
 * The desktop shell's security rules, from the Electron security checklist: no navigation, no
 * new windows (allow-listed https links go to the system browser), no permissions, no webviews,
 * and IPC accepted only from our own main frame.
 */
import { app, session, shell, type WebContents, type WebFrameMain } from 'electron';
import { APP_ORIGIN } from './channels.ts';
import { isAllowedExternalUrl, isOpenableLoginUrl } from './external-links.ts';

export function isTrustedSender(frame: WebFrameMain | null, contents: WebContents): boolean {
  if (!frame || frame !== contents.mainFrame) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** The desktop's Opener port: the system browser, for login pages the core chose. */
export async function openAllowedExternal(url: string): Promise<void> {
  if (!isOpenableLoginUrl(url)) {
    throw new Error(`Refused to open ${url.slice(0, 100)}: only https (or loopback http) URLs.`);
  }
  // Reviewed: the core opens only https or loopback login pages (checked just above).
  await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

export function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Reviewed: only https URLs on the allow-list above reach the system browser.
      if (isAllowedExternalUrl(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
      return { action: 'deny' };
    });
  });
}
