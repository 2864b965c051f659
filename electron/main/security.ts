// App-wide hardening, installed before any window exists: every permission request and check is
// refused (the page needs no camera, notifications, clipboard or anything else from the browser),
// and every web contents the app ever creates is locked down like the main window.
import type { ShellApi } from './shell-api';
import { lockDown } from './window';

export function hardenApp(api: Pick<ShellApi, 'app' | 'session'>): void {
  const session = api.session.defaultSession;
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  api.app.on('web-contents-created', (_event, contents) => lockDown(contents, !api.app.isPackaged));
}
