// A global hotkey held down: Electron's globalShortcut reports each auto-repeat of the key as
// another activation and never reports the key going up, so a held key would raise a "pressed
// again" event for every repeat (149 a minute were seen). The rule: an activation is a new press
// only after the key has been quiet for `quietMs`; any activation within that gap (a repeat, or a
// second tap right after the first) belongs to the press already made and extends the gap. Every
// press separated by a quiet gap is still delivered. Monotonic time, so a clock change does not
// merge or split presses.

/** How long the key must be quiet before an activation counts as a new press. */
export const HOTKEY_QUIET_MS = 1500;

export class QuietGap {
  private lastAt = -Infinity;

  constructor(
    private readonly monotonic: () => number,
    private readonly quietMs = HOTKEY_QUIET_MS,
  ) {}

  /** True when this activation is a new press; false for a repeat of the one being held. */
  activation(): boolean {
    const now = this.monotonic();
    const fresh = now - this.lastAt >= this.quietMs;
    this.lastAt = now;
    return fresh;
  }
}
