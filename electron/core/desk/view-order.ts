// Which came first in this run: a press, or the duress view of a callout (a cancel shown while
// AURA keeps the callout open, duress.ts). Only a press made after the view may show the callout
// as it is again (issue 20: a press retrying through 502s landed after the duress cancel and
// revealed it). Kept by a counter, not a clock: the wall clock can jump, and the order of two
// things this run did is all that is asked. A view read back from disk is older than every press
// of this run; a press read back from disk is taken as older than every view (it may be), so it
// never reveals one. The cost of that caution: a press made after a view, still unsent across a
// restart, leaves the view in place (the callout looks as a genuine cancel with "Pressed again").
export class ViewOrder {
  private seq = 0;
  private readonly presses = new Map<string, number>();
  private readonly views = new Map<string, number>();

  pressMade(pressId: string): void {
    this.presses.set(pressId, ++this.seq);
  }

  viewMade(calloutId: string): void {
    this.views.set(calloutId, ++this.seq);
  }

  /** True only for a press made in this run after the callout's view was made (or read back). */
  madeAfterView(pressId: string, calloutId: string): boolean {
    const press = this.presses.get(pressId);
    return press !== undefined && press > (this.views.get(calloutId) ?? 0);
  }
}
