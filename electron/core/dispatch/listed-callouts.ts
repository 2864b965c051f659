// The callouts this desk has seen in AURA's active list, and when, as a moment in this run's
// order of things (a counter: two things this process did are never ambiguous, whatever the
// clocks say). A callout in a list that came back before a raise was sent existed before that
// raise (own-callout.ts). Bounded: a desk seeing thousands of callouts keeps the latest.

const MAX_REMEMBERED = 2000;

export class ListedCallouts {
  private seq = 0;
  private readonly firstSeen = new Map<string, number>();

  /** Marks now: a raise about to be sent, a press just made. */
  moment(): number {
    return ++this.seq;
  }

  /** A list of AURA's active callouts came back now with these ids. */
  note(ids: readonly string[]): void {
    const at = ++this.seq;
    for (const id of ids) {
      if (this.firstSeen.has(id)) continue;
      this.firstSeen.set(id, at);
      if (this.firstSeen.size > MAX_REMEMBERED) this.firstSeen.delete(this.firstSeen.keys().next().value as string);
    }
  }

  /** True when a list that came back before `moment` held this callout. */
  seenBefore(calloutId: string, moment: number): boolean {
    const seen = this.firstSeen.get(calloutId);
    return seen !== undefined && seen < moment;
  }
}
