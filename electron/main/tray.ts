// The tray icon: shows readiness (icon and tooltip, in words) and offers Show, the panic action
// for the hotkey's site, and Quit. It reflects readiness and settings, and no callout of this
// desk's own, so a silent hotkey press changes nothing here; only a colleague's callout, when the
// policy's `colleagueAlerts` asks (issue 24). A monitor's menu offers no panic.
import type { DeskHost } from '../core/desk-host';
import type { Readiness } from '../shared/model/connection';
import type { DeskState } from '../shared/model/desk-state';
import { colleagueTrayLine } from '../core/monitor/colleague-alerts';
import type { ShellApi, ShellMenuItem, ShellTray } from './shell-api';

export const TRAY_LEVELS = ['ready', 'degraded', 'offline', 'notConfigured'] as const;
export type TrayLevel = (typeof TRAY_LEVELS)[number];

/** Four icons for six readiness levels: anything that stops a press from being sent is offline. */
export function trayLevel(readiness: Readiness): TrayLevel {
  switch (readiness.level) {
    case 'ready':
    case 'degraded':
    case 'offline':
    case 'notConfigured':
      return readiness.level;
    case 'credentialsRejected':
    case 'keychainUnavailable':
      return 'offline';
  }
}

export interface TrayOptions {
  host: Pick<DeskHost, 'getState' | 'onChange' | 'pressFromShell'>;
  /** The PNG for each level. */
  iconFor(level: TrayLevel): string;
  show(): void;
  /** Asks to quit (the quit guard confirms while a callout is active). */
  quit(): void;
}

/** What the tray shows; compared so that an unrelated state change touches nothing. */
interface TrayView {
  level: TrayLevel;
  toolTip: string;
  panicSite: { id: string; name: string } | null;
  /** A monitor (issue 24) offers no panic at all. */
  monitor: boolean;
  /** A colleague's callout under way on a shown site (issue 24 item 3, policy `colleagueAlerts`). */
  colleague: string | null;
}

function viewOf(state: DeskState): TrayView {
  const siteId = state.hotkey.siteId;
  const site = siteId ? (state.allSites.find((s) => s.id === siteId) ?? null) : null;
  const colleague = colleagueTrayLine(state);
  return {
    level: trayLevel(state.readiness),
    toolTip: `Panic Desk — ${colleague ?? state.readiness.message}`,
    panicSite: site ? { id: site.id, name: site.name } : null,
    monitor: state.policy.role === 'monitor',
    colleague,
  };
}

/** The menu's panic item: the hotkey's site, a hint, or nothing on a monitor. */
function panicItems(v: TrayView, host: TrayOptions['host']): ShellMenuItem[] {
  if (v.monitor) return [];
  const panic: ShellMenuItem = v.panicSite
    ? {
        label: `Raise panic: ${v.panicSite.name}`,
        click: () => {
          if (v.panicSite) host.pressFromShell(v.panicSite.id, 'tray');
        },
      }
    : { label: 'Raise panic: choose the hotkey site in Settings', enabled: false };
  return [panic, { type: 'separator' }];
}

export function createTray(api: Pick<ShellApi, 'Tray' | 'Menu'>, options: TrayOptions): { destroy(): void } {
  let view = viewOf(options.host.getState());
  const tray: ShellTray = new api.Tray(options.iconFor(view.level));
  tray.setToolTip(view.toolTip);
  tray.on('click', () => options.show());

  const menuFor = (v: TrayView): ShellMenuItem[] => [
    { label: 'Show Panic Desk', click: () => options.show() },
    ...(v.colleague ? [{ label: v.colleague, click: () => options.show() }] : []),
    { type: 'separator' },
    ...panicItems(v, options.host),
    { label: 'Quit Panic Desk', click: () => options.quit() },
  ];
  tray.setContextMenu(api.Menu.buildFromTemplate(menuFor(view)));

  const unsubscribe = options.host.onChange((state) => {
    const next = viewOf(state);
    if (next.level !== view.level) tray.setImage(options.iconFor(next.level));
    if (next.toolTip !== view.toolTip) tray.setToolTip(next.toolTip);
    const samePanic = next.panicSite?.id === view.panicSite?.id && next.panicSite?.name === view.panicSite?.name;
    if (!samePanic || next.monitor !== view.monitor || next.colleague !== view.colleague) {
      tray.setContextMenu(api.Menu.buildFromTemplate(menuFor(next)));
    }
    view = next;
  });
  return {
    destroy() {
      unsubscribe();
      tray.destroy();
    },
  };
}
