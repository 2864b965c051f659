// The whole-app canary (issue 12): the desk as it runs (DeskHost, file store, audit log, outbox,
// runCommand as IPC does it, notifications), taken through setup, verify, presses, messages and
// cancels against the simulator, then re-pointed at a hostile server that passes everything on
// but poisons presses, messages and cancels with an echo of every request it has seen (the token
// exchange with the secret, the bearer headers), padded to land inside the 300 characters kept.
// The secrets hold quotes, backslashes, %, spaces and non-ASCII. Afterwards no secret and no
// issued token may be found, raw, JSON-escaped, URL-encoded or base64, in any IPC reply, state
// event, notification, CSV export, console line, or any file in the data folder: the diagnostics
// log (written there as the harness does) and the "Export diagnostics" folder included.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../support/run-command';
import type { Notifier } from '../../electron/core/ports';
import { DeskHost } from '../../electron/core/desk-host';
import { watchCalloutStages } from '../../electron/main/notifications';
import type { DeskState } from '../../electron/shared/model/desk-state';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { memoryVault } from '../fakes/vault';
import { harnessDiagnostics } from '../harness/diagnostics';
import { textsUnder } from '../support/bundle';
import { openFileStore } from '../harness/file-store';
import { leaksIn, startHostileServer, type HostileServer } from '../support/hostile-server';

const CLIENT_ID = 'canary-desk';
const SECRET = `C4n"ary\\sec %41%2F re+t/=ünï—密码🔑 '<&>`;
const WRONG = `Wr0ng"\\ %25 se cret ß`;

let sim: RunningSimulator;
let hostile: HostileServer;
let dataDir: string;
let host: DeskHost;
const replies: string[] = [];
const events: string[] = [];
const notices: string[] = [];
const consoleLines: string[] = [];

/** Runs a command exactly as the IPC handler does, and keeps its reply. */
async function ipc(name: string, payload: unknown): Promise<{ ok: boolean; value?: unknown }> {
  const result = await runCommand(host, name, payload);
  replies.push(JSON.stringify(result));
  return result as { ok: boolean; value?: unknown };
}

const state = (): DeskState => host.getState();

/** A route that turns hostile: raises, messages, cancel reasons and cancels. */
const poisoned = (method: string, path: string): boolean =>
  method === 'POST' && /\/callouts$|\/events$|\/cancel$|\/exceptionReasons$/.test(path);

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleLines.push(format(...args)));
  }
  sim = await startSimulator({ clientId: CLIENT_ID, clientSecret: SECRET });
  for (const n of [2, 3]) {
    sim.state.addLocation({
      externalReferenceId: `canary_gate_${n}`,
      locationIdentifier: `Canary Gate ${n}`,
      latitude: '-26.1',
      longitude: '28.0',
      formattedAddress: null,
    });
  }
  // Padded so that the echoed token exchange (and its JSON-escaped secret) sits just inside the
  // first 300 characters: the part of AURA's message the desk keeps.
  hostile = await startHostileServer({ upstream: sim.origin, echoOn: poisoned, status: 400, padding: 180 });
  dataDir = mkdtempSync(join(tmpdir(), 'panic-desk-canary-'));
  const store = await openFileStore(dataDir);
  // The diagnostics log and export as the harness has them: both land in the data folder.
  const diagnostics = harnessDiagnostics(dataDir, null);
  host = await DeskHost.open({
    store,
    dataDir,
    vault: memoryVault(),
    log: diagnostics.log,
    diagnostics: diagnostics.shell,
    timing: { retryDelaysMs: [50, 50, 50], movingMs: 100, settledMs: 200, readinessEveryMs: 200 },
  });
  host.onChange((s) => void events.push(JSON.stringify(s)));
  const notifier: Notifier = { notify: (title, body) => void notices.push(`${title}\n${body}`) };
  watchCalloutStages(host, notifier);
}, 60_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await host?.close();
  await hostile?.close();
  await sim?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the whole-app canary', () => {
  it('finds no secret and no token anywhere after setup, presses and a hostile server', async () => {
    // 1. Setup: a refused pair (the token route's answer is never quoted), then the good one.
    const custom = (baseUrl: string, clientSecret: string) => ({
      environment: 'custom',
      baseUrl,
      clientId: CLIENT_ID,
      clientSecret,
    });
    expect((await ipc('setup.saveCredentials', custom(sim.baseUrl, WRONG))).ok).toBe(false);
    expect((await ipc('setup.saveCredentials', custom(sim.baseUrl, SECRET))).ok).toBe(true);
    expect(state().connection).toMatchObject({ environment: 'custom', hasSecret: true });

    // 2. Presses, a message, cancel reasons and a cancel against the (honest) simulator.
    await ipc('sites.sync', {});
    await vi.waitFor(() => expect(state().sites.length).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    const [first, second] = state().sites.filter((site) => site.id !== 'canary_gate_3');
    if (!first || !second) throw new Error('the simulator has fewer than two sites');
    expect((await ipc('panic.trigger', { siteId: first.id })).ok).toBe(true);
    expect((await ipc('panic.trigger', { siteId: second.id })).ok).toBe(true);
    await vi.waitFor(() => expect(state().callouts.filter((c) => c.stage !== 'closed').length).toBe(2), {
      timeout: 15_000,
    });
    const calloutOf = (siteId: string) => state().callouts.find((c) => c.siteId === siteId);
    const firstCallout = calloutOf(first.id);
    if (!firstCallout) throw new Error('no callout for the first site');
    expect((await ipc('callout.message', { calloutId: firstCallout.id, text: 'On my way "now" \\ 100%' })).ok).toBe(
      true,
    );
    const reasons = await ipc('callout.reasons', { calloutId: firstCallout.id });
    const reasonId = (reasons.value as Array<{ id: number }> | undefined)?.[0]?.id ?? 1;
    await ipc('callout.cancel', { calloutId: firstCallout.id, reasonId, notes: 'false alarm' });

    // 3. The same desk re-pointed at the hostile server: the URL changed, so the secret is typed.
    expect((await ipc('setup.saveCredentials', custom(hostile.baseUrl, ''))).ok).toBe(false);
    expect((await ipc('setup.saveCredentials', custom(hostile.baseUrl, SECRET))).ok).toBe(true);
    await ipc('sites.sync', {});
    await vi.waitFor(() => expect(state().sites.length).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    // A site with no callout yet, so that the press really raises one (and is poisoned).
    const target = state().sites.find((site) => site.id === 'canary_gate_3');
    if (!target) throw new Error('no fresh site behind the hostile server');
    await ipc('panic.trigger', { siteId: target.id });
    // The poisoned raise is refused: the press records why, in words that hold no secret.
    await vi.waitFor(
      () => expect(state().presses.some((p) => p.lastError !== null && p.siteId === target.id)).toBe(true),
      { timeout: 15_000 },
    );
    // AURA's (poisoned) words did reach the press, the outbox and the audit log: the echo's
    // padding is there, cut after redaction, so nothing of the secret after it.
    const poisonedPress = state().presses.find((p) => p.siteId === target.id);
    expect(poisonedPress?.lastError ?? '').toMatch(/x{20}/);
    const active = state().callouts.find((c) => c.stage !== 'closed');
    if (active) {
      await ipc('callout.message', { calloutId: active.id, text: 'hello' });
      await ipc('callout.reasons', { calloutId: active.id });
      await ipc('callout.cancel', { calloutId: active.id, reasonId: 1, notes: '' });
    }
    // A wrong secret against the hostile token route (it answers 400 with everything it saw).
    await ipc('setup.saveCredentials', custom(`${hostile.origin}/other/v2`, WRONG));
    const csv = await ipc('audit.exportCsv', {});
    expect(csv.ok).toBe(true);
    await ipc('audit.list', { text: '' });
    await ipc('state.get', {});
    const exported = await ipc('diagnostics.export', {});
    expect(exported.ok).toBe(true);

    // The attack really happened: the hostile server received the secret and echoed it back.
    expect(hostile.requests.some((r) => r.body.includes(JSON.stringify(SECRET).slice(1, -1)))).toBe(true);
    expect(hostile.requests.filter((r) => poisoned(r.method, new URL(r.url, 'http://x').pathname)).length).toBe(
      hostile.requests.filter((r) => r.method === 'POST' && !r.url.endsWith('/oauth/token')).length,
    );
    expect(replies.some((r) => r.includes('[redacted]') || r.includes('xxxxxxxx'))).toBe(true);

    // 4. Search everything the desk produced.
    const tokens = hostile.answers.flatMap((text) => {
      const match = /"(?:accessToken|access_token)"\s*:\s*"([^"]+)"/.exec(text);
      return match?.[1] ? [match[1]] : [];
    });
    expect(tokens.length).toBeGreaterThan(0);
    // Every file of the data folder, each zip (the diagnostics bundle) opened entry by entry.
    const texts = textsUnder(dataDir);
    const files = Object.keys(texts);
    expect(files.some((f) => f.endsWith('panic-desk.json'))).toBe(true);
    expect(files.some((f) => /audit-\d{4}-\d{2}\.jsonl$/.test(f))).toBe(true);
    expect(files.some((f) => f.endsWith(join('logs', 'panic-desk.log')))).toBe(true);
    expect(files.some((f) => /panic-desk-diagnostics-[^/\\]+\.zip!summary\.json$/.test(f))).toBe(true);
    const places: Record<string, string> = {
      'IPC replies': replies.join('\n'),
      'state events': events.join('\n'),
      notifications: notices.join('\n'),
      console: consoleLines.join('\n'),
      'CSV export': JSON.stringify(csv.value),
      ...texts,
    };
    const found: string[] = [];
    for (const [where, text] of Object.entries(places)) {
      for (const secret of [SECRET, WRONG, ...tokens]) {
        for (const form of leaksIn(text, secret)) found.push(`${where}: ${JSON.stringify(form)}`);
      }
    }
    expect(found).toEqual([]);
    // The places were not empty: the search looked at real output.
    expect(events.length).toBeGreaterThan(5);
    expect(notices.length).toBeGreaterThan(0);
  }, 120_000);
});
