// How long AURA has left each press unconfirmed, on the monotonic clock, and a redraw the moment a
// press made on screen passes CONFIRM_WITHIN_MS unconfirmed (issue 23 item 1): then its phase is
// NOT CONFIRMED everywhere, even while a hanging request has nothing else to report.
import { CONFIRM_WITHIN_MS, pressPhase } from '../../shared/press-phase';
import type { Press, PressView } from '../../shared/model/press';
import type { Clock } from '../ports';

export class ConfirmWatch {
  /** Monotonic time each press was made (or first seen, less its age by the wall clock). */
  private readonly since = new Map<string, number>();
  private readonly timers = new Map<string, () => void>();
  /** Presses whose limit has passed by their timer (a timer may fire a hair before the clock says so). */
  private readonly due = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly emit: () => void,
  ) {}

  /** The press with its phase; a press first seen here (after a restart) starts its watch now. */
  view(press: Press): PressView {
    return { ...press, phase: pressPhase(press, this.ageMs(press)) };
  }

  /** A press made now (or first seen): its age starts, and a redraw is due when the limit passes. */
  watch(press: Press): void {
    if (this.since.has(press.id)) return;
    const wallAge = this.clock.now() - press.pressedAt;
    // A press stamped in the future (the wall clock was corrected) is treated as past the limit.
    const age = wallAge < 0 ? CONFIRM_WITHIN_MS : wallAge;
    this.since.set(press.id, this.clock.monotonic() - age);
    if (age >= CONFIRM_WITHIN_MS || press.status === 'sent') return;
    const done = (): void => {
      this.timers.delete(press.id);
      this.due.add(press.id);
      this.emit();
    };
    this.timers.set(press.id, this.clock.setTimeout(done, CONFIRM_WITHIN_MS - age));
  }

  stop(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  private ageMs(press: Press): number {
    this.watch(press);
    const age = this.clock.monotonic() - (this.since.get(press.id) ?? 0);
    return this.due.has(press.id) ? Math.max(age, CONFIRM_WITHIN_MS) : age;
  }
}
