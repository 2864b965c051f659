// Native notifications when a callout raised by a button press changes stage (created,
// dispatched, arrived...). Never for silent (hotkey) callouts, never when the operator turned
// notifications off, and not for what was already known when the app started.
import type { Notifier } from '../core/ports';
import { STAGE_WORDS, type DeskState } from '../shared/model';
import type { ShellApi } from './shell-api';

export interface NotificationDesk {
  getState(): DeskState;
  onChange(listener: (state: DeskState) => void): () => void;
}

/** The Notifier port on Electron's Notification; does nothing where notifications are unsupported. */
export function electronNotifier(api: Pick<ShellApi, 'Notification'>): Notifier {
  return {
    notify(title, body) {
      if (!api.Notification.isSupported()) return;
      new api.Notification({ title, body, silent: false }).show();
    },
  };
}

export function watchCalloutStages(desk: NotificationDesk, notifier: Notifier): () => void {
  // Stages already seen, per callout id; the first snapshot is taken as known.
  const seen = new Map<string, string>();
  for (const callout of desk.getState().callouts) seen.set(callout.id, callout.stage);

  return desk.onChange((state) => {
    for (const callout of state.callouts) {
      const before = seen.get(callout.id);
      seen.set(callout.id, callout.stage);
      if (before === callout.stage) continue;
      if (callout.silent || !state.settings.notifications) continue;
      const site = state.allSites.find((s) => s.id === callout.siteId)?.name ?? callout.siteId;
      const stage = STAGE_WORDS[callout.stage];
      notifier.notify(`${site}: ${stage}`, `Callout ${callout.id} is now ${stage.toLowerCase()}.`);
    }
  });
}
