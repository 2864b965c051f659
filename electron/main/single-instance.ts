// One Panic Desk per user session: two desks would raise two callouts for one press and fight over
// the hotkey. A second launch hands over to the first, which comes to the front, and then exits;
// what it hands over (`--enrol`'s enrolment, main/enrol-cli.ts) goes to `handOver`.
import type { ShellApp } from './shell-api';

/**
 * False when another instance runs (this one must quit); else calls `focus` on each later launch,
 * and `handOver` with the data that launch passed (untrusted: the receiver checks it).
 */
export function claimSingleInstance(app: ShellApp, focus: () => void, handOver?: (data: unknown) => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', (_event, _argv, _workingDirectory, data) => {
    focus();
    handOver?.(data);
  });
  return true;
}
