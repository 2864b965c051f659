// One audit event as an RFC 5424 syslog message, for IT's SIEM: facility "log audit" (13), a
// severity by kind, MSGID = the kind, and structured data naming the app, the desk, the site and
// the callout. Built from a whitelist of the audit entry's fields only: never its other data (a
// cancel's code check, a press's internals), and the text passes the process's secret redaction
// and a scrub of code hashes. A cancel reads exactly as the audit log reads it: a duress cancel
// is indistinguishable from a genuine one here as everywhere on the desk.
import { redactKnown } from '../diagnostics/redact';

/** What is forwarded: an audit entry, or a readiness change the desk host saw. */
export interface SiemEvent {
  at: number;
  desk: string;
  kind: string;
  text: string;
  site?: string | null;
  callout?: string | null;
  seq?: number | null;
}

/** Private enterprise number 32473 is the one RFC 5612 reserves for documentation and examples. */
export const SD_ID = 'panicdesk@32473';
const FACILITY_LOG_AUDIT = 13;
/** RFC 5424 severities: 2 critical, 4 warning, 5 notice. A panic pressed is critical. */
const SEVERITY: Record<string, number> = { press: 2, calloutCreated: 2, calloutAdopted: 2, failure: 4, repair: 4 };

/** RFC 5424 §6.3.3: inside a PARAM-VALUE, `"`, `\` and `]` are escaped. */
function sdValue(text: string): string {
  return text.replace(/[\\"\]]/g, (c) => `\\${c}`);
}

/** RFC 5424 header fields: printable US-ASCII without spaces, at most `max` long, else "-". */
function headerField(text: string, max: number): string {
  const clean = text.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return clean === '' ? '-' : clean;
}

/** Secrets the process has held, and any code hash (scrypt$…) however it got into a text. */
export function scrub(text: string): string {
  return redactKnown(text).replace(
    /scrypt\$(?:[a-z]+=\d+(?:,[a-z]+=\d+)*\$)?[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+/g,
    '[redacted]',
  );
}

export function formatSyslog(event: SiemEvent, host: string, pid: number): string {
  const pri = FACILITY_LOG_AUDIT * 8 + (SEVERITY[event.kind] ?? (event.kind === 'readiness' ? 4 : 5));
  const params: Array<[string, string | number | null | undefined]> = [
    ['app', 'PanicDesk'],
    ['desk', event.desk],
    ['site', event.site],
    ['callout', event.callout],
    ['kind', event.kind],
    ['seq', event.seq],
  ];
  const sd = params
    .filter((p): p is [string, string | number] => p[1] !== null && p[1] !== undefined && p[1] !== '')
    .map(([name, value]) => `${name}="${sdValue(scrub(String(value)))}"`)
    .join(' ');
  const header = [
    `<${pri}>1`,
    new Date(event.at).toISOString(),
    headerField(host, 255),
    'PanicDesk',
    headerField(String(pid), 128),
    headerField(event.kind, 32),
  ].join(' ');
  // The MSG is UTF-8 and says so with a byte-order mark (RFC 5424 §6.4).
  return `${header} [${SD_ID} ${sd}] \uFEFF${scrub(event.text).replace(/[\r\n]+/g, ' ')}`;
}
