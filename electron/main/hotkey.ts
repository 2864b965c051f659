// The silent global hotkey: registered through globalShortcut for the accelerator in the settings
// (validated first), re-registered whenever the setting changes, and reported to the desk
// (registered, or why not). A press calls host.hotkeyPressed() and nothing else: this module is
// given no window, tray, notifier or sound, so it cannot show anything even by mistake. A held
// key's auto-repeat is one press (core/held-key.ts: a new press only after 1.5 s of quiet).
// While "Test your button" listens (issue 24) the key is released, so the window can see a
// physical button that sends it, and taken back when the test ends.
import type { DeskHost } from '../core/desk-host';
import { QuietGap } from '../core/host/held-key';
import { checkAccelerator } from './accelerator';
import type { ShellGlobalShortcut } from './shell-api';

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

export function bindHotkey(
  globalShortcut: ShellGlobalShortcut,
  host: Pick<DeskHost, 'getState' | 'onChange' | 'hotkeyPressed' | 'setHotkeyStatus'>,
  options: { monotonic?: () => number } = {},
): HotkeyBinding {
  const held = new QuietGap(options.monotonic ?? (() => performance.now()));
  let configured: string | null = null;
  let released = false;
  let active: string | null = null;

  const apply = (setting: string, buttonTest: boolean): void => {
    configured = setting;
    released = buttonTest;
    if (active) globalShortcut.unregister(active);
    active = null;
    if (buttonTest) return; // the status stays as it was: the key is only lent to the test
    if (!setting.trim()) {
      host.setHotkeyStatus({ registered: false, error: null });
      return;
    }
    const check = checkAccelerator(setting);
    if (!check.ok) {
      host.setHotkeyStatus({ registered: false, error: `The hotkey "${setting}" cannot be used: ${check.error}` });
      return;
    }
    let ok: boolean;
    try {
      ok = globalShortcut.register(check.accelerator, () => {
        if (held.activation()) host.hotkeyPressed();
      });
    } catch {
      ok = false;
    }
    if (!ok) {
      host.setHotkeyStatus({ registered: false, error: registrationFailure(check.accelerator) });
      return;
    }
    active = check.accelerator;
    host.setHotkeyStatus({ registered: true, error: null });
  };

  const initial = host.getState();
  apply(initial.settings.hotkey, initial.hotkey.buttonTest === true);
  const unsubscribe = host.onChange((state) => {
    const buttonTest = state.hotkey.buttonTest === true;
    if (state.settings.hotkey !== configured || buttonTest !== released) apply(state.settings.hotkey, buttonTest);
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
