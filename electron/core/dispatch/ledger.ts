// The press ledger: every press of this machine, in one durable file (presses.json), whatever the
// environment it was made for (issue 20's rule: a press belongs to the machine, not to one desk).
// The desk host opens it once and hands each desk a view (`DeskPresses`) that sends, changes and
// counts only the presses of that desk's own connection; the rest stay on screen as made for
// another connection until they are at AURA or put away. The per-environment outboxes of earlier
// versions (outbox-<env>.json) are moved in on first open, press by press, and only then renamed.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ENVIRONMENTS, type Environment } from '../../shared/model/connection';
import { NEW_PRESS_STATE, type Press, type PressTarget } from '../../shared/model/press';
import { nodeStorage, type StoragePort } from '../storage/port';
import { Outbox } from './outbox';
import { MAX_RECENT_DONE, PressArchive, RECENT_MS } from './press-archive';

export const LEDGER_FILE = 'presses.json';

/** Archive days past the history are looked for at most this often while running. */
const PRUNE_EVERY_MS = 24 * 3600 * 1000;

/** What the dispatcher and the desk's services see of the presses: one connection's. */
export interface PressBook {
  /** The connection new presses are made for; null or absent: the first live connection. */
  readonly target?: PressTarget | null;
  all(): Press[];
  get(id: string): Press | undefined;
  /** Presses that still need sending (after a restart too). */
  pending(): Press[];
  add(press: Press): void;
  update(id: string, patch: Partial<Omit<Press, 'id'>>): Press;
}

export function sameTarget(a: PressTarget | null, b: PressTarget | null): boolean {
  if (a === null || b === null) return a === b;
  if (a.environment === 'training' || b.environment === 'training') return a.environment === b.environment;
  return a.environment === b.environment && a.baseUrl === b.baseUrl && a.clientId === b.clientId;
}

export function isDone(p: Press): boolean {
  return p.status === 'sent' || p.status === 'failed';
}

/** Still the operator's business: not at AURA, not put away or dismissed. */
export function isUnsent(p: Press): boolean {
  return p.status !== 'sent' && !p.dismissed;
}

export interface LedgerOpen {
  ledger: PressLedger;
  /** What went wrong reading a file, in words for the operator. */
  problems: string[];
}

/** Finished and off the screen: sent, or failed and put away. */
function finished(p: Press): boolean {
  return isDone(p) && !isUnsent(p);
}

export class PressLedger {
  private readonly listeners = new Set<() => void>();
  /**
   * Finished presses already in the archive, the newest MAX_RECENT_DONE (oldest first): still
   * part of the ledger's presses (recent work), never part of presses.json.
   */
  private recent: Press[] = [];
  /** When archive days past the history were last deleted (at open, then at most daily). */
  private prunedAt = -Infinity;

  private constructor(
    private readonly file: Outbox,
    private readonly archive: PressArchive,
    private readonly now: () => number,
  ) {}

  /**
   * Opens presses.json and moves in any outbox-<env>.json left by an earlier version (each press
   * given `legacyTarget(env)`); an old file is renamed only once the ledger holds its presses.
   */
  static open(
    dataDir: string,
    clock: () => number,
    legacyTarget: (environment: Environment) => PressTarget,
    io: StoragePort = nodeStorage,
  ): LedgerOpen {
    const now = clock();
    const opened = Outbox.open(join(dataDir, LEDGER_FILE), now, io);
    const ledger = new PressLedger(opened.outbox, new PressArchive(dataDir, io), clock);
    const problems = opened.problem ? [opened.problem] : [];
    for (const environment of ENVIRONMENTS) {
      const path = join(dataDir, `outbox-${environment}.json`);
      if (!io.exists(path)) continue;
      const old = Outbox.open(path, now, io);
      if (old.problem) problems.push(old.problem);
      const target = legacyTarget(environment);
      for (const press of old.outbox.all()) {
        if (!ledger.get(press.id)) opened.outbox.add({ ...press, target: press.target ?? target });
      }
      // Renamed only when the ledger is on disk: a failed write keeps the old file for next time.
      if (opened.outbox.saveProblem === null) io.rename(path, `${path}.migrated`);
    }
    ledger.recent = newestDone(
      ledger.archived(now - RECENT_MS).filter((p) => !opened.outbox.get(p.id)),
      [],
    );
    ledger.moveFinished();
    ledger.pruneArchive();
    return { ledger, problems };
  }

  /**
   * Finished presses leave presses.json for the archive (press-archive.ts), the newest staying in
   * memory as recent work: at open and whenever a press finishes, so that the file every press
   * writes holds only unfinished work, whatever the history (issue 25 item 8). Archived first,
   * then removed: a crash between the two leaves a press in both, moved again at the next open
   * (the archive reads each press once). A failed archive write keeps them in presses.json
   * (nothing is lost; the next try moves them).
   */
  private moveFinished(): void {
    const done = this.file.all().filter(finished);
    if (done.length === 0) return;
    try {
      this.archive.append(done);
    } catch {
      return;
    }
    this.file.remove(new Set(done.map((p) => p.id)));
    this.recent = newestDone(this.recent, done);
    this.pruneArchive();
  }

  /** Deletes archive days past the history: the app runs for weeks, so not only at open. */
  private pruneArchive(): void {
    const now = this.now();
    if (now - this.prunedAt < PRUNE_EVERY_MS && now >= this.prunedAt) return;
    try {
      this.archive.prune(now);
      this.prunedAt = now;
    } catch {
      // tried again with the next finished press
    }
  }

  /** Finished presses made since `since` that were moved to the archive. */
  archived(since: number): Press[] {
    try {
      return this.archive.read(since);
    } catch {
      return [];
    }
  }

  /** Why the file is behind memory (a storage error), or null. */
  get saveProblem(): unknown {
    return this.file.saveProblem;
  }

  retrySave(): boolean {
    return this.file.retrySave();
  }

  set onSaveProblem(listener: (error: unknown) => void) {
    this.file.onSaveProblem = listener;
  }

  /** Recent finished work, then the presses of presses.json. */
  all(): Press[] {
    return [...this.recent, ...this.file.all()];
  }

  get(id: string): Press | undefined {
    return this.file.get(id) ?? this.recent.find((p) => p.id === id);
  }

  add(press: Press): void {
    this.file.add(press);
    this.changed();
    if (finished(press)) this.moveFinished();
  }

  /**
   * Changes a press. One that finishes is published first and archived after, so that the write
   * the operator waits for ("AURA has it") is the small file's.
   */
  update(id: string, patch: Partial<Omit<Press, 'id'>>): Press {
    if (!this.file.get(id)) return this.updateArchived(id, patch);
    const next = this.file.update(id, patch);
    this.changed();
    if (finished(next)) this.moveFinished();
    return next;
  }

  /**
   * A finished press changed after it was archived (its outcome's words, say): its new version is
   * appended to the archive. One no longer finished, or one the archive refuses, goes back to
   * presses.json, so that the change is on disk either way.
   */
  private updateArchived(id: string, patch: Partial<Omit<Press, 'id'>>): Press {
    const current = this.recent.find((p) => p.id === id);
    if (!current) throw new Error(`no press ${id} in the ledger`);
    const next = { ...current, ...patch };
    let archived = finished(next);
    if (archived) {
      try {
        this.archive.append([next]);
      } catch {
        archived = false;
      }
    }
    if (archived) this.recent = this.recent.map((p) => (p.id === id ? next : p));
    else {
      this.recent = this.recent.filter((p) => p.id !== id);
      this.file.add(next);
    }
    this.changed();
    return next;
  }

  /** Told after every change, whoever made it (a desk, the host). Returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Presses made while no live connection existed now belong to this one (the first to open). */
  claim(target: PressTarget): Press[] {
    const claimed = this.all().filter((p) => p.target === null && !isDone(p));
    for (const p of claimed) this.file.update(p.id, { target });
    if (claimed.length > 0) this.changed();
    return claimed;
  }

  /** A view for a desk of this connection (null: a desk with no live connection). */
  viewFor(target: PressTarget | null): DeskPresses {
    return new DeskPresses(this, target);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/**
 * One desk's presses: those made for its connection. Once stopped it changes nothing: a reply
 * that arrives after its desk stopped writes no file (the next desk reads the ledger as it was,
 * a raise cut short still marked `uncertain`, and checks before raising again).
 */
export class DeskPresses implements PressBook {
  private stopped = false;

  constructor(
    private readonly ledger: PressLedger,
    readonly target: PressTarget | null,
  ) {}

  stop(): void {
    this.stopped = true;
  }

  all(): Press[] {
    return this.ledger.all().filter((p) => this.owns(p));
  }

  get(id: string): Press | undefined {
    const press = this.ledger.get(id);
    return press && this.owns(press) ? press : undefined;
  }

  pending(): Press[] {
    return this.all().filter((p) => !isDone(p));
  }

  /** Finished presses of this connection made since `since`, moved to the archive (read on demand). */
  archived(since: number): Press[] {
    return this.ledger.archived(since).filter((p) => this.owns(p));
  }

  /** Unsent presses of other connections: on screen, never sent by this desk. */
  elsewhere(): Press[] {
    return this.ledger.all().filter((p) => !this.owns(p) && isUnsent(p));
  }

  add(press: Press): void {
    if (this.stopped) throw new Error('this desk has stopped');
    this.ledger.add({ ...press, target: this.target });
  }

  update(id: string, patch: Partial<Omit<Press, 'id'>>): Press {
    const current = this.get(id);
    if (!current) throw new Error(`no press ${id} for this desk`);
    if (this.stopped) return current;
    return this.ledger.update(id, patch);
  }

  private owns(press: Press): boolean {
    return sameTarget(press.target, this.target);
  }
}

/** A new press, before its first attempt, for the connection it belongs to (null: the first live one). */
export function newPress(
  siteId: string,
  source: Press['source'],
  pressedAt: number,
  target: PressTarget | null,
): Press {
  return { id: randomUUID(), siteId, source, pressedAt, dismissed: false, ...NEW_PRESS_STATE, target };
}

/** The newest MAX_RECENT_DONE of finished presses, oldest first, each once (a later copy wins). */
function newestDone(kept: readonly Press[], added: readonly Press[]): Press[] {
  const byId = new Map<string, Press>();
  for (const p of [...kept, ...added]) byId.set(p.id, p);
  return [...byId.values()].sort((a, b) => a.pressedAt - b.pressedAt).slice(-MAX_RECENT_DONE);
}
