// Composition root of the Electron app: opens the store, starts the desk (Training by default,
// against the embedded simulator), creates the window and wires IPC. Behaviour lives in core.
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { openTrainingSession, type DeskSession } from '../core/session';
import { registerIpc } from './ipc';
import { openStore } from './store';
import { createMainWindow } from './window';

let deskSession: DeskSession | null = null;

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  deskSession = await openTrainingSession({ store: openStore(), dataDir: app.getPath('userData') });
  let win = createMainWindow();
  registerIpc(ipcMain, deskSession.desk, () => BrowserWindow.getAllWindows().map((w) => w.webContents));

  app.on('second-instance', () => {
    if (win.isDestroyed()) win = createMainWindow();
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createMainWindow();
  });
  app.on('before-quit', () => void deskSession?.close());
}

void main();
