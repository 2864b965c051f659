// The durable queue of presses, in its own file. A press is written (fsynced) before any network
// I/O, so a crash or a restart never loses it; the dispatcher resumes every press not yet sent.
// The network never waits for the disk: when a write fails (disk full, I/O error, short write)
// the queue in memory stays the truth, the press is sent anyway, `saveProblem` says why, and
// `retrySave` writes it again later. A damaged file is never discarded: it is moved aside,
// every press that can still be read is recovered, and the operator is told what happened.
import { PressSchema, type Press } from '../../shared/model/press';
import { moveAside, readTextIfExists, writeFileDurably } from '../storage/durable-file';
import { nodeStorage, type StoragePort } from '../storage/port';

/** Sent and failed presses are kept this long (they are also in the audit log). */
const KEEP_DONE_MS = 30 * 24 * 3600 * 1000;

export interface OutboxOpen {
  outbox: Outbox;
  /** What went wrong reading the file, in words for the operator; null when all was well. */
  problem: string | null;
}

export class Outbox {
  /** The last write's error while the file is behind memory; null when it is up to date. */
  private failure: unknown = null;
  /** Told when saving starts failing (the error) and when it works again (null). */
  onSaveProblem: (error: unknown) => void = () => undefined;

  private constructor(
    private readonly path: string,
    private presses: Press[],
    private readonly io: StoragePort,
  ) {}

  static open(path: string, now: number, io: StoragePort = nodeStorage): OutboxOpen {
    let text: string | null;
    try {
      text = readTextIfExists(path, io);
    } catch (error) {
      // Unreadable disk: start from memory; nothing is overwritten until a write succeeds.
      const outbox = new Outbox(path, [], io);
      outbox.failure = error;
      return { outbox, problem: `The outbox file could not be read (${String(error)}).` };
    }
    if (text === null) return { outbox: new Outbox(path, [], io), problem: null };
    const { presses, unreadable } = readPresses(text);
    let problem: string | null = null;
    if (unreadable > 0 || presses === null) {
      const backup = moveAside(path, now, io);
      const recovered = presses ?? recoverPresses(text);
      const lost = presses === null ? 'some entries may be missing' : `${unreadable} could not be read`;
      problem =
        `The outbox file was damaged. ${recovered.length} press(es) were recovered; ${lost}. ` +
        `The original is kept at ${backup}. Check with the control room that every recent panic arrived.`;
      const outbox = new Outbox(path, recovered, io);
      outbox.persist();
      return { outbox, problem };
    }
    const kept = presses.filter((p) => !isDone(p) || now - p.pressedAt < KEEP_DONE_MS);
    const outbox = new Outbox(path, kept, io);
    if (kept.length !== presses.length) outbox.persist();
    return { outbox, problem };
  }

  all(): Press[] {
    return this.presses;
  }

  get(id: string): Press | undefined {
    return this.presses.find((p) => p.id === id);
  }

  /** Presses that still need sending (after a restart too). */
  pending(): Press[] {
    return this.presses.filter((p) => !isDone(p));
  }

  /** Why the file is behind memory (a storage error), or null when every change is on disk. */
  get saveProblem(): unknown {
    return this.failure;
  }

  /** Writes the queue again after a failed write; true once it is on disk. */
  retrySave(): boolean {
    if (this.failure === null) return true;
    this.persist();
    return this.failure === null;
  }

  /** Records a press: on disk before it returns, unless the disk fails (see saveProblem). */
  add(press: Press): void {
    this.presses = [...this.presses, press];
    this.persist();
  }

  /** Removes presses (moved elsewhere: press-archive.ts) with one write. */
  remove(ids: ReadonlySet<string>): void {
    if (!this.presses.some((p) => ids.has(p.id))) return;
    this.presses = this.presses.filter((p) => !ids.has(p.id));
    this.persist();
  }

  update(id: string, patch: Partial<Omit<Press, 'id'>>): Press {
    const current = this.get(id);
    if (!current) throw new Error(`no press ${id} in the outbox`);
    const next = { ...current, ...patch };
    this.presses = this.presses.map((p) => (p.id === id ? next : p));
    this.persist();
    return next;
  }

  /** Never throws: a storage error is kept in `failure` and reported once per episode. */
  private persist(): void {
    const before = this.failure;
    try {
      writeFileDurably(this.path, JSON.stringify(this.presses, null, 1), this.io);
      this.failure = null;
    } catch (error) {
      this.failure = error;
    }
    if ((before === null) !== (this.failure === null)) this.onSaveProblem(this.failure);
  }
}

function isDone(p: Press): boolean {
  return p.status === 'sent' || p.status === 'failed';
}

/** Parses the file; `presses` is null when it is not a JSON array at all. */
function readPresses(text: string): { presses: Press[] | null; unreadable: number } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { presses: null, unreadable: 0 };
  }
  if (!Array.isArray(json)) return { presses: null, unreadable: 0 };
  const presses: Press[] = [];
  let unreadable = 0;
  for (const item of json) {
    const parsed = PressSchema.safeParse(item);
    if (parsed.success) presses.push(parsed.data);
    else unreadable++;
  }
  return { presses, unreadable };
}

/** Last resort for a torn or hand-mangled file: every flat `{…}` that still reads as a press. */
function recoverPresses(text: string): Press[] {
  const found: Press[] = [];
  for (const match of text.matchAll(/\{[^{}]*\}/g)) {
    try {
      const parsed = PressSchema.safeParse(JSON.parse(match[0]));
      if (parsed.success) found.push(parsed.data);
    } catch {
      // not a whole object: skip it
    }
  }
  return found;
}
