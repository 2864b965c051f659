import type { DeskState } from '@shared/model/desk-state';
import type { LockName } from '@shared/model/lock-names';

/** The words for a setting the administrator's policy locks (docs/policy.md). */
export const LOCKED_TEXT = 'Set by your organisation';

/** True when the administrator's policy locks this setting (its policy name). */
export function isLocked(desk: Pick<DeskState, 'policy'>, key: LockName): boolean {
  return desk.policy.locked.includes(key);
}

/** Shown beside a locked setting; the core refuses changes to it whatever the screen does. */
export function LockedNote({ locked }: { locked: boolean }) {
  return locked ? <p className="field-hint locked-note">{LOCKED_TEXT}</p> : null;
}
