// The desk's callouts, one record each (issue 25 item 4), kept in two parts so that a change to
// one callout never costs the 30-day history (item 8): `live`, every callout not closed (a few),
// and `history`, the closed ones (thousands). A part is a new array whenever it changes, so what is
// derived from it (the poll schedule, the state's recent work, the saved files) can be kept until
// then; an index finds any callout by id without walking either.
import type { Callout } from '../../shared/model/callout';

function isClosed(callout: Callout): boolean {
  return callout.stage === 'closed';
}

export class CalloutRecord {
  private liveList: readonly Callout[];
  private historyList: readonly Callout[];
  private readonly byId = new Map<string, Callout>();

  /** `callouts` in the order first recorded; a later one of the same id replaces an earlier one. */
  constructor(callouts: readonly Callout[] = []) {
    for (const c of callouts) this.byId.set(c.id, c);
    const all = [...this.byId.values()];
    this.liveList = all.filter((c) => !isClosed(c));
    this.historyList = all.filter(isClosed);
  }

  /** Every callout not closed, in the order recorded. */
  get live(): readonly Callout[] {
    return this.liveList;
  }

  /** The closed callouts (the history), in the order recorded or closed. */
  get history(): readonly Callout[] {
    return this.historyList;
  }

  get(id: string): Callout | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The history, then the live callouts: for what reads them all (rarely: the History view). */
  all(): Callout[] {
    return [...this.historyList, ...this.liveList];
  }

  /**
   * A new or changed callout. It keeps its place while it stays in its part; a callout that
   * closes moves to the end of the history (its only walk of the history, once per callout).
   */
  put(next: Callout): void {
    const before = this.byId.get(next.id);
    this.byId.set(next.id, next);
    const closed = isClosed(next);
    if (before && isClosed(before) === closed) {
      this.setPart(
        closed,
        this.part(closed).map((c) => (c.id === next.id ? next : c)),
      );
      return;
    }
    if (before)
      this.setPart(
        !closed,
        this.part(!closed).filter((c) => c.id !== next.id),
      );
    this.setPart(closed, [...this.part(closed), next]);
  }

  /** Drops every callout `keep` refuses; returns how many went. */
  prune(keep: (callout: Callout) => boolean): number {
    const history = this.historyList.filter(keep);
    const live = this.liveList.filter(keep);
    const gone = this.historyList.length - history.length + (this.liveList.length - live.length);
    if (gone === 0) return 0;
    for (const c of [...this.historyList, ...this.liveList]) if (!keep(c)) this.byId.delete(c.id);
    this.historyList = history;
    this.liveList = live;
    return gone;
  }

  private part(closed: boolean): readonly Callout[] {
    return closed ? this.historyList : this.liveList;
  }

  private setPart(closed: boolean, callouts: readonly Callout[]): void {
    if (closed) this.historyList = callouts;
    else this.liveList = callouts;
  }
}
