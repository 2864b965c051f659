// A key per site (issue 24): each site's own silent key, registered through globalShortcut like
// the hotkey (hotkey.ts) and by the same rules: checked first (shared/site-keys.ts: typing-safe,
// no clash with the hotkey or another site's key, a site still listed), registration verified,
// each key's outcome reported to the desk for readiness. A press calls host.pressFromShell(site, 'hotkey')
// for the key's own site, the silent hotkey's path, and nothing else: no window, tray, notifier or
// sound is given here. Main registers no key while "Test your button" listens, so a press that
// arrives is a real one.
// Each key has its own QuietGap (core/held-key.ts): one press per physical press, per key.
// While "Test your button" listens every key is released, so the window can see the button.
import type { DeskHost } from '../core/desk-host';
import { QuietGap } from '../core/host/held-key';
import type { DeskState, SiteKeyStatus } from '../shared/model/desk-state';
import { planSiteKeys } from '../shared/site-keys';
import { registrationFailure } from './hotkey';
import type { ShellGlobalShortcut } from './shell-api';

export interface SiteHotkeyBinding {
  /** The accelerators registered now, by site id. */
  registered(): Record<string, string>;
  dispose(): void;
}

type SiteKeyHost = Pick<DeskHost, 'getState' | 'onChange' | 'pressFromShell' | 'setHotkeyStatus'>;

/** What the keys depend on: when none of it moved, the registrations stay as they are. */
function inputsOf(state: DeskState): string {
  const known = state.lastSyncAt === null ? null : state.allSites.map((s) => s.id);
  const { siteHotkeys, hotkey } = state.settings;
  return JSON.stringify([siteHotkeys, hotkey, known, state.hotkey.buttonTest === true]);
}

/** One QuietGap per accelerator, kept across re-registrations: a held pedal stays one press. */
function quietGaps(monotonic: () => number): (accelerator: string) => QuietGap {
  const gaps = new Map<string, QuietGap>();
  return (accelerator) => {
    const gap = gaps.get(accelerator) ?? new QuietGap(monotonic);
    gaps.set(accelerator, gap);
    return gap;
  };
}

export function bindSiteHotkeys(
  globalShortcut: ShellGlobalShortcut,
  host: SiteKeyHost,
  options: { monotonic?: () => number } = {},
): SiteHotkeyBinding {
  const gapOf = quietGaps(options.monotonic ?? (() => performance.now()));
  let active: Record<string, string> = {};
  let applied: string | null = null;

  const release = (): void => {
    for (const accelerator of Object.values(active)) globalShortcut.unregister(accelerator);
    active = {};
  };

  const register = (siteId: string, accelerator: string): boolean => {
    try {
      return globalShortcut.register(accelerator, () => {
        if (gapOf(accelerator).activation()) host.pressFromShell(siteId, 'hotkey'); // never throws
      });
    } catch {
      return false;
    }
  };

  const apply = (state: DeskState): void => {
    applied = inputsOf(state);
    release();
    // The button test listens in the window: no key of ours may swallow the button meanwhile.
    if (state.hotkey.buttonTest) return;
    const known = state.lastSyncAt === null ? null : state.allSites.map((s) => s.id);
    const nameOf = (id: string): string => state.allSites.find((s) => s.id === id)?.name ?? id;
    const plans = planSiteKeys(state.settings.siteHotkeys, state.settings.hotkey, known, nameOf);
    const statuses: SiteKeyStatus[] = plans.map(({ siteId, accelerator, error }) => {
      if (error) return { siteId, accelerator, registered: false, error };
      if (!register(siteId, accelerator)) {
        return {
          siteId,
          accelerator,
          registered: false,
          error: `${nameOf(siteId)}: ${registrationFailure(accelerator)}`,
        };
      }
      active[siteId] = accelerator;
      return { siteId, accelerator, registered: true, error: null };
    });
    host.setHotkeyStatus({ siteKeys: statuses });
  };

  apply(host.getState());
  const unsubscribe = host.onChange((state) => {
    if (inputsOf(state) !== applied) apply(state);
  });
  return {
    registered: () => ({ ...active }),
    dispose() {
      unsubscribe();
      release();
    },
  };
}
