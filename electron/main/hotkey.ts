// The silent global hotkey: registered through globalShortcut for the accelerator in the settings
// (validated first), re-registered whenever the setting changes, and reported to the desk
// (registered, or why not). A press calls desk.hotkeyPressed() and nothing else: this module is
// given no window, tray, notifier or sound, so it cannot show anything even by mistake.
import type { DeskState } from '../shared/model/desk-state';
import { checkAccelerator } from './accelerator';
import type { ShellGlobalShortcut } from './shell-api';

export interface HotkeyDesk {
  getState(): DeskState;
  onChange(listener: (state: DeskState) => void): () => void;
  hotkeyPressed(): 'tested' | 'raised' | 'noSite';
  setHotkeyStatus(status: { registered: boolean; error: string | null }): void;
}

export interface HotkeyBinding {
  /** The accelerator currently registered, if any. */
  registered(): string | null;
  dispose(): void;
}

/** Why a registration failed, with what usually causes it on this platform. */
export function registrationFailure(accelerator: string, env: NodeJS.ProcessEnv = process.env): string {
  const wayland = env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY);
  const base = `${accelerator} could not be registered: another application or the system already uses it. Choose another hotkey`;
  return wayland ? `${base}. On Wayland, global hotkeys may be refused altogether: use "Test the hotkey"` : base;
}

export function bindHotkey(globalShortcut: ShellGlobalShortcut, desk: HotkeyDesk): HotkeyBinding {
  let configured: string | null = null;
  let active: string | null = null;

  const apply = (setting: string): void => {
    configured = setting;
    if (active) globalShortcut.unregister(active);
    active = null;
    if (!setting.trim()) {
      desk.setHotkeyStatus({ registered: false, error: null });
      return;
    }
    const check = checkAccelerator(setting);
    if (!check.ok) {
      desk.setHotkeyStatus({ registered: false, error: `The hotkey "${setting}" cannot be used: ${check.error}` });
      return;
    }
    let ok: boolean;
    try {
      ok = globalShortcut.register(check.accelerator, () => {
        desk.hotkeyPressed();
      });
    } catch {
      ok = false;
    }
    if (!ok) {
      desk.setHotkeyStatus({ registered: false, error: registrationFailure(check.accelerator) });
      return;
    }
    active = check.accelerator;
    desk.setHotkeyStatus({ registered: true, error: null });
  };

  apply(desk.getState().settings.hotkey);
  const unsubscribe = desk.onChange((state) => {
    if (state.settings.hotkey !== configured) apply(state.settings.hotkey);
  });
  return {
    registered: () => active,
    dispose() {
      unsubscribe();
      if (active) globalShortcut.unregister(active);
      active = null;
    },
  };
}
