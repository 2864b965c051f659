// Exposes exactly one thing to the page: `window.panicDesk`, with the contract's commands and
// events. No raw ipcRenderer, no generic channel: every name is checked against the contract's
// names (command-names.ts, no schemas, so this stays small); main checks them again (wire.ts).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { commandChannel, eventChannel, isCommandName, isEventName } from '../shared/command-names';
import type { PanicDeskBridge } from '../shared/contract';

const bridge: PanicDeskBridge = {
  invoke(name, input) {
    if (!isCommandName(name)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknownCommand', message: `Unknown command ${String(name)}` },
      });
    }
    return ipcRenderer.invoke(commandChannel(name), input);
  },
  on(name, listener) {
    if (!isEventName(name)) throw new Error(`Unknown event ${String(name)}`);
    const channel = eventChannel(name);
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as never);
    ipcRenderer.on(channel, wrapped);
    return () => void ipcRenderer.removeListener(channel, wrapped);
  },
};

contextBridge.exposeInMainWorld('panicDesk', bridge);
