// One IPC handler per contract command. Every call is checked: the sender's frame must be the
// app's own page, and the payload must pass the command's schema (in runCommand).
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { COMMAND_NAMES, commandChannel, eventChannel, type CommandResult } from '../shared/contract';
import { runCommand } from '../core/commands';
import type { Desk } from '../core/desk';

/** True when a URL is the app's own page (the packaged file or the dev server). */
export function isAppUrl(url: string): boolean {
  const dev = process.env.ELECTRON_RENDERER_URL;
  if (dev && url.startsWith(dev)) return true;
  return url.startsWith('file://') && url.includes('/renderer/index.html');
}

export function registerIpc(ipcMain: IpcMain, desk: Desk, windows: () => WebContents[]): () => void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(
      commandChannel(name),
      async (event: IpcMainInvokeEvent, payload: unknown): Promise<CommandResult<unknown>> => {
        const url = event.senderFrame?.url ?? '';
        if (!isAppUrl(url) || event.senderFrame !== event.sender.mainFrame) {
          return {
            ok: false,
            error: { code: 'forbidden', message: 'Commands are accepted only from the Panic Desk window' },
          };
        }
        return runCommand(desk, name, payload);
      },
    );
  }
  const unsubscribe = desk.onChange((state) => {
    for (const contents of windows()) contents.send(eventChannel('state.changed'), state);
  });
  return () => {
    unsubscribe();
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(commandChannel(name));
  };
}
