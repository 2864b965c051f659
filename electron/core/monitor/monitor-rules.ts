// Monitor mode (issue 24 item 2): a desk whose policy says `"role": "monitor"` watches every site
// of its AURA client and raises nothing. These rules hold in core, on the one path every command
// takes (DeskHost.invoke) and on the tray's and hotkey's own paths, whatever the screen shows: a
// page or script that sends `panic.trigger` to a monitor is refused, as is a cancel or message the
// policy does not allow (`monitorActions`).
import type { CommandName } from '../../shared/command-names';
import type { Settings } from '../../shared/model/settings';
import type { Policy } from '../policy/policy';
import type { MonitorAction } from '../policy/monitor-actions';

export class MonitorRefusal extends Error {
  constructor(what: 'raise' | MonitorAction) {
    super(
      what === 'raise'
        ? 'This desk is a monitor: it raises no panic (set by your organisation)'
        : `This desk is a monitor: it may not ${what === 'cancel' ? 'cancel callouts' : 'message the control room'} (set by your organisation)`,
    );
    this.name = 'MonitorRefusal';
  }
}

/** Runs a press; a monitor's refusal is answered with null (and `onRefused`), never thrown. */
export function refusedQuietly<T>(press: () => T, onRefused: () => void): T | null {
  try {
    return press();
  } catch (error) {
    if (!(error instanceof MonitorRefusal)) throw error;
    onRefused();
    return null;
  }
}

export function isMonitor(policy: Pick<Policy, 'role'>): boolean {
  return policy.role === 'monitor';
}

/** True when the desk may do this to a callout: any ordinary desk; a monitor only when allowed. */
export function monitorAllows(policy: Pick<Policy, 'role' | 'monitorActions'>, action: MonitorAction): boolean {
  return !isMonitor(policy) || (policy.monitorActions ?? []).includes(action);
}

/** The commands a monitor refuses outright or unless its policy allows them. */
const GATED: Partial<Record<CommandName, 'raise' | MonitorAction>> = {
  'panic.trigger': 'raise',
  // A monitor has no hotkey or panic button to test.
  'hotkey.test': 'raise',
  'button.test': 'raise',
  'callout.cancel': 'cancel',
  'callout.reasons': 'cancel',
  'callout.message': 'message',
};

/**
 * Throws MonitorRefusal when a monitor may not run this command. The choices on a press made
 * before the desk became a monitor (send now, put away) stay: that press is the operator's, not
 * the monitor's (issue 24: "unsent presses from before the switch stay on screen with their choices").
 */
export function checkMonitorCommand(policy: Pick<Policy, 'role' | 'monitorActions'>, name: CommandName): void {
  if (!isMonitor(policy)) return;
  const gate = GATED[name];
  if (gate === undefined) return;
  if (gate === 'raise' || !monitorAllows(policy, gate)) throw new MonitorRefusal(gate);
}

/** A settings change from a monitor's screen, which shows no hotkey: the desk's own hotkey and its site stay. */
export function withoutHotkey(patch: Partial<Settings>): Partial<Settings> {
  const { hotkey: _hotkey, hotkeySiteId: _site, ...rest } = patch;
  return rest;
}
