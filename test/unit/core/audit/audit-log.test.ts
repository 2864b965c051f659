// The audit log on real files: hash chain across months, tampering and torn lines detected,
// filter and CSV export, and no field that looks secret ever written.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../electron/core/audit/audit-log';
import { exportAuditCsv } from '../../../../electron/core/audit/audit-csv';

const NOV = Date.UTC(2026, 10, 30, 23, 59, 0);
const DEC = Date.UTC(2026, 11, 1, 0, 1, 0);

function logIn(dir: string, times: number[]) {
  let i = 0;
  return new AuditLog(
    dir,
    () => 'Gate 2',
    () => times[Math.min(i++, times.length - 1)] ?? NOV,
  );
}

describe('audit log', () => {
  it('writes one file a month, chained across months, and verifies on open', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const log = logIn(dir, [NOV, NOV, DEC]);
    log.record('press', 'Panic button: Downtown Branch', { site: 'site_9944' });
    log.record('calloutCreated', 'Callout 992011 for Downtown Branch', { callout: '992011' });
    log.record('stage', 'Callout 992011: Dispatched');
    expect(readdirSync(dir).sort()).toEqual(['audit-2026-11.jsonl', 'audit-2026-12.jsonl']);
    const reopened = new AuditLog(dir, () => 'Gate 2');
    expect(reopened.chain).toEqual({ ok: true, problem: null });
    const { entries } = reopened.list();
    expect(entries.map((e) => e.seq)).toEqual([2, 1, 0]);
    expect(entries[0]?.prevHash).toBe(entries[1]?.hash);
    expect(entries[2]?.desk).toBe('Gate 2');
  });

  it('reports an entry edited after it was written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const log = logIn(dir, [NOV]);
    log.record('press', 'Panic button: Downtown Branch');
    log.record('cancel', 'Callout cancelled: false alarm');
    const file = join(dir, 'audit-2026-11.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('false alarm', 'test'));
    const check = new AuditLog(dir, () => 'x').chain;
    expect(check.ok).toBe(false);
    expect(check.problem).toContain('audit-2026-11.jsonl line 2');
    expect(check.problem).toContain('changed after it was written');
  });

  it('reports a deleted entry as a broken chain', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const log = logIn(dir, [NOV]);
    for (const n of [1, 2, 3]) log.record('press', `press ${n}`);
    const file = join(dir, 'audit-2026-11.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, [lines[0], lines[2], ''].join('\n'));
    const check = new AuditLog(dir, () => 'x').chain;
    expect(check.ok).toBe(false);
    expect(check.problem).toContain('chain is broken');
  });

  it('repairs a torn last line (a crash mid-write): sets it aside, chains a repair entry, verifies as repaired', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    logIn(dir, [NOV]).record('press', 'first');
    const file = join(dir, 'audit-2026-11.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8') + '{"seq":1,"at":');
    const reopened = logIn(dir, [NOV]);
    expect(reopened.chain.ok).toBe(true);
    expect(reopened.chain.repaired).toContain('14 torn bytes');
    const aside = readdirSync(dir).find((f) => f.includes('.torn-'));
    expect(aside && readFileSync(join(dir, aside), 'utf8')).toBe('{"seq":1,"at":');
    const next = reopened.record('press', 'second');
    expect(next.seq).toBe(2);
    // Opened again: the next record is not glued onto a torn line; the chain holds for good.
    const again = new AuditLog(dir, () => 'x');
    expect(again.chain).toEqual({ ok: true, problem: null });
    expect(again.list().entries.map((e) => e.kind)).toEqual(['press', 'repair', 'press']);
  });

  it('keeps the chain when the clock goes back across a month boundary (ordered by sequence)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const log = logIn(dir, [DEC, NOV, DEC]);
    for (const n of [1, 2, 3]) log.record('press', `press ${n}`);
    const check = new AuditLog(dir, () => 'x');
    expect(check.chain).toEqual({ ok: true, problem: null });
    expect(check.list().entries.map((e) => e.text)).toEqual(['press 3', 'press 2', 'press 1']);
  });

  it('filters and exports CSV with formulas defused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const log = logIn(dir, [NOV]);
    log.record('press', 'Panic button: Downtown Branch');
    log.record('message', '=HYPERLINK("x") said "hello"');
    expect(log.list('downtown').entries).toHaveLength(1);
    const csv = exportAuditCsv(log);
    const rows = csv.trim().split('\r\n');
    expect(csv.startsWith('\ufeff')).toBe(true); // trim() drops the BOM from rows[0]
    expect(rows[0]).toBe('"Entry","Date and time","Desk","Event","What happened","Details","Hash"');
    expect(rows).toHaveLength(3);
    expect(rows[2]).toContain(`"'=HYPERLINK(""x"") said ""hello"""`);
  });

  it('refuses to record a field that looks secret', () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const log = logIn(dir, [NOV]);
    expect(() => log.record('credentials', 'changed', { clientSecret: 'x' })).toThrow(/refusing/);
    expect(() => log.record('credentials', 'changed', { accessToken: 'x' })).toThrow(/refusing/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
