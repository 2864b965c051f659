// The audit export as a person opens it in Excel or LibreOffice: BOM, local time with its offset,
// events and fields in words, details as text, formulas still defused.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../../electron/core/audit/audit-log';
import { auditCsv, CSV_HEADER, localTimestamp } from '../../../../electron/core/audit/audit-csv';

const AT = Date.UTC(2026, 10, 26, 12, 3, 5); // 12:03:05 UTC
let tz: string | undefined;
beforeAll(() => {
  tz = process.env.TZ;
  process.env.TZ = 'Africa/Johannesburg'; // UTC+02:00, no daylight saving
});
afterAll(() => {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
});

function exported(record: (log: AuditLog) => void): string[][] {
  const log = new AuditLog(
    mkdtempSync(join(tmpdir(), 'audit-csv-')),
    () => 'Gate 2',
    () => AT,
  );
  record(log);
  const csv = auditCsv(log.list('', 1000).entries.reverse());
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return csv
    .slice(1)
    .trim()
    .split('\r\n')
    .map((line) => line.slice(1, -1).split('","'));
}

describe('audit CSV', () => {
  it('writes local time with its UTC offset', () => {
    expect(localTimestamp(AT)).toBe('2026-11-26 14:03:05 +02:00');
    process.env.TZ = 'America/St_Johns'; // UTC-03:30 in November
    expect(localTimestamp(AT)).toBe('2026-11-26 08:33:05 -03:30');
    process.env.TZ = 'Africa/Johannesburg';
  });

  it('starts with a BOM, names events and fields in words, and has no raw JSON', () => {
    const rows = exported((log) => {
      log.record('calloutCreated', 'Callout 992011 for Downtown Branch — north', { callout: '992011', site: 'DT-1' });
      log.record('settings', 'Settings changed: controlRoomPhone, holdMs');
      log.record('message', '=HYPERLINK("x")');
    });
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows[1]?.slice(1, 6)).toEqual([
      '2026-11-26 14:03:05 +02:00',
      'Gate 2',
      'Callout raised',
      'Callout 992011 for Downtown Branch — north',
      'Callout: 992011; Site: DT-1',
    ]);
    expect(rows[2]?.[3]).toBe('Settings changed');
    expect(rows[2]?.[4]).toBe('Settings changed: control-room phone number, hold time');
    expect(rows[3]?.[4]).toBe(`'=HYPERLINK(""x"")`);
    const all = rows.flat().join(' ');
    expect(all).not.toMatch(/calloutCreated|controlRoomPhone|[{}]/);
  });
});
