// The harness's stand-in for the operating system's global shortcuts (issue 24): main's own
// bindings (electron/main/hotkey.ts and site-hotkeys.ts) registered on an in-memory
// globalShortcut, bound to whichever desk host the slot has open, so an E2E spec can press a key
// as the OS would (POST /__harness/shortcut?accelerator=…, behind the harness's token like every
// /__harness/ route). A key that is not registered (released during "Test your button", or never
// bound) reaches nothing, as on a real desk.
import type { DeskHost } from '../../electron/core/desk-host';
import { checkAccelerator } from '../../electron/shared/accelerator';
import { bindHotkey } from '../../electron/main/hotkey';
import { bindSiteHotkeys } from '../../electron/main/site-hotkeys';
import type { ShellGlobalShortcut } from '../../electron/main/shell-api';

export interface HarnessKeys {
  /** Binds the hotkey and the site keys to a newly opened host (releasing the last one's). */
  attach(host: DeskHost): void;
  /** Releases every key (the desk stopped). */
  detach(): void;
  /** Fires a global shortcut as the OS would; false when no key of the desk is registered for it. */
  press(accelerator: string): boolean;
  /** The accelerators registered now. */
  registered(): string[];
}

export function harnessKeys(): HarnessKeys {
  const shortcuts = new Map<string, () => void>();
  const globalShortcut: ShellGlobalShortcut = {
    register(accelerator, callback) {
      if (shortcuts.has(accelerator)) return false; // as the OS: one owner per combination
      shortcuts.set(accelerator, callback);
      return true;
    },
    unregister(accelerator) {
      shortcuts.delete(accelerator);
    },
  };
  let bindings: Array<{ dispose(): void }> = [];
  const detach = (): void => {
    for (const binding of bindings) binding.dispose();
    bindings = [];
  };
  return {
    attach(host) {
      detach();
      bindings = [bindHotkey(globalShortcut, host), bindSiteHotkeys(globalShortcut, host)];
    },
    detach,
    press(accelerator) {
      const check = checkAccelerator(accelerator);
      const callback = shortcuts.get(check.ok ? check.accelerator : accelerator);
      callback?.();
      return callback !== undefined;
    },
    registered: () => [...shortcuts.keys()],
  };
}
