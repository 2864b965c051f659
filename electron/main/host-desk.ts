// The shell's view of a DeskHost (core/session.ts). The host replaces its desk when the operator
// saves new credentials, and for that moment has no desk at all. A hotkey press, a tray panic or a
// hotkey status arriving just then must not be lost or crash main: it is kept and handed to the
// new desk as soon as the host announces it. Reads fall back to the last state seen.
import type { Press } from '../shared/model/press';
import type { DeskState } from '../shared/model/desk-state';
import type { ShellDesk } from './shell';

/** What the shell needs of one desk. */
export interface HostedDesk {
  getState(): DeskState;
  hotkeyPressed(): 'tested' | 'raised' | 'noSite';
  setHotkeyStatus(status: { registered: boolean; error: string | null }): void;
  trigger(siteId: string, source: Press['source']): unknown;
}

/** What the shell needs of the host: its current desk (throws while switching) and its events. */
export interface DeskHostLike {
  readonly desk: HostedDesk;
  onChange(listener: (state: DeskState) => void): () => void;
}

export function shellDeskOf(host: DeskHostLike): ShellDesk {
  let last: DeskState | null = null;
  const waiting: Array<(desk: HostedDesk) => void> = [];

  const current = (): HostedDesk | null => {
    try {
      return host.desk;
    } catch {
      return null; // between two desks
    }
  };
  const withDesk = (action: (desk: HostedDesk) => void): void => {
    const desk = current();
    if (desk) action(desk);
    else waiting.push(action);
  };

  // Registered first, so the new desk has the waiting actions before anyone else hears of it.
  host.onChange((state) => {
    last = state;
    const desk = current();
    if (!desk) return;
    for (const action of waiting.splice(0)) action(desk);
  });

  return {
    getState() {
      const desk = current();
      if (desk) last = desk.getState();
      if (!last) throw new Error('the desk is not open yet');
      return last;
    },
    onChange: (listener) => host.onChange(listener),
    hotkeyPressed() {
      const desk = current();
      if (desk) return desk.hotkeyPressed();
      waiting.push((d) => void d.hotkeyPressed());
      // Kept for the next desk, which raises it (or confirms a test) the moment it opens.
      return 'raised';
    },
    setHotkeyStatus: (status) => withDesk((desk) => desk.setHotkeyStatus(status)),
    trigger: (siteId, source) => withDesk((desk) => void desk.trigger(siteId, source)),
  };
}
