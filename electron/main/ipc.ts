// The wire (shared/wire.ts) over Electron IPC: one handler per contract command, no generic
// channel. Every call is checked here first: the sender must be one of the app's own windows, the
// frame must be its top frame showing the app's own page; then serveContract checks the name and
// the payload and asks the host. State events go to the app's own windows only.
import { COMMAND_NAMES, commandChannel, eventChannel } from '../shared/command-names';
import type { CommandResult } from '../shared/contract';
import { serveContract, type WireHost, type WireTransport } from '../shared/wire';
import type { ShellInvokeEvent, ShellIpcMain, ShellWebContents } from './shell-api';

export interface IpcOptions {
  /** The desk, as the wire serves it. */
  host: WireHost;
  /** The web contents of the app's own windows, now. */
  windows(): ShellWebContents[];
  isAppUrl(url: string): boolean;
}

const FORBIDDEN: CommandResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'Commands are accepted only from the Panic Desk window' },
};
const CLOSED: CommandResult<never> = {
  ok: false,
  error: { code: 'failed', message: 'Panic Desk is closing' },
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
  // Each invoke waits for the reply carrying its id; events go to every app window.
  const pending = new Map<number, (result: CommandResult<unknown>) => void>();
  let nextId = 1;
  const arrived = new Set<(message: unknown) => void>();
  const closed = new Set<() => void>();
  const transport: WireTransport = {
    send(message) {
      if ('id' in message) {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
        return;
      }
      for (const contents of options.windows()) {
        if (!contents.isDestroyed()) contents.send(eventChannel(message.event), message.payload);
      }
    },
    onMessage: (listener) => subscribe(arrived, listener),
    onClose: (listener) => subscribe(closed, listener),
  };
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(commandChannel(name), async (event, payload) => {
      if (!isFromAppPage(event, options)) return FORBIDDEN;
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        for (const listener of arrived) listener({ id, name, payload });
      });
    });
  }
  serveContract(options.host, transport);
  return () => {
    for (const name of COMMAND_NAMES) ipcMain.removeHandler(commandChannel(name));
    for (const listener of closed) listener();
    for (const resolve of pending.values()) resolve(CLOSED);
    pending.clear();
  };
}

function subscribe<T>(listeners: Set<T>, listener: T): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
