// One IPC handler per contract command. Every call is checked: the sender must be one of the
// app's own windows, the frame must be its top frame showing the app's own page, and the payload
// must pass the command's schema (in runCommand). Replies are {ok: true, value} or
// {ok: false, error: {code, message}}. State events go to the app's own windows only.
import { COMMAND_NAMES, commandChannel, eventChannel } from '../shared/command-names';
import type { CommandResult } from '../shared/contract';
import type { DeskState } from '../shared/model/desk-state';
import type { ShellInvokeEvent, ShellIpcMain, ShellWebContents } from './shell-api';

export interface IpcOptions {
  /** Runs a command after the sender check (runCommand with the desk in the app). */
  run(name: string, payload: unknown): Promise<CommandResult<unknown>>;
  onChange(listener: (state: DeskState) => void): () => void;
  /** The web contents of the app's own windows, now. */
  windows(): ShellWebContents[];
  isAppUrl(url: string): boolean;
}

const FORBIDDEN: CommandResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'Commands are accepted only from the Panic Desk window' },
};

/** True when the call comes from the top frame of one of the app's windows, showing the app's page. */
export function isFromAppPage(event: ShellInvokeEvent, options: Pick<IpcOptions, 'windows' | 'isAppUrl'>): boolean {
  const frame = event.senderFrame;
  // Top frame only: an iframe (there is none, but the CSP is the only thing preventing one) is foreign.
  if (!frame || frame.parent !== null) return false;
  if (!options.windows().some((contents) => contents.id === event.sender.id)) return false;
  return options.isAppUrl(frame.url);
}

export function registerIpc(ipcMain: ShellIpcMain, options: IpcOptions): () => void {
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), async (event, payload) => {
      if (!isFromAppPage(event, options)) return FORBIDDEN;
      return options.run(name, payload);
    });
  }
  const unsubscribe = options.onChange((state) => {
    for (const contents of options.windows()) {
      if (!contents.isDestroyed()) contents.send(eventChannel('state.changed'), state);
    }
  });
  return () => {
    unsubscribe();
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(commandChannel(name));
  };
}
