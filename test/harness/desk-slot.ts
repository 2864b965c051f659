// The web harness's one desk host, which the specs may stop, start and restart on the same data
// folder (POST /__harness/…). Pages talk to the slot, not to a host: while the desk is stopped
// their commands wait, as the app's window would, and their state events follow whichever host is
// open, across restarts.
import { describeCommandFailure } from '../../electron/core/host/command-failure';
import type { DeskHost } from '../../electron/core/desk-host';
import type { DeskState } from '../../electron/shared/model/desk-state';
import type { WireHost } from '../../electron/shared/wire';

export interface DeskSlot {
  /** What each page's wire serves. */
  readonly wire: WireHost;
  /** The desk host open now (the last one, while stopped). */
  current(): DeskHost;
  /** Quits the desk; `onStop` runs first (the harness drops the pages' sockets). */
  stop(): Promise<void>;
  /** Opens the desk again on the same data folder, as when the app starts. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function openDeskSlot(open: () => Promise<DeskHost>, onStop: () => void): Promise<DeskSlot> {
  let host = await open();
  let ready: Promise<void> = Promise.resolve();
  let resume: (() => void) | null = null;
  const listeners = new Set<(state: DeskState) => void>();
  const subscribe = (h: DeskHost): (() => void) =>
    h.onChange((state) => {
      for (const listener of listeners) listener(state);
    });
  let unsubscribe = subscribe(host);

  return {
    wire: {
      invoke: (name, input) => ready.then(() => host.invoke(name, input)),
      onChange(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      describeFailure: describeCommandFailure,
    },
    current: () => host,
    async stop() {
      if (resume) return;
      ready = new Promise<void>((ok) => (resume = ok));
      unsubscribe();
      onStop();
      await host.close();
    },
    async start() {
      if (!resume) return;
      host = await open();
      unsubscribe = subscribe(host);
      const release = resume;
      resume = null;
      release();
    },
    async close() {
      unsubscribe();
      await host.close();
    },
  };
}
