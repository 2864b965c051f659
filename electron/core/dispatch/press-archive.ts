// Finished presses leave the press ledger's file (presses.json) for an append-only archive, one
// file per day (`presses-done/YYYY-MM-DD.jsonl`), as soon as they finish, so that a press's own
// writes never grow with the history (issue 25 item 8): presses.json holds only unfinished work,
// and a day's file is deleted whole once it is older than the history (30 days). Read at a desk's
// start (recent work for the screen; callouts of sent presses lost by a crash), never per press.
import { join } from 'node:path';
import { PressSchema, type Press } from '../../shared/model/press';
import { appendLineDurably, readTextIfExists } from '../storage/durable-file';
import { nodeStorage, type StoragePort } from '../storage/port';

/** Finished presses are kept this long (they are also in the audit log). */
const KEEP_DONE_MS = 30 * 24 * 3600 * 1000;
/**
 * Finished presses made this recently are read back from the archive when the ledger opens:
 * recent work (a shift and the day after), beyond any clock correction, so that what was just
 * sent is still found on screen after a restart.
 */
export const RECENT_MS = 48 * 3600 * 1000;

/**
 * The ledger keeps this many finished presses, the newest, in memory (recent work on screen; the
 * wire carries as many); the rest are only in the archive.
 */
export const MAX_RECENT_DONE = 50;

const DAY_MS = 24 * 3600 * 1000;
const FOLDER = 'presses-done';

/** The day file a press made at `at` goes to (UTC). */
function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export class PressArchive {
  private readonly folder: string;

  constructor(
    dataDir: string,
    private readonly io: StoragePort = nodeStorage,
  ) {
    this.folder = join(dataDir, FOLDER);
  }

  /** Appends finished presses to their day's file (durably); throws on a storage error. */
  append(presses: readonly Press[]): void {
    const byDay = new Map<string, string[]>();
    for (const p of presses) {
      const day = dayOf(p.pressedAt);
      byDay.set(day, [...(byDay.get(day) ?? []), JSON.stringify(p)]);
    }
    for (const [day, lines] of byDay) appendLineDurably(join(this.folder, `${day}.jsonl`), lines.join('\n'), this.io);
  }

  /**
   * Archived presses made at or after `since`, each once: a press changed after it was archived
   * has a later line, and the last one wins (a line that does not read is skipped).
   */
  read(since: number): Press[] {
    const out = new Map<string, Press>();
    for (const name of this.days()) {
      if (name.slice(0, 10) < dayOf(since)) continue;
      const text = readTextIfExists(join(this.folder, name), this.io) ?? '';
      for (const line of text.split('\n')) {
        if (line.trim() === '') continue;
        try {
          const parsed = PressSchema.safeParse(JSON.parse(line));
          if (parsed.success && parsed.data.pressedAt >= since) out.set(parsed.data.id, parsed.data);
        } catch {
          // a torn last line: skipped
        }
      }
    }
    return [...out.values()];
  }

  /** Deletes the day files wholly older than the history. */
  prune(now: number): void {
    const oldest = dayOf(now - KEEP_DONE_MS - DAY_MS);
    for (const name of this.days()) if (name.slice(0, 10) < oldest) this.io.remove(join(this.folder, name));
  }

  private days(): string[] {
    return this.io
      .list(this.folder)
      .filter((n) => /^\d{4}-\d{2}-\d{2}\.jsonl$/.test(n))
      .sort();
  }
}
