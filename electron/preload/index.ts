// Exposes exactly one thing to the page: `window.panicDesk`, with the contract's commands and
// events. No raw ipcRenderer, no generic channel: every name is checked against the contract.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  COMMAND_NAMES,
  EVENT_NAMES,
  commandChannel,
  eventChannel,
  type CommandName,
  type EventName,
  type PanicDeskBridge,
} from '../shared/contract';

const bridge: PanicDeskBridge = {
  invoke(name, input) {
    if (!COMMAND_NAMES.includes(name as CommandName)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknownCommand', message: `Unknown command ${String(name)}` },
      });
    }
    return ipcRenderer.invoke(commandChannel(name), input);
  },
  on(name, listener) {
    if (!EVENT_NAMES.includes(name as EventName)) throw new Error(`Unknown event ${String(name)}`);
    const channel = eventChannel(name);
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as never);
    ipcRenderer.on(channel, wrapped);
    return () => void ipcRenderer.removeListener(channel, wrapped);
  },
};

contextBridge.exposeInMainWorld('panicDesk', bridge);
