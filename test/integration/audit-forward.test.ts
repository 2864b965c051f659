// Audit events to the SIEM (policy `auditForward`) received by real UDP and TCP collectors on
// 127.0.0.1: every audit entry as RFC 5424 with structured data (app, desk, site, callout, kind),
// readiness changes too; never a secret, a code check or a hash; a duress cancel forwarded exactly
// as a genuine one; and a dead collector costs the desk nothing: the queue is bounded and the drops
// are counted and logged.
import { createSocket } from 'node:dgram';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskHost } from '../../electron/core/desk-host';
import { DiagnosticsLog } from '../../electron/core/diagnostics/log';
import { hashCodes } from '../../electron/core/policy/cancel-codes';
import type { Policy } from '../../electron/core/policy/policy';
import { AuditForwarder } from '../../electron/core/siem/forwarder';
import { startSimulator } from '../../electron/simulator/server';
import { UNMANAGED, type DeskState } from '../../electron/shared/model/desk-state';
import { openFileStore } from '../harness/file-store';
import { memoryVault } from '../fakes/vault';
import { runCommand } from '../support/run-command';
import { until } from '../support/until';
import { deskAgainstSimulator } from '../support/sim-desk';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const RFC5424 = /^<(\d+)>1 (\S+) (\S+) PanicDesk (\d+) (\S+) \[panicdesk@32473 ((?:[^\]\\]|\\.)*)\] \uFEFF(.*)$/s;

interface Received {
  pri: number;
  time: string;
  msgid: string;
  sd: Record<string, string>;
  text: string;
  raw: string;
}

function parse(raw: string): Received {
  const m = RFC5424.exec(raw);
  if (!m) throw new Error(`not RFC 5424: ${raw}`);
  const sd: Record<string, string> = {};
  for (const p of (m[6] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
    sd[p[1] as string] = (p[2] as string).replace(/\\(.)/g, '$1');
  return { pri: Number(m[1]), time: m[2] as string, msgid: m[5] as string, sd, text: m[7] as string, raw };
}

async function udpCollector(): Promise<{ url: string; got: Received[] }> {
  const socket = createSocket('udp4');
  const got: Received[] = [];
  socket.on('message', (msg) => got.push(parse(msg.toString('utf8'))));
  await new Promise<void>((ok) => socket.bind(0, '127.0.0.1', () => ok()));
  cleanups.push(() => socket.close());
  return { url: `udp://127.0.0.1:${socket.address().port}`, got };
}

/** A TCP collector reading RFC 6587 octet-counted frames. */
async function tcpCollector(): Promise<{ url: string; got: Received[]; server: Server }> {
  const got: Received[] = [];
  const server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const space = buffer.indexOf(0x20);
        if (space < 0) return;
        const length = Number(buffer.subarray(0, space).toString());
        if (buffer.length < space + 1 + length) return;
        got.push(parse(buffer.subarray(space + 1, space + 1 + length).toString('utf8')));
        buffer = buffer.subarray(space + 1 + length);
      }
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  cleanups.push(() => new Promise<void>((ok) => (server.close(() => ok()), server.unref())));
  return { url: `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`, got, server };
}

async function hostWith(policy: Policy, lines: string[] = []): Promise<DeskHost> {
  const dir = mkdtempSync(join(tmpdir(), 'siem-'));
  const log = new DiagnosticsLog({
    info: (l) => lines.push(l),
    warn: (l) => lines.push(l),
    error: (l) => lines.push(l),
  });
  const h = await DeskHost.open({
    store: await openFileStore(dir),
    dataDir: dir,
    vault: memoryVault(),
    log,
    policy: { ok: true, policy, sources: ['test policy'] },
  });
  cleanups.push(() => h.close());
  return h;
}

describe('audit events to a syslog collector', () => {
  it('UDP: a press and its callout arrive as RFC 5424 with app, desk, site, callout and kind', async () => {
    const collector = await udpCollector();
    const h = await hostWith({ deskName: 'Réception 1', auditForward: { syslog: collector.url } });
    h.trigger('site_9944', 'button');
    const created = await until(() => collector.got.find((m) => m.msgid === 'calloutCreated'));
    const press = collector.got.find((m) => m.msgid === 'press');
    expect(press?.sd).toMatchObject({ app: 'PanicDesk', desk: 'Réception 1', site: 'site_9944', kind: 'press' });
    expect(press?.text).toBe('Panic button: Downtown Branch');
    expect(press?.pri).toBe(13 * 8 + 2); // log audit, critical
    expect(created.sd).toMatchObject({
      app: 'PanicDesk',
      desk: 'Réception 1',
      site: 'site_9944',
      kind: 'calloutCreated',
    });
    expect(created.sd.callout).toMatch(/^\d+$/);
    expect(Date.parse(created.time)).not.toBeNaN();
    // Readiness changes go too.
    await until(() => collector.got.find((m) => m.msgid === 'readiness'));
  });

  it('TCP: entries arrive framed, in order; a credentials change carries no secret', async () => {
    const collector = await tcpCollector();
    const aura = await startSimulator({ clientId: 'desk-7', clientSecret: 'right-secret' });
    cleanups.push(() => aura.close());
    const h = await hostWith({ deskName: 'Gate 3', auditForward: { syslog: collector.url } });
    h.trigger('site_9944', 'button');
    await until(() => collector.got.find((m) => m.msgid === 'calloutCreated'));
    const saved = await runCommand(h, 'setup.saveCredentials', {
      environment: 'custom',
      baseUrl: aura.baseUrl,
      clientId: 'desk-7',
      clientSecret: 'right-secret',
    });
    expect(saved.ok).toBe(true);
    const change = await until(() => collector.got.find((m) => m.msgid === 'credentials'));
    expect(change.text).toContain('custom client desk-7');
    const all = collector.got.map((m) => m.raw).join('\n');
    expect(all).not.toContain('right-secret');
    const seqs = collector.got.filter((m) => m.sd.seq !== undefined).map((m) => Number(m.sd.seq));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});

describe('cancels and duress', () => {
  it('a duress cancel is forwarded exactly as a genuine one, with no code check or hash', async () => {
    const collector = await tcpCollector();
    const forwarder = new AuditForwarder({ log: new DiagnosticsLog({ info() {}, warn() {}, error() {} }) });
    forwarder.configure({ syslog: collector.url });
    cleanups.push(() => forwarder.close());
    const policy: Policy = {
      deskName: 'Gate 3',
      cancelCodes: await codeHashes('2468', '8642'),
    };
    const { desk, close } = await deskAgainstSimulator({
      desk: {
        policy: { policy, view: { ...UNMANAGED, cancelCodeRequired: true } },
        timing: { movingMs: 100, settledMs: 100, readinessEveryMs: 60_000 },
        onAudit: (entry) => forwarder.audit(entry),
      },
    });
    cleanups.push(close);
    const raise = async (): Promise<string> => {
      const before = desk.getState().presses.length;
      desk.trigger('site_9944', 'button');
      const s = await until(() => {
        const st: DeskState = desk.getState();
        return st.presses.length > before && st.presses.at(-1)?.status === 'sent' && st;
      });
      return s.presses.at(-1)?.calloutId ?? '';
    };
    const cancel = async (id: string, code: string): Promise<void> => {
      const reasonId = (await desk.handlers['callout.reasons']({ calloutId: id }))[0]?.id ?? 0;
      await desk.handlers['callout.cancel']({ calloutId: id, reasonId, notes: '', code });
    };
    const genuine = await raise();
    await cancel(genuine, '2468');
    const duress = await raise();
    await cancel(duress, '8642');
    const cancels = await until(() => {
      const c = collector.got.filter((m) => m.msgid === 'cancel');
      return c.length === 2 && c;
    });
    const neutral = (m: Received, id: string) => ({
      pri: m.pri,
      sd: { ...m.sd, callout: m.sd.callout?.replace(id, 'ID'), seq: 'n' },
      text: m.text.replace(id, 'ID'),
    });
    expect(neutral(cancels[1] as Received, duress)).toEqual(neutral(cancels[0] as Received, genuine));
    const all = collector.got.map((m) => m.raw).join('\n');
    expect(all).not.toMatch(/duress|codeCheck|scrypt\$|8642|2468/i);
  });
});

describe('a dead collector', () => {
  it('a desk whose collector is dead still sends its press', async () => {
    const probe = await tcpCollector();
    await new Promise<void>((ok) => probe.server.close(() => ok()));
    const h = await hostWith({ auditForward: { syslog: probe.url } });
    h.trigger('site_9944', 'button');
    await until(() => h.getState().presses.some((p) => p.status === 'sent'));
  });

  it('never delays a press: the queue is bounded, and the drops are counted and logged', async () => {
    // A port nothing listens on: take one, then close it.
    const probe = await tcpCollector();
    await new Promise<void>((ok) => probe.server.close(() => ok()));
    const lines: string[] = [];
    const forwarder = new AuditForwarder({
      log: new DiagnosticsLog({ info: (l) => lines.push(l), warn: (l) => lines.push(l), error: (l) => lines.push(l) }),
      maxQueue: 5,
      retryMs: 50,
    });
    forwarder.configure({ syslog: probe.url });
    cleanups.push(() => forwarder.close());
    const entry = {
      seq: 0,
      at: Date.now(),
      desk: 'Gate 3',
      kind: 'press',
      text: 'Panic button: Gate',
      data: {},
      prevHash: '',
      hash: '',
    };
    // Each call returns at once (nothing to await): the desk records and moves on.
    for (let i = 0; i < 20; i++) expect(forwarder.audit({ ...entry, seq: i })).toBeUndefined();
    expect(forwarder.dropped).toBe(15);
    await until(() => lines.some((l) => /cannot be reached/.test(l)));
    // The first drop is logged at once; later ones at most once a minute, and when the collector is back.
    expect(lines.filter((l) => /could not be forwarded and were dropped \(1 in all\)/.test(l))).toHaveLength(1);
  });
});

/** A policy's cancel and duress hashes, one shared salt, at a test's low cost. */
async function codeHashes(cancel: string, duress: string): Promise<{ cancel: string[]; duress: string[] }> {
  const [c = '', d = ''] = await hashCodes([cancel, duress], { logN: 10 });
  return { cancel: [c], duress: [d] };
}
