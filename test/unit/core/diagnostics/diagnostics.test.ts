// The diagnostics log's pieces: the size cap and rotation (5 files of 1 MB by default), the
// redacting gate every line passes, the readiness history, the export (one zip), and the app's save
// dialog for it (with a fake dialog: no Electron here).
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import electronLog from 'electron-log/node';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../../electron/core/diagnostics/redact';
import { AuraClient } from '../../../../electron/core/aura/client';
import { describePolicy } from '../../../../electron/core/policy/effective-policy';
import {
  bundleName,
  exportDiagnostics,
  writeDiagnosticsBundle,
} from '../../../../electron/core/host/diagnostics-export';
import { mergePolicy } from '../../../../electron/core/policy/policy';
import { NETWORK_PATH_WORDS } from '../../../../electron/shared/network-path';
import { readBundle } from '../../../support/bundle';
import { DiagnosticsLog, MAX_LINE_CHARS } from '../../../../electron/core/diagnostics/log';
import { MAX_READINESS_CHANGES, ReadinessHistory } from '../../../../electron/core/diagnostics/readiness-history';
import { RotatingFileLog } from '../../../../electron/core/diagnostics/rotating-file';
import { silentLogger, type Logger } from '../../../../electron/core/ports';
import { openDiagnosticsLog } from '../../../../electron/main/diagnostics-log';
import { appDiagnosticsShell } from '../../../../electron/main/diagnostics-shell';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'panic-desk-diag-'));

function memorySink(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (l) => void lines.push(`info ${l}`),
    warn: (l) => void lines.push(`warn ${l}`),
    error: (l) => void lines.push(`error ${l}`),
  };
}

describe('rotating log file', () => {
  it('never holds more than its file count, each file within the size cap, newest lines kept', () => {
    const dir = tmp();
    const log = new RotatingFileLog(join(dir, 'desk.log'), { maxBytes: 2000, files: 5 });
    for (let i = 0; i < 1000; i++) log.info(`line ${i} ${'x'.repeat(40)}`);
    const names = readdirSync(dir).sort();
    expect(names).toEqual(['desk.1.log', 'desk.2.log', 'desk.3.log', 'desk.4.log', 'desk.log']);
    for (const name of names) expect(statSync(join(dir, name)).size).toBeLessThanOrEqual(2000);
    // Oldest first, the current file last; the newest line is in the current file.
    expect(log.files().map((f) => basename(f))).toEqual([
      'desk.4.log',
      'desk.3.log',
      'desk.2.log',
      'desk.1.log',
      'desk.log',
    ]);
    expect(readFileSync(join(dir, 'desk.log'), 'utf8')).toContain('line 999 ');
    const all = log
      .files()
      .map((f) => readFileSync(f, 'utf8'))
      .join('');
    expect(all).not.toContain('line 0 ');
    const numbers = [...all.matchAll(/line (\d+) /g)].map((m) => Number(m[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b)); // in order across the files
  });

  it('writes one timestamped line per entry with its level', () => {
    const dir = tmp();
    const log = new RotatingFileLog(join(dir, 'logs', 'desk.log'), undefined, () => Date.UTC(2026, 10, 26, 3, 0, 0));
    log.warn('readiness: offline');
    expect(readFileSync(join(dir, 'logs', 'desk.log'), 'utf8')).toBe(
      '2026-11-26T03:00:00.000Z [warn] readiness: offline\n',
    );
  });
});

describe("the app's log (electron-log, which runs under plain Node too)", () => {
  it('writes main.log in the given folder, rotated into 5 files of at most 1 MB, redacted', () => {
    electronLog.transports.console.level = false;
    const dir = tmp();
    const app = openDiagnosticsLog(join(dir, 'logs'));
    const redactor = new Redactor();
    redactor.setSecret('app-secret-1234');
    app.log.redactWith(redactor);
    const filler = 'y'.repeat(1000);
    for (let i = 0; i < 6000; i++) app.log.info(`line ${i} app-secret-1234 ${filler}`);
    const files = app.files().map((f) => basename(f));
    expect(files).toEqual(['main.4.log', 'main.3.log', 'main.2.log', 'main.1.log', 'main.log']);
    expect(readdirSync(join(dir, 'logs')).sort()).toEqual([...files].sort());
    for (const f of app.files()) {
      // electron-log rotates once a file is past the cap: at most one line over it.
      expect(statSync(f).size).toBeLessThanOrEqual(1024 * 1024 + 1100);
      expect(readFileSync(f, 'utf8')).not.toContain('app-secret-1234');
    }
    expect(readFileSync(join(dir, 'logs', 'main.log'), 'utf8')).toContain('line 5999 [redacted]');
  });
});

describe('the diagnostics log gate', () => {
  it('scrubs every secret and token a client held, in every form, and any Bearer, even after the client is gone', () => {
    const sink = memorySink();
    const log = new DiagnosticsLog(sink);
    const redactor = new Redactor();
    redactor.setSecret('s3cret "x" 100%');
    redactor.addToken('tok.en.value');
    const release = log.redactWith(redactor);
    log.info('sent s3cret "x" 100% with tok.en.value and Bearer abcdefgh12345678');
    release();
    log.warn(`later: ${JSON.stringify('s3cret "x" 100%')} ${encodeURIComponent('s3cret "x" 100%')}`);
    expect(sink.lines).toEqual([
      'info sent [redacted] with [redacted] and Bearer [redacted]',
      'warn later: "[redacted]" [redacted]',
    ]);
  });

  it("also passes each line through a live client's own redactor, until the client lets go", () => {
    const sink = memorySink();
    const log = new DiagnosticsLog(sink);
    const release = log.redactWith({ redact: (t) => t.split('site-secret-word').join('[client]') });
    log.info('a site-secret-word');
    release();
    log.info('a site-secret-word');
    expect(sink.lines).toEqual(['info a [client]', 'info a site-secret-word']);
  });

  it('keeps each entry on one line and cuts it only after redaction', () => {
    const sink = memorySink();
    const log = new DiagnosticsLog(sink);
    const redactor = new Redactor();
    const secret = 'Z'.repeat(50);
    redactor.setSecret(secret);
    log.redactWith(redactor);
    log.error(`first\nsecond\r\nthird ${'a'.repeat(MAX_LINE_CHARS - 30)}${secret}`);
    const line = sink.lines[0] ?? '';
    expect(line).not.toMatch(/[\r\n]/);
    expect(line).toContain('first ⏎ second ⏎ third');
    expect(line).not.toContain('ZZZZ'); // a cut through the secret would have left its start
    expect(line.length).toBeLessThanOrEqual('error '.length + MAX_LINE_CHARS + 1);
  });

  it('never throws when the sink cannot write (a full disk must not stop a press)', () => {
    const log = new DiagnosticsLog({
      ...silentLogger,
      info: () => {
        throw new Error('ENOSPC');
      },
    });
    expect(() => log.info('x')).not.toThrow();
  });
});

describe('readiness history', () => {
  it('keeps changes only, logs each, and stays bounded', () => {
    const sink = memorySink();
    let now = 0;
    const history = new ReadinessHistory(sink, () => now);
    const ready = { level: 'ready' as const, message: 'AURA Staging', lastContactAt: 1 };
    const offline = { level: 'offline' as const, message: 'Presses will be queued', lastContactAt: 1 };
    history.observe('staging', ready);
    now = 5;
    history.observe('staging', { ...ready, lastContactAt: 2 }); // same level and words: no change
    history.observe('staging', offline);
    expect(history.entries()).toEqual([
      { at: 0, environment: 'staging', level: 'ready', message: 'AURA Staging' },
      { at: 5, environment: 'staging', level: 'offline', message: 'Presses will be queued' },
    ]);
    expect(sink.lines).toEqual([
      'info readiness: staging ready (AURA Staging)',
      'warn readiness: ready -> staging offline (Presses will be queued)',
    ]);
    for (let i = 0; i < MAX_READINESS_CHANGES + 50; i++) history.observe('staging', i % 2 ? ready : offline);
    expect(history.entries()).toHaveLength(MAX_READINESS_CHANGES);
  });
});

describe('diagnostics export: one zip', () => {
  it('holds the summary, the effective policy and the log files, redacted once more', () => {
    const parent = tmp();
    const logs = tmp();
    const logFile = join(logs, 'main.log');
    writeFileSync(logFile, 'line with leaked-secret\nline two\n');
    const at = Date.UTC(2026, 10, 26, 13, 5, 0);
    const hash = 'scrypt$0lDPR22bZntekCbXHWXGRA==$oS4lmETreOfBS7V2MmGAxQe+n0de5oBXm6WvL4JHEPg=';
    const policy = {
      deskName: 'Gate 3',
      holdMs: 1000,
      cancelCodes: { cancel: [hash], duress: [hash] },
      locked: ['holdMs' as const],
    };
    const input = {
      createdAt: at,
      versions: { app: '0.1.0' },
      connection: {
        environment: 'staging' as const,
        baseUrl: 'https://x.test/v2',
        clientId: 'desk-1',
        hasSecret: true,
      },
      readiness: { level: 'ready' as const, message: 'AURA Staging', lastContactAt: at },
      readinessHistory: [
        {
          at,
          environment: 'staging' as const,
          level: 'offline' as const,
          message: `Presses will be queued and retried — ${NETWORK_PATH_WORDS.certUntrusted}`,
        },
        { at, environment: 'staging' as const, level: 'ready' as const, message: 'AURA Staging' },
      ],
      audit: { chainOk: false, problem: 'The audit chain is broken before audit-2026-11.jsonl line 3' },
      logFiles: [logFile, join(logs, 'gone.log')],
      policy: describePolicy(
        policy,
        ['C:\\ProgramData\\Panic Desk\\policy.json', 'HKLM\\SOFTWARE\\Policies\\Panic Desk'],
        {
          deskName: 'C:\\ProgramData\\Panic Desk\\policy.json',
          holdMs: 'HKLM\\SOFTWARE\\Policies\\Panic Desk',
        },
        null,
      ),
      hotkey: {
        accelerator: 'CommandOrControl+Alt+Shift+P',
        state: { registered: false, error: 'taken by another app', testing: false, lastTestOkAt: null, siteId: null },
      },
      presses: { unsent: 2, refused: 1 },
      network: { via: 'Electron net.fetch', proxy: 'PROXY proxy.corp:8080' },
      redact: (t: string) => t.split('leaked-secret').join('[redacted]'),
    };
    const file = join(parent, bundleName(at));
    expect(basename(file)).toBe('panic-desk-diagnostics-2026-11-26T13-05-00Z.zip');
    expect(writeDiagnosticsBundle(file, input)).toBe(file);
    expect(readdirSync(parent)).toEqual([basename(file)]); // one file, no temporary left
    const zip = readBundle(file);
    expect(Object.keys(zip).sort()).toEqual(['logs/main.log', 'policy.json', 'summary.json']);
    expect(zip['logs/main.log']).toBe('line with [redacted]\nline two\n');
    const summary = JSON.parse(zip['summary.json'] ?? '') as Record<string, unknown>;
    expect(summary).toMatchObject({
      createdAt: '2026-11-26T13:05:00.000Z',
      versions: { app: '0.1.0', node: process.versions.node },
      os: { platform: process.platform },
      aura: { environment: 'staging', baseUrl: 'https://x.test/v2', clientId: 'desk-1', secretInKeychain: true },
      readiness: {
        now: { level: 'ready' },
        history: [{ at: '2026-11-26T13:05:00.000Z', level: 'offline' }, { level: 'ready' }],
      },
      auditLog: { verified: false, problem: 'The audit chain is broken before audit-2026-11.jsonl line 3' },
      hotkey: { accelerator: 'CommandOrControl+Alt+Shift+P', registered: false, error: 'taken by another app' },
      presses: { unsent: 2, refused: 1 },
      network: {
        via: 'Electron net.fetch',
        proxy: 'PROXY proxy.corp:8080',
        problems: [{ at: '2026-11-26T13:05:00.000Z', problem: NETWORK_PATH_WORDS.certUntrusted }],
      },
      logFiles: ['main.log'],
    });
    const effective = JSON.parse(zip['policy.json'] ?? '') as Record<string, unknown>;
    expect(effective).toMatchObject({
      values: {
        deskName: { value: 'Gate 3', source: 'C:\\ProgramData\\Panic Desk\\policy.json', locked: false },
        holdMs: { value: 1000, source: 'HKLM\\SOFTWARE\\Policies\\Panic Desk', locked: true },
        cancelCodes: { value: '[redacted: 1 cancel and 1 duress code hashes]' },
      },
    });
    expect(JSON.stringify(zip)).not.toContain('scrypt$');
  });

  it('mergePolicy says which source set each value', () => {
    const read = mergePolicy([
      { name: 'file', values: { deskName: 'A', holdMs: 500, locked: ['deskName'] } },
      { name: 'registry', values: { holdMs: 900, locked: ['holdMs'] } },
    ]);
    expect(read).toMatchObject({
      ok: true,
      origins: { deskName: 'file', holdMs: 'registry', locked: 'file, registry' },
    });
  });
});

describe('AURA requests in the log', () => {
  it('says method, route and how it failed for a dead network and a timeout, with no body', async () => {
    const sink = memorySink();
    const log = new DiagnosticsLog(sink);
    const client = (fetchImpl: typeof fetch) =>
      new AuraClient({
        baseUrl: 'http://127.0.0.1:9/v2',
        clientId: 'desk',
        getSecret: async () => 'body-secret-42',
        keepWarm: false,
        timeoutMs: 50,
        fetch: fetchImpl,
        log,
      });
    const refused: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:9') });
    };
    const silent: typeof fetch = (_input, init) =>
      new Promise((_ok, fail) => init?.signal?.addEventListener('abort', () => fail(new Error('aborted'))));
    await expect(client(refused).getToken()).rejects.toThrow();
    await expect(client(silent).getToken()).rejects.toThrow();
    expect(sink.lines).toHaveLength(2);
    expect(sink.lines[0]).toMatch(/^warn AURA POST \/oauth\/token network \d+ ms$/);
    expect(sink.lines[1]).toMatch(/^warn AURA POST \/oauth\/token timeout \d+ ms$/);
  });
});

describe('export failures', () => {
  it('says where it could not write, in plain words', async () => {
    const file = join(tmp(), 'not-a-folder');
    writeFileSync(file, '');
    const shell = {
      chooseFile: async () => join(file, 'bundle.zip'),
      logFiles: () => [],
      versions: {},
      networkRoute: async () => ({ via: 'test', proxy: null }),
    };
    const input = {
      connection: { environment: 'training' as const, baseUrl: null, clientId: null, hasSecret: false },
      readiness: { level: 'ready' as const, message: 'x', lastContactAt: null },
      readinessHistory: [],
      audit: { chainOk: true, problem: null },
      policy: null,
      hotkey: { accelerator: '', state: null },
      presses: { unsent: 0, refused: 0 },
      redact: (t: string) => t,
    };
    await expect(exportDiagnostics(shell, input)).rejects.toThrow(
      new RegExp(`^The diagnostics could not be saved as ${file}/bundle.zip \\(ENOTDIR\\): choose another place$`),
    );
    expect(await exportDiagnostics({ ...shell, chooseFile: async () => null }, input)).toBeNull();
  });
});

describe("the app's save dialog for the export", () => {
  it('returns the file the operator chose, or null when they cancelled; asks Chromium for the proxy', async () => {
    const answers = [
      { canceled: false, filePath: '/home/guard/Desktop/bundle.zip' },
      { canceled: true, filePath: '' },
    ];
    const asked: string[] = [];
    const shell = appDiagnosticsShell(
      {
        showSaveDialog: async (options) => {
          asked.push(`${options.defaultPath} ${options.filters[0]?.extensions.join(',')}`);
          return answers.shift() ?? { canceled: true };
        },
      },
      { getVersion: () => '0.1.0', getPath: () => '/home/guard/Documents' },
      () => ['/logs/main.log'],
      async (url) => (url.startsWith('https://aura') ? 'PROXY proxy.corp:8080' : 'DIRECT'),
    );
    expect(await shell.chooseFile('bundle.zip')).toBe('/home/guard/Desktop/bundle.zip');
    expect(await shell.chooseFile('bundle.zip')).toBeNull();
    expect(asked).toEqual(['/home/guard/Documents/bundle.zip zip', '/home/guard/Documents/bundle.zip zip']);
    expect(shell.versions).toEqual({ app: '0.1.0', host: 'electron' });
    expect(shell.logFiles()).toEqual(['/logs/main.log']);
    expect(await shell.networkRoute('https://aura.example/v2')).toMatchObject({ proxy: 'PROXY proxy.corp:8080' });
    expect(await shell.networkRoute(null)).toMatchObject({ proxy: null });
  });
});
