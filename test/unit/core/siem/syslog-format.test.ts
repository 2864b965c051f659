// The SIEM forwarder's pure parts: the policy's syslog address, RFC 5424 escaping of structured
// data, the scrub of code hashes, and the Windows Event Log port (faked: no Event Log here).
import { describe, expect, it } from 'vitest';
import { DiagnosticsLog } from '../../../../electron/core/diagnostics/log';
import { hashCodes } from '../../../../electron/core/policy/cancel-codes';
import { mergePolicy } from '../../../../electron/core/policy/policy';
import { AuditForwarder } from '../../../../electron/core/siem/forwarder';
import { formatSyslog } from '../../../../electron/core/siem/syslog-format';
import { parseSyslogTarget } from '../../../../electron/core/siem/transports';

const silent = new DiagnosticsLog({ info() {}, warn() {}, error() {} });

describe('auditForward in the policy', () => {
  it.each(['udp://siem.corp:514', 'tcp://10.0.0.5:601', 'tls://siem.corp:6514', 'udp://[::1]:514', 'tls://siem.corp'])(
    'takes %s',
    (syslog) => {
      expect(mergePolicy([{ name: 'p', values: { auditForward: { syslog, eventLog: true } } }]).ok).toBe(true);
    },
  );

  it.each(['http://siem:514', 'udp://', 'tcp://host:99999', 'siem.corp:514', 'udp://host:514/path'])(
    'refuses %s',
    (syslog) => {
      const read = mergePolicy([{ name: 'p', values: { auditForward: { syslog } } }]);
      expect(read).toMatchObject({ ok: false, badKey: 'auditForward.syslog' });
    },
  );

  it('defaults the port by protocol', () => {
    expect(parseSyslogTarget('tls://siem.corp')).toEqual({ protocol: 'tls', host: 'siem.corp', port: 6514 });
    expect(parseSyslogTarget('udp://siem.corp')).toEqual({ protocol: 'udp', host: 'siem.corp', port: 514 });
  });
});

describe('RFC 5424 message', () => {
  it('escapes ", \\ and ] in structured data and keeps the text on one line', () => {
    const text = formatSyslog(
      { at: 0, desk: 'Desk "A" [1] \\', kind: 'cancel', text: 'two\nlines', site: 's', callout: '7', seq: 3 },
      'host name',
      42,
    );
    expect(text).toBe(
      '<109>1 1970-01-01T00:00:00.000Z hostname PanicDesk 42 cancel [panicdesk@32473 app="PanicDesk" desk="Desk \\"A\\" [1\\] \\\\" site="s" callout="7" kind="cancel" seq="3"] \uFEFFtwo lines',
    );
  });

  it('never carries a code hash, whatever text holds one', async () => {
    const [hash = ''] = await hashCodes(['246813'], { logN: 10 });
    const text = formatSyslog({ at: 0, desk: 'd', kind: 'settings', text: `policy ${hash}` }, 'h', 1);
    expect(text).not.toContain(hash);
    expect(text).toContain('[redacted]');
  });
});

describe('the Windows Event Log port', () => {
  it('gets every entry when eventLog is on, and nothing when off', () => {
    const written: string[] = [];
    const forwarder = new AuditForwarder({
      log: silent,
      eventLog: { write: (level, t) => written.push(`${level}: ${t}`) },
    });
    const entry = {
      seq: 1,
      at: 0,
      desk: 'd',
      kind: 'failure',
      text: 'Panic for Gate not sent',
      data: {},
      prevHash: '',
      hash: '',
    };
    forwarder.configure({ eventLog: false });
    forwarder.audit(entry);
    forwarder.configure({ eventLog: true });
    forwarder.audit(entry);
    expect(written).toEqual(['warning: Panic for Gate not sent']);
  });
});
