// Browser side of the web harness: implements `window.panicDesk` over a WebSocket, so that the
// very same renderer build runs in plain Chromium against the very same core under Node. Its
// messages are the wire's envelopes (electron/shared/wire.ts), served by the same serveContract as IPC.
import type { CommandResult, PanicDeskBridge } from '../../electron/shared/contract';
import type { WireRequest, WireToPage } from '../../electron/shared/wire';

type Pending = (result: CommandResult<unknown>) => void;

function createBridge(url: string): PanicDeskBridge {
  let socket: WebSocket | null = null;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const outbox: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const connect = (): void => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      for (const message of outbox.splice(0)) ws.send(message);
    };
    ws.onmessage = (e) => {
      // From the harness, which serves this very page: trusted as the preload trusts main.
      const message = JSON.parse(String(e.data)) as WireToPage;
      if ('id' in message) {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else {
        for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
      }
    };
    ws.onclose = () => {
      for (const resolve of pending.values())
        resolve({ ok: false, error: { code: 'failed', message: 'Lost the connection to the harness' } });
      pending.clear();
      setTimeout(connect, 300);
    };
  };
  connect();

  return {
    invoke(name, input) {
      const id = nextId++;
      const request: WireRequest = { id, name, payload: input };
      const text = JSON.stringify(request);
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        if (socket?.readyState === WebSocket.OPEN) socket.send(text);
        else outbox.push(text);
      });
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => void set.delete(wrapped);
    },
  };
}

// The page was opened with the run's token (?token=…); the socket presents it to the harness.
// The token then leaves the address bar (history, screenshots, shoulder surfers); the tab keeps
// it in sessionStorage for a reload, which the page cookie opens (guard.ts).
const address = new URL(location.href);
const token = address.searchParams.get('token') ?? sessionStorage.getItem('panic-desk-harness-token') ?? '';
sessionStorage.setItem('panic-desk-harness-token', token);
address.searchParams.delete('token');
history.replaceState(history.state, '', address.href);
window.panicDesk = createBridge(`ws://${location.host}/__harness/ws?token=${encodeURIComponent(token)}`);
