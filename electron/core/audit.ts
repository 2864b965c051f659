// The audit log: append-only JSON lines, one file a month (audit-YYYY-MM.jsonl), every entry
// hash-chained to the one before it (across months). A broken chain, an edited entry or a torn
// last line is detected and reported, never hidden or repaired. Nothing secret is ever written:
// callers pass only ids, names and plain words, and `record` refuses keys that look secret.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AuditEntrySchema, type AuditEntry } from '../shared/model';
import { appendLineDurably, readTextIfExists } from './storage/durable-file';

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
  'notice',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

const GENESIS = '0'.repeat(64);
const SECRET_KEY = /secret|password|token|authorization/i;

export interface ChainCheck {
  ok: boolean;
  /** Where and how the chain breaks, in words; null when it holds. */
  problem: string | null;
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

  constructor(
    private readonly dir: string,
    private readonly deskName: () => string,
    private readonly now: () => number = Date.now,
  ) {
    const { entries, check } = this.readAll();
    this.check = check;
    const tail = entries[entries.length - 1];
    this.last = tail ? { seq: tail.seq, hash: tail.hash } : { seq: -1, hash: GENESIS };
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
    appendLineDurably(join(this.dir, `audit-${monthOf(entry.at)}.jsonl`), JSON.stringify(entry));
    this.last = { seq: entry.seq, hash: entry.hash };
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

  exportCsv(text = ''): string {
    const { entries } = this.list(text, Number.MAX_SAFE_INTEGER);
    const rows = [['seq', 'time', 'desk', 'kind', 'text', 'data', 'hash']];
    for (const e of [...entries].reverse()) {
      rows.push([String(e.seq), new Date(e.at).toISOString(), e.desk, e.kind, e.text, JSON.stringify(e.data), e.hash]);
    }
    return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  }

  /** Reads every month file in order and verifies the chain from the first entry to the last. */
  private readAll(): { entries: AuditEntry[]; check: ChainCheck } {
    let files: string[];
    try {
      files = readdirSync(this.dir)
        .filter((f) => /^audit-\d{4}-\d{2}\.jsonl$/.test(f))
        .sort();
    } catch {
      return { entries: [], check: { ok: true, problem: null } };
    }
    const entries: AuditEntry[] = [];
    let problem: string | null = null;
    let prev = GENESIS;
    let expectedSeq = 0;
    for (const file of files) {
      const lines = (readTextIfExists(join(this.dir, file)) ?? '').split('\n');
      lines.forEach((line, i) => {
        if (!line.trim()) return;
        const where = `${file} line ${i + 1}`;
        let parsed: AuditEntry | null = null;
        try {
          const result = AuditEntrySchema.safeParse(JSON.parse(line));
          if (result.success) parsed = result.data;
        } catch {
          parsed = null;
        }
        if (!parsed) {
          problem ??= `The audit log has an unreadable entry at ${where}.`;
          return;
        }
        const { hash, ...body } = parsed;
        if (hashOf(body) !== hash)
          problem ??= `The audit entry at ${where} (#${parsed.seq}) was changed after it was written.`;
        else if (parsed.prevHash !== prev || parsed.seq !== expectedSeq) {
          problem ??= `The audit chain is broken before ${where} (#${parsed.seq}): an entry is missing or out of order.`;
        }
        prev = hash;
        expectedSeq = parsed.seq + 1;
        entries.push(parsed);
      });
    }
    return { entries, check: { ok: problem === null, problem } };
  }
}

export function csvCell(value: string): string {
  // Quote everything, and defuse spreadsheet formulas (a cell starting with = + - @, or with a
  // TAB or CR, which spreadsheets skip before reading a formula).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
