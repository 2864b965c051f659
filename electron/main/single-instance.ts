// One Panic Desk per user session: two desks would raise two callouts for one press and fight over
// the hotkey. A second launch hands over to the first, which comes to the front, and then exits.
import type { ShellApp } from './shell-api';

/** False when another instance runs (this one must quit); else calls `focus` on each later launch. */
export function claimSingleInstance(app: ShellApp, focus: () => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => focus());
  return true;
}
