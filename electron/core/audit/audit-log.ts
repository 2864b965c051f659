// The audit log: append-only JSON lines, one file a month (audit-YYYY-MM.jsonl), every entry
// hash-chained to the one before it (across months). The chain is ordered by its own sequence
// number, never by timestamps (the wall clock can go back across a month). A broken chain or an
// edited entry is detected and reported, never hidden. A torn last line (a crash mid-append) is
// repaired on open: its bytes are set aside in a file beside the log and a "log repaired" entry
// is chained to the last good one, so verification reports a repair, not tampering. A failed
// write never throws: entries wait in memory, in order, and are written when the disk works.
// Nothing secret is ever written: `record` refuses keys that look secret.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AuditEntrySchema, type AuditEntry } from '../../shared/model/audit-entry';
import { appendLineDurably, readTextIfExists, writeFileDurably } from '../storage/durable-file';
import { nodeStorage, type StoragePort } from '../storage/port';

export const AUDIT_KINDS = [
  'press',
  'calloutCreated',
  'calloutAdopted',
  'calloutElsewhere',
  'unfollowed',
  'stage',
  'cancel',
  'message',
  'settings',
  'credentials',
  'site',
  'failure',
  'repair',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

const GENESIS = '0'.repeat(64);
const SECRET_KEY = /secret|password|token|authorization/i;

export interface ChainCheck {
  ok: boolean;
  /** Where and how the chain breaks, in words; null when it holds. */
  problem: string | null;
  /** Set when a torn tail was repaired on open (the chain still holds): what was set aside. */
  repaired?: string;
}

function hashOf(entry: Omit<AuditEntry, 'hash'>): string {
  const canonical = JSON.stringify([
    entry.seq,
    entry.at,
    entry.desk,
    entry.kind,
    entry.text,
    entry.data,
    entry.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function monthOf(at: number): string {
  return new Date(at).toISOString().slice(0, 7);
}

export class AuditLog {
  private last: { seq: number; hash: string };
  private readonly check: ChainCheck;
  /** Entries not yet on disk (the disk failed), oldest first. */
  private unwritten: AuditEntry[] = [];
  private failure: unknown = null;

  constructor(
    private readonly dir: string,
    private readonly deskName: () => string,
    private readonly now: () => number = Date.now,
    private readonly io: StoragePort = nodeStorage,
  ) {
    const repairs = this.repairTornTails();
    const { entries, check } = this.readAll();
    const tail = entries[entries.length - 1];
    this.last = tail ? { seq: tail.seq, hash: tail.hash } : { seq: -1, hash: GENESIS };
    for (const r of repairs) {
      this.record(
        'repair',
        `Audit log repaired: ${r.bytes} torn bytes at the end of ${r.file} (a crash while writing) were set aside in ${r.aside}`,
        {
          file: r.file,
          bytes: r.bytes,
        },
      );
    }
    this.check =
      repairs.length > 0
        ? {
            ...check,
            repaired: repairs.map((r) => `${r.file}: ${r.bytes} torn bytes set aside in ${r.aside}`).join('; '),
          }
        : check;
  }

  /** Why entries are waiting in memory (a storage error), or null when all are on disk. */
  get saveProblem(): unknown {
    return this.failure;
  }

  /** Told of every entry as it is recorded (the SIEM forwarder); must not throw or wait. */
  onRecord: (entry: AuditEntry) => void = () => undefined;

  /** Told when writing starts failing and when it works again. */
  onSaveProblem: () => void = () => undefined;

  /** Writes entries that are waiting in memory; true once all are on disk. Never throws. */
  flush(): boolean {
    const before = this.failure;
    this.failure = null;
    while (this.unwritten.length > 0) {
      const entry = this.unwritten[0] as AuditEntry;
      try {
        appendLineDurably(join(this.dir, `audit-${monthOf(entry.at)}.jsonl`), JSON.stringify(entry), this.io);
      } catch (error) {
        this.failure = error;
        break;
      }
      this.unwritten.shift();
    }
    if ((before === null) !== (this.failure === null)) this.onSaveProblem();
    return this.failure === null;
  }

  /** The result of checking the chain when the log was opened. */
  get chain(): ChainCheck {
    return this.check;
  }

  record(kind: AuditKind, text: string, data: Record<string, string | number | boolean | null> = {}): AuditEntry {
    for (const key of Object.keys(data)) {
      if (SECRET_KEY.test(key)) throw new Error(`audit: refusing to record a field named "${key}"`);
    }
    const body = {
      seq: this.last.seq + 1,
      at: this.now(),
      desk: this.deskName(),
      kind,
      text,
      data,
      prevHash: this.last.hash,
    };
    const entry: AuditEntry = { ...body, hash: hashOf(body) };
    this.last = { seq: entry.seq, hash: entry.hash };
    this.unwritten.push(entry);
    this.flush();
    this.onRecord(entry);
    return entry;
  }

  /** Entries whose kind, text or data contain `text` (case-insensitive), newest first. */
  list(text = '', limit = 500): { entries: AuditEntry[]; chain: ChainCheck } {
    const { entries, check } = this.readAll();
    const needle = text.trim().toLowerCase();
    const matching = needle
      ? entries.filter((e) => `${e.kind} ${e.text} ${e.desk} ${JSON.stringify(e.data)}`.toLowerCase().includes(needle))
      : entries;
    return { entries: matching.slice(-limit).reverse(), chain: check };
  }

  /**
   * A month file whose last line has no newline was torn by a crash mid-append. A complete entry
   * only gets its newline; anything else is copied aside and cut off, to be recorded as a repair.
   */
  private repairTornTails(): Array<{ file: string; bytes: number; aside: string }> {
    const repairs: Array<{ file: string; bytes: number; aside: string }> = [];
    for (const file of this.monthFiles()) {
      const path = join(this.dir, file);
      try {
        const text = readTextIfExists(path, this.io) ?? '';
        if (text === '' || text.endsWith('\n')) continue;
        const cut = text.lastIndexOf('\n') + 1;
        const torn = text.slice(cut);
        if (parseEntry(torn)) {
          writeFileDurably(path, `${text}\n`, this.io);
          continue;
        }
        const aside = `${file}.torn-${new Date(this.now()).toISOString().replace(/[:.]/g, '-')}`;
        writeFileDurably(join(this.dir, aside), torn, this.io);
        writeFileDurably(path, text.slice(0, cut), this.io);
        repairs.push({ file, bytes: Buffer.byteLength(torn), aside });
      } catch {
        // The disk fails: leave the file as it is; reading reports the torn line.
      }
    }
    return repairs;
  }

  private monthFiles(): string[] {
    try {
      return readdirSync(this.dir)
        .filter((f) => /^audit-\d{4}-\d{2}\.jsonl$/.test(f))
        .sort();
    } catch {
      return [];
    }
  }

  /** Reads every month file and verifies the chain in sequence order, from the first entry to the last. */
  private readAll(): { entries: AuditEntry[]; check: ChainCheck } {
    const found: Array<{ entry: AuditEntry; where: string }> = [];
    let problem: string | null = null;
    for (const file of this.monthFiles()) {
      let text = '';
      try {
        text = readTextIfExists(join(this.dir, file), this.io) ?? '';
      } catch {
        problem ??= `The audit file ${file} could not be read.`;
      }
      text.split('\n').forEach((line, i) => {
        if (!line.trim()) return;
        const where = `${file} line ${i + 1}`;
        const parsed = parseEntry(line);
        if (!parsed) problem ??= `The audit log has an unreadable entry at ${where}.`;
        else found.push({ entry: parsed, where });
      });
    }
    // Entries still waiting in memory belong to the log too.
    for (const entry of this.unwritten) found.push({ entry, where: `entry #${entry.seq} (not yet saved)` });
    found.sort((a, b) => a.entry.seq - b.entry.seq);
    const entries: AuditEntry[] = [];
    let prev = GENESIS;
    let expectedSeq = 0;
    for (const { entry, where } of found) {
      const { hash, ...body } = entry;
      if (hashOf(body) !== hash)
        problem ??= `The audit entry at ${where} (#${entry.seq}) was changed after it was written.`;
      else if (entry.prevHash !== prev || entry.seq !== expectedSeq) {
        problem ??= `The audit chain is broken before ${where} (#${entry.seq}): an entry is missing or out of order.`;
      }
      prev = hash;
      expectedSeq = entry.seq + 1;
      entries.push(entry);
    }
    return { entries, check: { ok: problem === null, problem } };
  }
}

function parseEntry(line: string): AuditEntry | null {
  try {
    const result = AuditEntrySchema.safeParse(JSON.parse(line));
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}

export function csvCell(value: string): string {
  // Quote everything, and defuse spreadsheet formulas (a cell starting with = + - @, or with a
  // TAB or CR, which spreadsheets skip before reading a formula).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
