// The diagnostics log and the "Export diagnostics" folder never hold the secret or a token. Whole
// flows run through the desk host as the harness runs it (the same DiagnosticsLog, a rotating log
// file): setup refused by a hostile server that echoes every request back (the secret, JSON-escaped,
// and the bearer), setup accepted, a press, failures (500s, an expired token: the secret is sent
// again), a message, a cancel, then the export. Every file is searched for the secret and every
// token issued, raw, JSON-escaped, URL-encoded and in base64. The log must also have said what
// IT needs: requests with route, status and latency, dispatch and polling decisions, readiness.
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../support/run-command';
import { DiagnosticsLog } from '../../electron/core/diagnostics/log';
import { RotatingFileLog } from '../../electron/core/diagnostics/rotating-file';
import { readBundle, textsUnder } from '../support/bundle';
import { DeskHost } from '../../electron/core/desk-host';
import { memoryVault } from '../fakes/vault';
import { startSimulator } from '../../electron/simulator/server';
import { openFileStore } from '../harness/file-store';
import { until } from '../support/until';

/** Quotes, a backslash, %, spaces and non-ASCII: every form a careless redaction would miss. */
const SECRET = 'Canary "q\\uote" 100% Ünïcødé ✓ s3cr3t-7f3a';
const CLIENT_ID = 'desk-canary';

const cleanups: Array<() => Promise<void> | void> = [];
const realFetch = globalThis.fetch;
afterEach(async () => {
  globalThis.fetch = realFetch;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Every form in which a value could land in a text file. */
function formsOf(value: string): string[] {
  return [
    value,
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    encodeURIComponent(value).replace(/%20/g, '+'),
    Buffer.from(value).toString('base64'),
    Buffer.from(value).toString('base64url'),
  ];
}

/** A hostile "AURA": answers every request with the request itself, headers and body, as text. */
async function hostileEcho(): Promise<string> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      res.writeHead(req.url?.endsWith('/oauth/token') ? 400 : 500, { 'content-type': 'text/plain' });
      res.end(`you sent ${req.method} ${req.url} ${JSON.stringify(req.headers)} ${body}`);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));
  cleanups.push(() => new Promise<void>((ok) => server.close(() => ok())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/panic-api/v2`;
}

describe('diagnostics canary', () => {
  it('no log file and no exported file holds the secret or a token, in any form', async () => {
    // Every token AURA issues, as it crossed the wire (the client never lets one out).
    const tokens = new Set<string>();
    globalThis.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (String(input).endsWith('/oauth/token') && response.ok) {
        const text = await response.clone().text();
        for (const jwt of text.match(/[\w-]+\.[\w-]+\.[\w-]+/g) ?? []) tokens.add(jwt);
      }
      return response;
    };

    const sim = await startSimulator({ clientId: CLIENT_ID, clientSecret: SECRET });
    cleanups.push(() => sim.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'panic-desk-canary-'));
    const exportDir = mkdtempSync(join(tmpdir(), 'panic-desk-canary-export-'));
    // Small files, so that the flows rotate the log and every rotated file is searched too.
    const said: string[] = [];
    const file = new RotatingFileLog(join(dataDir, 'logs', 'panic-desk.log'), { maxBytes: 1024, files: 5 });
    const host = await DeskHost.open({
      store: await openFileStore(dataDir),
      dataDir,
      vault: memoryVault(),
      // Every line also kept in memory: which lines the small rotating files still hold depends on
      // how many poll lines a slow machine wrote since; what the log *said* does not.
      log: new DiagnosticsLog({
        info: (l) => (said.push(l), file.info(l)),
        warn: (l) => (said.push(l), file.warn(l)),
        error: (l) => (said.push(l), file.error(l)),
      }),
      diagnostics: {
        chooseFile: async (name) => join(exportDir, name),
        logFiles: () => file.files(),
        versions: { app: 'test' },
        networkRoute: async () => ({ via: 'test', proxy: null }),
      },
      timing: { retryDelaysMs: [30], movingMs: 50, settledMs: 50, readinessEveryMs: 100, settleAfterTimeoutMs: 30 },
    });
    cleanups.push(() => host.close());
    const run = (name: string, payload: unknown) => runCommand(host, name, payload);

    // 1. Setup against a hostile server: refused (its echo holds the secret, JSON-escaped).
    const refused = await run('setup.saveCredentials', {
      environment: 'custom',
      baseUrl: await hostileEcho(),
      clientId: CLIENT_ID,
      clientSecret: SECRET,
    });
    expect(refused.ok).toBe(false);

    // 2. Setup against the simulator: verified and saved.
    const saved = await run('setup.saveCredentials', {
      environment: 'custom',
      baseUrl: sim.baseUrl,
      clientId: CLIENT_ID,
      clientSecret: SECRET,
    });
    expect(saved).toEqual({ ok: true, value: { saved: true } });
    await until(host, (s) => s.readiness.level === 'ready', 'ready');

    // 3. A press through failures: two 500s on the raise, then an expired token (a new exchange).
    sim.faults.set([
      { kind: 'error500', route: 'raiseCallout', times: 2 },
      { kind: 'tokenExpiry', route: 'raiseCallout', skip: 2, times: 1 },
    ]);
    expect((await run('panic.trigger', { siteId: 'site_9944' })).ok).toBe(true);
    const sent = await until(host, (s) => s.presses[0]?.status === 'sent', 'the press to be sent');
    const calloutId = sent.presses[0]?.calloutId ?? '';
    expect(sent.presses[0]?.attempts).toBeGreaterThanOrEqual(3);

    // 4. Polling through failures, a message, a cancel. (The poll cycle's one request is the list
    // of active callouts; the callout itself is read only when it moves.)
    sim.faults.set([{ kind: 'error500', route: 'listActiveCallouts', times: 2 }]);
    expect((await run('callout.message', { calloutId, text: 'Canary message' })).ok).toBe(true);
    const reasons = await run('callout.reasons', { calloutId });
    if (!reasons.ok) throw new Error(reasons.error.message);
    const reasonId = (reasons.value as Array<{ id: number }>)[0]?.id ?? 0;
    expect((await run('callout.cancel', { calloutId, reasonId, notes: 'canary' })).ok).toBe(true);
    await until(host, () => sim.faults.list().every((f) => f.fired >= (f.times ?? 0)), 'the poll faults');
    // The recovery after the poll faults is part of what the log must tell.
    await until(host, (s) => s.readiness.level === 'ready', 'ready again after the poll faults');

    // 5. Export diagnostics.
    const exported = await run('diagnostics.export', {});
    if (!exported.ok) throw new Error(exported.error.message);
    const location = (exported.value as { location: string }).location;
    expect(location.startsWith(exportDir)).toBe(true);

    expect(tokens.size).toBeGreaterThanOrEqual(2);
    const logFiles = file.files();
    expect(logFiles.length).toBeGreaterThan(1); // rotated: every file is searched
    // The zip is read entry by entry: compressed bytes would hide a secret from a text search.
    const texts = {
      ...Object.fromEntries(logFiles.map((f) => [f, readFileSync(f, 'utf8')])),
      ...textsUnder(exportDir),
    };
    expect(Object.keys(texts).some((f) => f.endsWith('.zip!policy.json'))).toBe(true);
    const leaks: string[] = [];
    for (const [path, text] of Object.entries(texts)) {
      for (const secret of [SECRET, ...tokens]) {
        for (const form of formsOf(secret)) if (text.includes(form)) leaks.push(`${path}: ${form.slice(0, 12)}…`);
      }
    }
    expect(leaks).toEqual([]);

    // The log said what IT needs, in lines without bodies.
    const log = said.join('\n');
    expect(said.length).toBeGreaterThan(0);
    expect(log).toMatch(/AURA POST \/oauth\/token 400 \d+ ms/);
    expect(log).toMatch(/AURA POST \/predefinedLocations\/externalRef\/site_9944\/callouts 500 \d+ ms/);
    expect(log).toMatch(/AURA GET \/callouts\/\S+ 200 \d+ ms/);
    expect(log).toMatch(/dispatch: press \S+ attempt 1 failed \(server\): retry in \d+ ms/);
    expect(log).toMatch(/dispatch: press \S+ sent: (raised|adopted) callout/);
    expect(log).toMatch(/poll: list read failed \(server\)/);
    expect(log).toMatch(/readiness: offline -> custom ready/);
    expect(log).not.toMatch(/you sent/); // no response body ever reaches the log

    const summary = JSON.parse(readBundle(location)['summary.json'] ?? '') as Record<string, unknown>;
    expect(summary).toMatchObject({
      aura: { environment: 'custom', baseUrl: sim.baseUrl, clientId: CLIENT_ID, secretInKeychain: true },
      auditLog: { verified: true, problem: null },
      versions: { app: 'test', node: process.versions.node },
    });
  });
});
