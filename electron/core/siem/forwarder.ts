// Audit events to IT's SIEM (policy key `auditForward`, docs/policy.md): every audit entry the
// desk writes, and every readiness change, goes out as it is written, as RFC 5424 syslog over
// UDP, TCP or TLS, and to the Windows Event Log where the host gives a port for it. Forwarding
// never waits and never throws into the desk: a dead collector never delays a press. What could
// not be sent is dropped from a bounded queue, counted, and the count logged and sent once the
// collector answers again. Lives in the desk host: it outlives each desk.
import { hostname } from 'node:os';
import type { AuditEntry } from '../../shared/model/audit-entry';
import type { Logger } from '../ports';
import { formatSyslog, scrub, type SiemEvent } from './syslog-format';
import { parseSyslogTarget, streamTransport, udpTransport, type Transport } from './transports';

const DROP_REPORT_EVERY_MS = 60_000;

export interface AuditForwardConfig {
  syslog?: string;
  eventLog?: boolean;
}

/** The Windows Event Log, where the host has one (main on Windows); none elsewhere. */
export interface EventLogPort {
  write(level: 'information' | 'warning', text: string): void;
}

export interface ForwarderOptions {
  log: Logger;
  eventLog?: EventLogPort | null;
  /** Messages waiting for a TCP/TLS collector before the oldest are dropped (default 1000). */
  maxQueue?: number;
  host?: string;
  pid?: number;
  retryMs?: number;
}

/** Only these fields of an entry's data leave the desk. */
function eventOf(entry: AuditEntry): SiemEvent {
  const field = (name: string): string | null => {
    const value = entry.data[name];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  };
  return {
    at: entry.at,
    desk: entry.desk,
    kind: entry.kind,
    text: entry.text,
    site: field('site'),
    callout: field('callout'),
    seq: entry.seq,
  };
}

export class AuditForwarder {
  private transport: Transport | null = null;
  private isUdp = false;
  private config = '';
  private eventLog = false;
  private reported = 0;
  /** When drops were last reported (at most once a minute while the collector is away). */
  private reportedAt = -Infinity;
  private deskName: string;

  constructor(private readonly opts: ForwarderOptions) {
    this.deskName = opts.host ?? hostname();
  }

  /** Follows the policy's `auditForward` (none: nothing is forwarded). */
  configure(config: AuditForwardConfig | undefined): void {
    const key = JSON.stringify(config ?? null);
    if (key === this.config) return;
    this.config = key;
    this.transport?.close();
    this.transport = null;
    this.reported = 0;
    this.eventLog = config?.eventLog === true;
    if (this.eventLog && !this.opts.eventLog) {
      this.opts.log.warn('audit forwarding: the Windows Event Log is not available on this host; syslog only');
    }
    if (!config?.syslog) return;
    const target = parseSyslogTarget(config.syslog);
    if (!target) return this.opts.log.warn(`audit forwarding: "${config.syslog}" is not a syslog address`);
    const max = this.opts.maxQueue ?? 1000;
    this.isUdp = target.protocol === 'udp';
    this.transport =
      target.protocol === 'udp'
        ? udpTransport(target, max)
        : streamTransport(target, {
            maxQueue: max,
            retryMs: this.opts.retryMs,
            onState: (up, why) => this.connection(up, why),
          });
    this.opts.log.info(`audit forwarding to ${target.protocol}://${target.host}:${target.port}`);
  }

  /** An audit entry as it is written. */
  audit(entry: AuditEntry): void {
    this.deskName = entry.desk || this.deskName;
    this.forward(eventOf(entry));
  }

  /** A readiness change of the desk (ready, offline, …). */
  readiness(at: number, level: string, message: string): void {
    this.forward({ at, desk: this.deskName, kind: 'readiness', text: `Readiness: ${level} — ${message}` });
  }

  /** Messages dropped so far by the current transport. */
  get dropped(): number {
    return this.transport?.dropped ?? 0;
  }

  close(): void {
    this.transport?.close();
    this.transport = null;
    this.config = '';
  }

  private forward(event: SiemEvent): void {
    try {
      this.transport?.send(formatSyslog(event, this.opts.host ?? hostname(), this.opts.pid ?? process.pid));
      if (this.eventLog)
        this.opts.eventLog?.write(event.kind === 'failure' ? 'warning' : 'information', scrub(event.text));
      if (Date.now() - this.reportedAt >= DROP_REPORT_EVERY_MS) this.reportDrops(this.isUdp);
    } catch (error) {
      // Forwarding must never break the desk; the log says what went wrong.
      this.opts.log.warn(`audit forwarding failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private connection(up: boolean, why: string | null): void {
    if (up) {
      this.opts.log.info('audit forwarding: the collector is connected');
      this.reportDrops(true);
    } else this.opts.log.warn(`audit forwarding: the collector cannot be reached (${why ?? 'unknown'})`);
  }

  /** Logs new drops and, when it can be heard (`tell`), tells the collector how many it missed. */
  private reportDrops(tell: boolean): void {
    const dropped = this.dropped;
    if (dropped <= this.reported) return;
    this.reportedAt = Date.now();
    const missed = dropped - this.reported;
    this.reported = dropped;
    const text = `${missed} audit message${missed === 1 ? '' : 's'} could not be forwarded and were dropped (${dropped} in all)`;
    this.opts.log.warn(`audit forwarding: ${text}`);
    if (tell)
      this.transport?.send(
        formatSyslog(
          { at: Date.now(), desk: this.deskName, kind: 'forwardDropped', text },
          this.opts.host ?? hostname(),
          this.opts.pid ?? process.pid,
        ),
      );
  }
}
