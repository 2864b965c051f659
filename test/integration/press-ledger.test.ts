// The press ledger (issue 20's rule, issue 25 item 3): a press belongs to the machine, not to one
// environment's desk. One ledger file outlives every switch, restart, enrolment and policy change;
// each press is sent only to the environment it was made for; a press made while no live
// connection existed belongs to the first live one; a press of another environment stays on
// screen, NOT SENT, until it is at AURA or put away. Switches run one at a time and a stopped
// desk makes no request. Each test names the finding of issue 20 it pins down.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskHost } from '../../electron/core/desk-host';
import { DiagnosticsLog } from '../../electron/core/diagnostics/log';
import { accountFor } from '../../electron/core/connection/keychain-account';
import { mergePolicy, type PolicyRead } from '../../electron/core/policy/policy';
import { silentLogger } from '../../electron/core/ports';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import type { DeskState } from '../../electron/shared/model/desk-state';
import type { Press } from '../../electron/shared/model/press';
import { memoryVault, type MemoryVault } from '../fakes/vault';
import { openFileStore } from '../harness/file-store';
import { runCommand } from '../support/run-command';
import { until } from '../support/until';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

const SECRET = 'right-secret';
const read = (values: unknown): PolicyRead => mergePolicy([{ name: 'policy.json', values }]);
const fast = { readinessEveryMs: 200, movingMs: 200, settledMs: 400, retryDelaysMs: [50, 100] };

async function sim(): Promise<RunningSimulator> {
  const s = await startSimulator({ clientId: 'desk-7', clientSecret: SECRET });
  open.push(s);
  return s;
}

interface HostSetup {
  dir?: string;
  vault?: MemoryVault;
  policy?: PolicyRead | null;
  /** Runs at this diagnostics line of a switch ('desk closing' or 'desk closed'), once. */
  between?: { when: string; act: (() => void) | null };
}

async function host(setup: HostSetup = {}): Promise<{ h: DeskHost; dir: string; vault: MemoryVault }> {
  const dir = setup.dir ?? mkdtempSync(join(tmpdir(), 'ledger-'));
  const vault = setup.vault ?? memoryVault();
  const between = setup.between;
  const log = new DiagnosticsLog({
    ...silentLogger,
    info(line) {
      if (!between?.act || !line.startsWith(between.when)) return;
      const act = between.act;
      between.act = null;
      act();
    },
  });
  const h = await DeskHost.open({
    store: await openFileStore(dir),
    dataDir: dir,
    vault,
    policy: setup.policy ?? null,
    timing: fast,
    log,
  });
  open.push(h);
  return { h, dir, vault };
}

/** Saves working credentials for the simulator as the custom environment. */
async function toCustom(h: DeskHost, aura: RunningSimulator, clientSecret = SECRET): Promise<void> {
  const saved = await runCommand(h, 'setup.saveCredentials', {
    environment: 'custom',
    baseUrl: aura.baseUrl,
    clientId: 'desk-7',
    clientSecret,
  });
  expect(saved).toEqual({ ok: true, value: { saved: true } });
}

const raises = (aura: RunningSimulator): number => aura.requests.filter((r) => r.op === 'raiseCallout').length;
const pressOf = (s: DeskState, id: string | undefined): Press | undefined => s.presses.find((p) => p.id === id);

describe('one ledger of presses for the machine', () => {
  it('moves every per-environment outbox into the one ledger on first open, losing no press', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    const old = (id: string, status: Press['status']) => ({
      id,
      siteId: 'site_9944',
      source: 'button',
      pressedAt: Date.now() - 30 * 60_000,
      status,
      attempts: 3,
      lastError: 'AURA did not answer',
      calloutId: null,
    });
    writeFileSync(join(dir, 'outbox-training.json'), JSON.stringify([old('t-1', 'sent')]));
    writeFileSync(join(dir, 'outbox-custom.json'), JSON.stringify([old('c-1', 'notSent')]));
    const { h } = await host({ dir });
    // The ledger's records: presses.json (unfinished work) and the archive of finished presses (issue 25 item 8).
    const archive = join(dir, 'presses-done');
    const finished = readdirSync(archive).flatMap((day) =>
      readFileSync(join(archive, day), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Press),
    );
    const unfinished = JSON.parse(readFileSync(join(dir, 'presses.json'), 'utf8')) as Press[];
    expect(unfinished.map((p) => p.id)).toEqual(['c-1']);
    expect([...unfinished, ...finished].map((p) => [p.id, p.target?.environment ?? null]).sort()).toEqual([
      ['c-1', 'custom'],
      ['t-1', 'training'],
    ]);
    expect(readdirSync(dir).filter((f) => /^outbox-.*\.json$/.test(f))).toEqual([]);
    // The custom press is another environment's: on screen, NOT SENT, never sent to Training.
    const shown = pressOf(h.getState(), 'c-1');
    expect(shown).toMatchObject({ status: 'notSent' });
    expect(h.simulator?.requests.filter((r) => r.op === 'raiseCallout')).toEqual([]);
  });

  it('switching away and back to the same environment mid-press: one ledger, one unbroken audit chain, one callout (issue 25 item 3)', async () => {
    const aura = await sim();
    const { h, dir } = await host();
    await toCustom(h, aura);
    // The raise is slow: the press is in flight when the desk switches away.
    aura.faults.set([{ kind: 'latency', route: 'raiseCallout', latencyMs: 600, times: 1 }]);
    const press = h.trigger('site_9944', 'button');
    await until(() => aura.requests.some((r) => r.op === 'raiseCallout'));
    await runCommand(h, 'setup.saveCredentials', { environment: 'training' });
    await toCustom(h, aura, '');
    const state = await until(h, (s) => pressOf(s, press?.id)?.status === 'sent');
    await new Promise((r) => setTimeout(r, 900)); // the cut-short raise would have answered by now
    expect(aura.state.activeCallouts()).toHaveLength(1);
    expect(state.callouts.filter((c) => c.siteId === 'site_9944')).toHaveLength(1);
    expect(existsSync(join(dir, 'presses.json'))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('outbox-'))).toEqual([]);
    const audit = await h.invoke('audit.list', { text: '', limit: 1000 });
    expect(audit.chainOk).toBe(true);
    expect(audit.entries.filter((e) => e.kind === 'calloutCreated' || e.kind === 'calloutAdopted')).toHaveLength(1);
  });
});

describe('a press goes only to its own environment (issue 20 findings 3, 4, 6, 7)', () => {
  it('finding 3: a press waiting in the custom environment stays on screen after the policy moves the desk to staging', async () => {
    const aura = await sim();
    const { h, vault } = await host();
    await toCustom(h, aura);
    aura.faults.set([{ kind: 'error500', route: 'raiseCallout' }]);
    const press = h.trigger('site_9944', 'button');
    await until(h, (s) => pressOf(s, press?.id)?.status === 'notSent');
    await h.applyPolicy(read({ environment: 'staging' }));
    const state = await until(h, (s) => s.environment === 'staging');
    const shown = pressOf(state, press?.id);
    expect(shown).toMatchObject({ status: 'notSent', target: { environment: 'custom', baseUrl: aura.baseUrl } });
    // Custom's secret is still in the keychain: "Send now" sends it there, and only there.
    expect(vault.secrets.has(accountFor('custom', aura.baseUrl, 'desk-7'))).toBe(true);
    aura.faults.clear();
    expect((await runCommand(h, 'press.sendNow', { pressId: press?.id })).ok).toBe(true);
    await until(() => aura.state.activeCallouts().length === 1);
    const sent = await until(h, (s) => pressOf(s, press?.id) === undefined);
    expect(sent.notices.map((n) => n.text).join('\n')).toContain(
      'AURA (custom URL) (client desk-7) has this press on callout',
    );
  });

  it('finding 4: a hotkey press before enrolment is sent by the first live desk (enrolled at the next start)', async () => {
    const aura = await sim();
    const policy = read({ trainingAllowed: false, hotkeySite: 'site_9944' });
    const first = await host({ policy });
    expect(first.h.hotkeyPressed()).toBe('raised');
    await until(first.h, (s) => s.presses.length === 1 && s.presses[0]?.status === 'notSent');
    await first.h.close();
    open.splice(open.indexOf(first.h), 1);
    writeFileSync(
      join(first.dir, 'enrol.json'),
      JSON.stringify({ clientId: 'desk-7', clientSecret: SECRET, environment: 'custom', baseUrl: aura.baseUrl }),
      { mode: 0o600 },
    );
    const second = await host({ dir: first.dir, vault: first.vault, policy });
    expect(second.h.getState().environment).toBe('custom');
    await until(second.h, (s) => s.presses[0]?.status === 'sent');
    expect(aura.state.activeCallouts()).toHaveLength(1);
  });

  it('a press made before any live connection, older than the stale limit, asks "Still needed?" on the first live desk instead of being raised', async () => {
    const aura = await sim();
    const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    const waiting = {
      id: 'w-1',
      siteId: 'site_9944',
      source: 'hotkey',
      pressedAt: Date.now() - 30 * 60_000,
      status: 'notSent',
      attempts: 1,
      lastError: 'Panic Desk has no AURA credentials yet',
      calloutId: null,
      target: null,
    };
    writeFileSync(join(dir, 'presses.json'), JSON.stringify([waiting]));
    const { h } = await host({ dir, policy: read({ trainingAllowed: false }) });
    // No live connection yet: never sent to Training, nor raised anywhere.
    expect(h.getState().presses[0]).toMatchObject({ id: 'w-1', status: 'notSent', target: null });
    await toCustom(h, aura);
    const state = await until(h, (s) => s.presses[0]?.stale === true);
    expect(state.presses[0]).toMatchObject({
      status: 'notSent',
      target: { environment: 'custom', baseUrl: aura.baseUrl },
    });
    expect(raises(aura)).toBe(0);
    expect((await runCommand(h, 'press.sendNow', { pressId: 'w-1' })).ok).toBe(true);
    await until(h, (s) => s.presses[0]?.status === 'sent');
    expect(aura.state.activeCallouts()).toHaveLength(1);
  });

  it('finding 6: a PANIC-button press during a desk switch is kept for the next desk, not refused', async () => {
    const aura = await sim();
    const between = { when: 'desk closed', act: null as (() => void) | null };
    const { h } = await host({ between });
    await toCustom(h, aura);
    let answer: Promise<unknown> | null = null;
    between.act = () => {
      answer = runCommand(h, 'panic.trigger', { siteId: 'site_9944' });
    };
    await runCommand(h, 'setup.saveCredentials', {
      environment: 'custom',
      baseUrl: aura.baseUrl,
      clientId: 'desk-7',
      clientSecret: '',
    });
    expect(answer).not.toBeNull();
    expect(await answer).toMatchObject({ ok: true });
    await until(h, (s) => s.presses.some((p) => p.source === 'button' && p.status === 'sent'));
    expect(aura.state.activeCallouts()).toHaveLength(1);
  });

  it('finding 7: a hotkey press during a policy switch to Training is never raised in Training', async () => {
    const aura = await sim();
    const between = { when: 'desk closed', act: null as (() => void) | null };
    const { h } = await host({ between });
    await toCustom(h, aura);
    await h.invoke('settings.update', { hotkeySiteId: 'site_9944' });
    between.act = () => void h.hotkeyPressed();
    await h.applyPolicy(read({ environment: 'training' }));
    const state = await until(h, (s) => s.environment === 'training' && s.presses.length === 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.simulator?.requests.filter((r) => r.op === 'raiseCallout')).toEqual([]);
    expect(state.presses[0]).toMatchObject({ source: 'hotkey', target: { environment: 'custom' } });
    expect(h.getState().presses[0]?.status).not.toBe('sent');
  });

  it('a press of another environment whose secret is gone can only be put away, and then leaves the screen', async () => {
    const aura = await sim();
    const { h, vault } = await host();
    await toCustom(h, aura);
    aura.faults.set([{ kind: 'error500', route: 'raiseCallout' }]);
    const press = h.trigger('site_9944', 'button');
    await until(h, (s) => pressOf(s, press?.id)?.status === 'notSent');
    await h.applyPolicy(read({ environment: 'staging' }));
    vault.secrets.clear();
    const refused = await runCommand(h, 'press.sendNow', { pressId: press?.id });
    expect(refused).toMatchObject({ ok: false });
    expect((await runCommand(h, 'press.putAway', { pressId: press?.id })).ok).toBe(true);
    await until(h, (s) => pressOf(s, press?.id) === undefined || pressOf(s, press?.id)?.dismissed === true);
    expect(raises(aura)).toBeGreaterThan(0);
  });
});

describe('switches one at a time; a stopped desk is silent (issue 20 finding 8, issue 25 item 3)', () => {
  it('a raise cut short by a switch keeps its "uncertain" mark, and the stopped desk writes nothing after', async () => {
    const aura = await sim();
    const { h, dir } = await host();
    await toCustom(h, aura);
    aura.faults.set([{ kind: 'latency', route: 'raiseCallout', latencyMs: 600, times: 1 }]);
    const press = h.trigger('site_9944', 'button');
    await until(() => aura.requests.some((r) => r.op === 'raiseCallout'));
    await runCommand(h, 'setup.saveCredentials', { environment: 'training' });
    const file = join(dir, 'presses.json');
    const atSwitch = readFileSync(file, 'utf8');
    const kept = (JSON.parse(atSwitch) as Press[]).find((p) => p.id === press?.id);
    expect(kept).toMatchObject({ uncertain: true, status: 'notSent', target: { environment: 'custom' } });
    await new Promise((r) => setTimeout(r, 900)); // the raise's answer time, had it not been cut
    expect(readFileSync(file, 'utf8')).toBe(atSwitch);
    expect(aura.requests.filter((r) => r.at > Date.now() - 850 && r.op !== null)).toEqual([]);
  });

  it('two overlapping policy switches leave one desk, and none polls after close()', async () => {
    const one = await sim();
    const two = await sim();
    const vault = memoryVault({
      [accountFor('custom', one.baseUrl, 'desk-7')]: SECRET,
      [accountFor('custom', two.baseUrl, 'desk-7')]: SECRET,
    });
    const { h } = await host({ vault });
    await toCustom(h, one);
    await Promise.all([
      h.applyPolicy(read({ environment: 'custom', baseUrl: two.baseUrl, clientId: 'desk-7' })),
      h.applyPolicy(read({ environment: 'custom', baseUrl: one.baseUrl, clientId: 'desk-7' })),
    ]);
    expect(h.getState().connection.baseUrl).toBe(one.baseUrl);
    await new Promise((r) => setTimeout(r, 500));
    await h.close();
    const before = one.requests.length + two.requests.length;
    await new Promise((r) => setTimeout(r, 1200));
    expect(one.requests.length + two.requests.length).toBe(before);
  });
});
