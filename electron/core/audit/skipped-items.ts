// Issue 10 item 8: an AURA list item that fails its schema is skipped (aura/fields.ts listOf) and
// reported here, to the audit log and the diagnostics log, once per distinct item and reason: a
// poll every 5 s must not write the same odd callout into the audit log 17,000 times a day.
import type { SkippedItems } from '../aura/client';

/** Remembers this many reported items; a longer run forgets the oldest and may report again. */
const MAX_REMEMBERED = 500;

export interface SkippedItemLine {
  text: string;
  data: Record<string, string | number | null>;
}

export class SkippedItemsReporter {
  private readonly seen = new Set<string>();

  /** The lines to record for `report`: only items (list, id, reason) not reported before. */
  linesFor(report: SkippedItems): SkippedItemLine[] {
    const lines: SkippedItemLine[] = [];
    for (const item of report.items) {
      const key = `${report.list}\u0000${item.id ?? `#${item.index}`}\u0000${item.reason}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      if (this.seen.size > MAX_REMEMBERED) this.seen.delete(this.seen.values().next().value as string);
      const which = item.id === null ? `item ${item.index + 1}` : `item ${item.id}`;
      lines.push({
        text: `AURA sent an item this desk cannot read in ${report.list}; ${which} skipped, the rest used (${item.reason})`,
        data: { list: report.list, item: item.id, index: item.index, reason: item.reason },
      });
    }
    return lines;
  }
}
