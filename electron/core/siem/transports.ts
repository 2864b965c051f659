// Where syslog messages go: UDP (RFC 5426, one datagram each), TCP (RFC 6587 octet counting) or
// TLS (RFC 5425, the same framing). Each transport takes messages without ever waiting: a dead
// collector must never delay a press. The stream transports keep a bounded queue, reconnect with
// backoff, and count what they had to drop (oldest first) so that the forwarder can say so.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { isIP, connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export type SyslogProtocol = 'udp' | 'tcp' | 'tls';
export interface SyslogTarget {
  protocol: SyslogProtocol;
  host: string;
  port: number;
}

const DEFAULT_PORTS: Record<SyslogProtocol, number> = { udp: 514, tcp: 514, tls: 6514 };

/** `udp://host:514`, `tcp://host:port`, `tls://host:port` (port optional: 514, 514, 6514); null when not. */
export function parseSyslogTarget(text: string): SyslogTarget | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const protocol = url.protocol.replace(/:$/, '');
  if (protocol !== 'udp' && protocol !== 'tcp' && protocol !== 'tls') return null;
  if (!url.hostname || url.pathname.replace(/^\/$/, '') !== '' || url.username || url.search) return null;
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[protocol];
  return { protocol, host: url.hostname.replace(/^\[|\]$/g, ''), port };
}

export interface Transport {
  /** Takes one message; never throws, never waits. */
  send(message: string): void;
  /** Messages dropped so far (queue full or datagram refused). */
  readonly dropped: number;
  close(): void;
}

/** The largest datagram sent: RFC 5426 asks receivers to take 2048 octets; longer texts are cut. */
export const MAX_DATAGRAM = 2048;

export function udpTransport(target: SyslogTarget, maxInFlight: number): Transport {
  const socket: UdpSocket = createSocket(isIP(target.host) === 6 ? 'udp6' : 'udp4');
  socket.on('error', () => undefined); // an ICMP "port unreachable" must not crash the app
  socket.unref();
  let inFlight = 0;
  let dropped = 0;
  return {
    send(message) {
      if (inFlight >= maxInFlight) {
        dropped++;
        return;
      }
      let bytes = Buffer.from(message, 'utf8');
      if (bytes.length > MAX_DATAGRAM) bytes = bytes.subarray(0, MAX_DATAGRAM);
      inFlight++;
      socket.send(bytes, target.port, target.host, (error) => {
        inFlight--;
        if (error) dropped++;
      });
    },
    get dropped() {
      return dropped;
    },
    close: () => socket.close(),
  };
}

export interface StreamOptions {
  maxQueue: number;
  /** Told when the connection comes up or fails (for the diagnostics log). */
  onState(up: boolean, why: string | null): void;
  /** Reconnect delays grow from this to 30 s (default 1 s). */
  retryMs?: number;
  connectTimeoutMs?: number;
}

/** TCP or TLS with octet-counting framing (`LEN SP MSG`), a bounded queue and reconnects. */
export function streamTransport(target: SyslogTarget, options: StreamOptions): Transport {
  return new StreamTransport(target, options);
}

class StreamTransport implements Transport {
  private readonly queue: Buffer[] = [];
  private lost = 0;
  private socket: Socket | null = null;
  private up = false;
  private closed = false;
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly target: SyslogTarget,
    private readonly options: StreamOptions,
  ) {
    this.open();
  }

  get dropped(): number {
    return this.lost;
  }

  send(message: string): void {
    const body = Buffer.from(message, 'utf8');
    this.queue.push(Buffer.concat([Buffer.from(`${body.length} `), body]));
    while (this.queue.length > this.options.maxQueue) {
      this.queue.shift();
      this.lost++;
    }
    this.pump();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.end();
    this.socket = null;
  }

  private readonly pump = (): void => {
    while (this.up && this.socket && this.queue.length > 0) {
      const frame = this.queue.shift() as Buffer;
      if (!this.socket.write(frame)) return void this.socket.once('drain', this.pump);
    }
  };

  private open(): void {
    if (this.closed) return;
    const { host, port, protocol } = this.target;
    const s =
      protocol === 'tls'
        ? tlsConnect({ host, port, servername: isIP(host) ? undefined : host })
        : tcpConnect({ host, port });
    this.socket = s;
    s.unref();
    s.setTimeout(this.options.connectTimeoutMs ?? 5000, () => s.destroy(new Error('no answer in time')));
    s.once(protocol === 'tls' ? 'secureConnect' : 'connect', () => {
      s.setTimeout(0);
      this.up = true;
      this.failures = 0;
      this.options.onState(true, null);
      this.pump();
    });
    s.on('error', (error) => this.retry(error.message));
    s.on('close', () => this.socket === s && this.retry('the collector closed the connection'));
  }

  private retry(why: string): void {
    if (this.closed) return;
    if (this.up || this.failures === 0) this.options.onState(false, why);
    this.up = false;
    this.socket?.destroy();
    this.socket = null;
    this.failures++;
    const delay = Math.min(30_000, (this.options.retryMs ?? 1000) * 2 ** Math.min(this.failures - 1, 5));
    this.timer = setTimeout(() => this.open(), delay);
    this.timer.unref();
  }
}
