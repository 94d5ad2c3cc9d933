/**
 * Composition root of the desktop app. Thin on purpose: the core does the work; this file wires
 * the window, the app:// protocol, the security rules and the one IPC channel to the router.
 */
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  safeStorage,
  type IpcMainInvokeEvent,
} from 'electron';
import { join } from 'node:path';
import { processEnvironment } from '../core/environment.ts';
import { createDemoLauncher } from '../hosting/demo-launcher.ts';
import { createWorkbench } from '../ipc/workbench-router.ts';
import { createSafeStorageVault } from './safe-storage-vault.ts';
import { registerAppScheme, serveRenderer } from './app-protocol.ts';
import { APP_ORIGIN, EVENT_CHANNEL, INVOKE_CHANNEL } from './channels.ts';
import { isPageKey } from './menu-keys.ts';
import { hardenSessions, isTrustedSender, openAllowedExternal } from './window-security.ts';

// The bundle lives in dist/electron; the renderer beside it in dist/renderer.
const distDir = join(__dirname, '..');
const environment = processEnvironment();

app.setPath('userData', environment.dataDir);
app.enableSandbox();
registerAppScheme();

async function createWindow(): Promise<void> {
  // After 'ready': safeStorage knows its Linux password store only from then on.
  const vault = createSafeStorageVault(environment.dataDir, safeStorage);
  const { router, close, restore } = createWorkbench(environment, {
    host: 'electron',
    version: app.getVersion(),
    opener: { open: openAllowedExternal },
    vault,
    vaultNotice: vault,
    demo: createDemoLauncher(),
    clipboard: { writeText: async (text) => clipboard.writeText(text) },
    picker: {
      pick: async (kind, title) => {
        const properties: ['openDirectory' | 'openFile', 'createDirectory'] =
          kind === 'folder'
            ? ['openDirectory', 'createDirectory']
            : ['openFile', 'createDirectory'];
        const filters = kind === 'file' ? [{ name: 'Exports (JSON)', extensions: ['json'] }] : [];
        const answer = await dialog.showOpenDialog(window, { title, properties, filters });
        return answer.canceled ? null : (answer.filePaths[0] ?? null);
      },
    },
  });
  await restore();
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'AppSync Workbench',
    webPreferences: {
      // Reviewed: the preload exposes only a frozen {invoke, subscribe} limited to the contract.
      preload: join(distDir, 'electron', 'preload.cjs'), // eng-disable PRELOAD_JS_CHECK
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  ipcMain.handle(INVOKE_CHANNEL, (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame, window.webContents)) {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Refused: untrusted sender frame.' },
      };
    }
    return router.dispatch(method, input);
  });
  const unsubscribe = router.onEvent((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });
  // The page still gets the key (it closes a tab); only the menu's accelerator is skipped.
  window.webContents.on('before-input-event', (_event, input) =>
    window.webContents.setIgnoreMenuShortcuts(isPageKey(input)),
  );
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    unsubscribe();
    void close();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  });
  await window.loadURL(`${APP_ORIGIN}/index.html`);
}

app.whenReady().then(async () => {
  hardenSessions();
  serveRenderer(join(distDir, 'renderer'));
  await createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
