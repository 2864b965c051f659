// The audit log as a CSV a person opens in Excel or LibreOffice: a UTF-8 BOM (so "—" and names
// with accents survive), local time with its UTC offset (as the screen shows it), events and
// fields in words, and the details as "Field: value" text instead of raw JSON. The hash stays,
// last, so that an export can still be checked against the log. Cells go through audit.ts's
// csvCell, the one place that quotes and defuses spreadsheet formulas.
import type { AuditEntry } from '../../shared/model/audit-entry';
import { eventWords, words } from '../../shared/audit-words';
import { settingWords } from '../../shared/setting-words';
import { csvCell, type AuditLog } from './audit-log';

const BOM = '\uFEFF';

export const CSV_HEADER = ['Entry', 'Date and time', 'Desk', 'Event', 'What happened', 'Details', 'Hash'] as const;

/** Detail fields the desk records, in words; any other key is split from camelCase. */
const FIELD_WORDS: Record<string, string> = {
  site: 'Site',
  callout: 'Callout',
  press: 'Press',
  reason: 'Reason',
  attempts: 'Attempts',
  attempt: 'Attempt',
  source: 'Source',
  stage: 'Stage',
  status: 'AURA status',
  rawStatus: 'AURA status',
  error: 'Error',
  environment: 'Environment',
  clientId: 'Client ID',
  baseUrl: 'Base URL',
};

function fieldWords(key: string): string {
  return FIELD_WORDS[key] ?? words(key);
}

/** "2026-11-26 14:03:05 +02:00": the local wall clock of this computer, with its offset from UTC. */
export function localTimestamp(at: number): string {
  const d = new Date(at);
  const pad = (n: number): string => String(n).padStart(2, '0');
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

function valueWords(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** The entry's data as "Site: DT-01; Reason: False alarm". */
export function detailsOf(data: Record<string, unknown>): string {
  return Object.entries(data)
    .map(([key, value]) => `${fieldWords(key)}: ${valueWords(value)}`)
    .join('; ');
}

/** Older settings entries named settings by their keys ("controlRoomPhone"): name them in words. */
function textOf(entry: AuditEntry): string {
  if (entry.kind !== 'settings') return entry.text;
  return entry.text.replace(
    /^(Settings changed: )(.*)$/,
    (_, head: string, list: string) => head + list.split(', ').map(settingWords).join(', '),
  );
}

/** The CSV file's text, oldest entry first, with the BOM and CRLF line ends spreadsheets expect. */
/** The audit log as the operator exports it: entries matching `text`, oldest first. */
export function exportAuditCsv(log: AuditLog, text = ''): string {
  return auditCsv(log.list(text, Number.MAX_SAFE_INTEGER).entries.reverse());
}

export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows: string[][] = [[...CSV_HEADER]];
  for (const e of entries) {
    rows.push([String(e.seq), localTimestamp(e.at), e.desk, eventWords(e.kind), textOf(e), detailsOf(e.data), e.hash]);
  }
  return BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
