// Native notifications when a callout raised by a button press changes stage (created,
// dispatched, arrived...). Never for silent (hotkey) callouts, never when the operator turned
// notifications off, and not for what was already known when the app started. A callout a
// colleague raised on a shown site (issue 24 item 3) follows the policy's `colleagueAlerts` only:
// off (the default) says nothing, "silent" and "sound" say "Callout at <site> — raised by another
// desk" when it appears, then its stages, without or with sound.
import type { DeskHost } from '../core/desk-host';
import { colleagueWords, isColleagueCallout } from '../core/monitor/colleague-alerts';
import type { Notifier } from '../core/ports';
import type { DeskState } from '../shared/model/desk-state';
import { STAGE_WORDS } from '../shared/stages';
import type { ShellApi } from './shell-api';

/** The Notifier port on Electron's Notification; does nothing where notifications are unsupported. */
export function electronNotifier(api: Pick<ShellApi, 'Notification'>): Notifier {
  return {
    notify(title, body, options) {
      if (!api.Notification.isSupported()) return;
      new api.Notification({ title, body, silent: options?.silent ?? false }).show();
    },
  };
}

export function watchCalloutStages(host: Pick<DeskHost, 'getState' | 'onChange'>, notifier: Notifier): () => void {
  // Stages already seen, per callout id. The first snapshot, and the first one after a switch to
  // another environment (another desk, with its own history), are taken as known.
  const seen = new Map<string, string>();
  let environment: string | null = null;
  const baseline = (state: DeskState): void => {
    environment = state.environment;
    seen.clear();
    for (const callout of state.callouts) seen.set(callout.id, callout.stage);
  };
  baseline(host.getState());

  return host.onChange((state) => {
    if (state.environment !== environment) return baseline(state);
    for (const callout of state.callouts) {
      const before = seen.get(callout.id);
      seen.set(callout.id, callout.stage);
      if (before === callout.stage) continue;
      const site = state.allSites.find((s) => s.id === callout.siteId)?.name ?? callout.siteId;
      const stage = STAGE_WORDS[callout.stage];
      const body = `Callout ${callout.id} is now ${stage.toLowerCase()}.`;
      if (isColleagueCallout(callout, state)) {
        const alerts = state.policy.colleagueAlerts;
        if (alerts === 'off' || state.policy.role === 'monitor') continue;
        const title = before === undefined ? colleagueWords(site) : `${site}: ${stage}`;
        notifier.notify(title, body, { silent: alerts === 'silent' });
        continue;
      }
      if (callout.silent || !state.settings.notifications) continue;
      notifier.notify(`${site}: ${stage}`, body);
    }
  });
}
