// Start at login: on by default once the desk is set up (settings.startAtLogin defaults to true,
// but a desk still in Training, never configured, does not start itself). macOS and Windows use
// app.setLoginItemSettings; Linux has no such API, so an XDG autostart entry is written instead.
// Only a packaged app registers itself: a development run must never add the bare Electron binary.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { DeskHost } from '../core/desk-host';
import type { DeskState } from '../shared/model/desk-state';
import type { ShellApp } from './shell-api';

/**
 * Whether this desk should start at login now: once an AURA environment has been set up. Not
 * whether its secret can be read right now: a keychain that is locked at one start must not
 * unregister the desk from the next login.
 */
export function wantsStartAtLogin(state: DeskState): boolean {
  const setUp = state.environment !== 'training' && state.connection.clientId !== null;
  return setUp && state.settings.startAtLogin;
}

/** Applies the wish now and whenever it changes; returns the unsubscribe. */
export function syncLoginItem(
  host: Pick<DeskHost, 'getState' | 'onChange'>,
  apply: (enabled: boolean) => void,
): () => void {
  let applied = wantsStartAtLogin(host.getState());
  apply(applied);
  return host.onChange((state) => {
    const wanted = wantsStartAtLogin(state);
    if (wanted === applied) return;
    applied = wanted;
    apply(wanted);
  });
}

export interface LoginItemTarget {
  platform: NodeJS.Platform;
  /** The program to start: the AppImage on Linux when run from one, else the executable. */
  executable: string;
  /** $XDG_CONFIG_HOME/autostart, or ~/.config/autostart. */
  autostartDir?: string;
}

export const AUTOSTART_FILE = 'panic-desk.desktop';

/**
 * The Exec value for one program path, by the desktop entry spec: quoted with `"`, `` ` ``, `$`
 * and `\` escaped; `%` doubled (a lone one starts a field code); then escaped once more as a
 * string value (`\` doubled, line breaks and tabs as `\n`, `\r`, `\t`), so a path can never
 * end the line and add keys of its own.
 */
function execValue(executable: string): string {
  const quoted = `"${executable.replace(/(["`$\\])/g, '\\$1').replace(/%/g, '%%')}"`;
  return quoted.replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ?? c);
}

/** The XDG autostart entry for Linux desktops. */
export function autostartEntry(executable: string): string {
  const quoted = execValue(executable);
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Panic Desk',
    'Comment=Panic button for AURA callouts',
    `Exec=${quoted}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** How to turn start-at-login on or off on this machine; a no-op when not packaged. */
export function loginItemApplier(app: ShellApp, target: LoginItemTarget): (enabled: boolean) => void {
  if (!app.isPackaged) return () => undefined;
  if (target.platform === 'linux') {
    const dir = target.autostartDir ?? join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart');
    const file = join(dir, AUTOSTART_FILE);
    return (enabled) => {
      try {
        if (enabled) {
          mkdirSync(dir, { recursive: true });
          writeFileSync(file, autostartEntry(target.executable), { mode: 0o644 });
        } else {
          rmSync(file, { force: true });
        }
      } catch (error) {
        // Not being started at login is an inconvenience, never a reason to stop the desk.
        console.warn(`Start at login could not be changed: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }
  return (enabled) => app.setLoginItemSettings({ openAtLogin: enabled });
}
