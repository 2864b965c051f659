// The desk host as the app and the harness run it: Training against the embedded simulator on
// real files, commands through runCommand, and switching environments with verified credentials.
// Its shell side (trigger, hotkeyPressed, setHotkeyStatus, getState) goes straight to the current
// desk; while the host swaps desks, a hotkey press or a tray panic is written to the press ledger
// for the connection the operator last saw (issue 20: a Training press never goes live), a hotkey
// status is handed to the new desk; nothing is lost or thrown; reads answer the last state seen.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { accountFor } from '../../electron/core/connection/keychain-account';
import { runCommand } from '../support/run-command';
import { DeskHost } from '../../electron/core/desk-host';
import { DiagnosticsLog } from '../../electron/core/diagnostics/log';
import { silentLogger } from '../../electron/core/ports';
import { memoryVault } from '../fakes/vault';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { COMMAND_NAMES } from '../../electron/shared/command-names';
import type { DeskState } from '../../electron/shared/model/desk-state';
import type { Press } from '../../electron/shared/model/press';
import { openFileStore } from '../harness/file-store';
import { until } from '../support/until';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

async function host(dir = mkdtempSync(join(tmpdir(), 'desk-')), vault = memoryVault()): Promise<DeskHost> {
  const h = await DeskHost.open({ store: await openFileStore(dir), dataDir: dir, vault });
  open.push(h);
  return h;
}

/**
 * A host whose diagnostics log runs `between.act` at the log line `when` of a switch: 'desk closing'
 * (the old desk stopping, its simulator still closing) or 'desk closed' (before the new one opens).
 */
async function switchingHost(
  between: { act: (() => void) | null } = { act: null },
  when = 'desk closed',
): Promise<DeskHost> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-'));
  const log = new DiagnosticsLog({
    ...silentLogger,
    info(line) {
      if (!line.startsWith(when) || !between.act) return;
      between.act();
      between.act = null;
    },
  });
  const h = await DeskHost.open({ store: await openFileStore(dir), dataDir: dir, vault: memoryVault(), log });
  open.push(h);
  await h.invoke('settings.update', { hotkeySiteId: 'site_9944' });
  return h;
}

async function sim(): Promise<RunningSimulator> {
  const s = await startSimulator({ clientId: 'desk-7', clientSecret: 'right-secret' });
  open.push(s);
  return s;
}

describe('desk host in Training', () => {
  it('shows the demo site, raises a callout and follows it to closed', async () => {
    const h = await host();
    expect(h.getState().sites.map((s) => s.name)).toEqual(['Downtown Branch']);
    const press = await runCommand(h, 'panic.trigger', { siteId: 'site_9944' });
    expect(press.ok).toBe(true);
    const sent = await until(h, (s) => s.presses[0]?.status === 'sent');
    const calloutId = sent.presses[0]?.calloutId;
    expect(sent.callouts[0]?.stage).toBe('created');
    for (const [step, stage] of [
      ['dispatch', 'dispatched'],
      ['arrive', 'arrived'],
      ['complete', 'completed'],
      ['close', 'closed'],
    ] as const) {
      expect(await runCommand(h, 'training.advance', { calloutId, step })).toEqual({ ok: true, value: { stage } });
    }
    const stages = h.getState().callouts[0]?.timeline.map((e) => e.stage ?? e.kind);
    expect(stages).toEqual(['press', 'created', 'dispatched', 'arrived', 'completed', 'closed']);
    const audit = await h.invoke('audit.list', { text: '', limit: 100 });
    expect(audit.chainOk).toBe(true);
    expect(audit.entries.map((e) => e.kind)).toEqual(['stage', 'stage', 'stage', 'stage', 'calloutCreated', 'press']);
  });

  it('resumes the callout after a restart: same callout, timeline kept, still followed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-'));
    const first = await host(dir);
    first.trigger('site_9944', 'hotkey');
    const sent = await until(first, (s) => s.presses[0]?.status === 'sent');
    const calloutId = sent.presses[0]?.calloutId ?? '';
    await runCommand(first, 'training.advance', { calloutId, step: 'dispatch' });
    await first.close();

    const second = await host(dir);
    const state = second.getState();
    expect(state.callouts[0]).toMatchObject({ id: calloutId, silent: true, stage: 'dispatched' });
    expect(state.callouts[0]?.timeline[0]?.text).toBe('Silent panic (hotkey)');
    // The Training simulator kept its world too, so the callout can still move.
    expect(await runCommand(second, 'training.advance', { calloutId, step: 'arrive' })).toEqual({
      ok: true,
      value: { stage: 'arrived' },
    });
  });
});

describe('switching environment', () => {
  it("refuses bad credentials with AURA's reason and saves nothing", async () => {
    const aura = await sim();
    const vault = memoryVault();
    const h = await host(undefined, vault);
    const result = await runCommand(h, 'setup.saveCredentials', {
      environment: 'custom',
      baseUrl: aura.baseUrl,
      clientId: 'desk-7',
      clientSecret: 'wrong-secret',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain('AURA rejected the client ID or secret');
      expect(result.error.message).toContain('Nothing was saved');
      expect(result.error.message).not.toContain('wrong-secret');
    }
    expect(h.getState().environment).toBe('training');
    expect(await vault.getSecret(accountFor('custom', aura.baseUrl, 'desk-7'))).toBeNull();
  });

  it('switches to a verified environment without mixing its sites or callouts with Training', async () => {
    const aura = await sim();
    aura.state.addLocation({
      externalReferenceId: 'GATE-2',
      locationIdentifier: 'North Gate',
      latitude: '-26.1',
      longitude: '28.1',
    });
    const vault = memoryVault();
    const h = await host(undefined, vault);
    h.trigger('site_9944', 'button');
    await until(h, (s) => s.callouts.length === 1);

    const saved = await runCommand(h, 'setup.saveCredentials', {
      environment: 'custom',
      baseUrl: aura.baseUrl,
      clientId: 'desk-7',
      clientSecret: 'right-secret',
    });
    expect(saved).toEqual({ ok: true, value: { saved: true } });
    const state = await until(h, (s) => s.readiness.level === 'ready');
    expect(state.environment).toBe('custom');
    expect(state.connection).toEqual({
      environment: 'custom',
      baseUrl: aura.baseUrl,
      clientId: 'desk-7',
      hasSecret: true,
    });
    expect(JSON.stringify(state)).not.toContain('right-secret');
    expect(state.sites.map((s) => s.id)).toEqual(['site_9944', 'GATE-2']);
    expect(state.callouts).toEqual([]); // Training's callout stays in Training
    expect(state.training).toBeNull();
    expect(await vault.getSecret(accountFor('custom', aura.baseUrl, 'desk-7'))).toBe('right-secret');

    const back = await runCommand(h, 'setup.saveCredentials', { environment: 'training' });
    expect(back.ok).toBe(true);
    expect(h.getState().callouts).toHaveLength(1);
  });
});

describe('runCommand refuses bad input from the renderer', () => {
  it.each(COMMAND_NAMES)('refuses a malformed payload for %s', async (name) => {
    const h = await host();
    const result = await runCommand(h, name, { unexpected: true, siteId: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalidPayload' } });
  });

  it('refuses an unknown command', async () => {
    const h = await host();
    expect(await runCommand(h, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'unknownCommand' } });
  });
});

describe('dismissing a press', () => {
  it('refuses to dismiss a press that was sent or may still get through', async () => {
    const h = await host();
    const pressId = h.trigger('site_9944', 'button')?.id;
    await until(h, (s) => s.presses[0]?.status === 'sent');
    const result = await runCommand(h, 'press.dismiss', { pressId });
    expect(result).toMatchObject({ ok: false, error: { message: 'Only a panic that AURA refused can be dismissed' } });
    expect(h.getState().presses[0]?.dismissed).toBe(false);
  });
});

describe('the desk host for the shell', () => {
  it('passes everything straight to the current desk, and records a tray panic as from the tray', async () => {
    const h = await switchingHost();
    expect(h.trigger('site_9944', 'tray')).toMatchObject({ siteId: 'site_9944', source: 'tray' });
    expect(h.hotkeyPressed()).toBe('raised');
    h.setHotkeyStatus({ registered: true, error: null });
    const state = h.getState();
    expect(state.presses.map((p) => p.source)).toEqual(['tray', 'hotkey']);
    expect(state.hotkey).toMatchObject({ registered: true, error: null });
    const audit = await h.invoke('audit.list', { text: 'Downtown Branch', limit: 10 });
    const presses = audit.entries.filter((e) => e.kind === 'press');
    expect(presses.map((e) => [e.text, e.data.source])).toEqual([
      ['Silent panic (hotkey): Downtown Branch', 'hotkey'],
      ['Panic from the tray menu: Downtown Branch', 'tray'],
    ]);
  });

  it.each(['desk closing', 'desk closed'])(
    'keeps what arrives between two desks (at "%s") for the desk the operator saw, never the new one',
    async (when) => {
      const aura = await startSimulator({ clientId: 'desk-7', clientSecret: 'right-secret' });
      open.push(aura);
      const seen: { hotkey?: string; tray?: Press | null; reads?: DeskState[]; error?: unknown } = {};
      const between: { act: (() => void) | null } = { act: null };
      const h = await switchingHost(between, when);
      between.act = () => {
        try {
          seen.hotkey = h.hotkeyPressed();
          seen.tray = h.trigger('site_9944', 'tray');
          h.setHotkeyStatus({ registered: false, error: 'taken' });
          seen.reads = [h.getState(), h.getState()];
        } catch (error) {
          seen.error = error;
        }
      };

      const saved = await h.invoke('setup.saveCredentials', {
        environment: 'custom',
        baseUrl: aura.baseUrl,
        clientId: 'desk-7',
        clientSecret: 'right-secret',
      });
      expect(saved).toEqual({ saved: true });
      expect(between.act).toBeNull(); // it ran, between the two desks
      expect(seen.error).toBeUndefined();
      // Written for Training (the desk the operator saw); reads fall back to the last state seen.
      expect(seen.hotkey).toBe('raised');
      expect(seen.tray).toMatchObject({ source: 'tray', target: { environment: 'training' } });
      expect(seen.reads?.[0]?.environment).toBe('training');
      expect(seen.reads?.[1]).toBe(seen.reads?.[0]);

      // The custom desk shows them NOT SENT, as Training's, and never raises them.
      const state = await until(h, (s) => s.environment === 'custom' && s.presses.length === 2);
      expect(state.presses.map((p) => [p.source, p.status])).toEqual([
        ['hotkey', 'notSent'],
        ['tray', 'notSent'],
      ]);
      expect(state.pressesElsewhere.map((p) => [p.environment, p.canSendNow])).toEqual([
        ['training', false],
        ['training', false],
      ]);
      expect(state.hotkey).toMatchObject({ registered: false, error: 'taken' });
      expect(aura.requests.filter((r) => r.op === 'raiseCallout')).toEqual([]);

      // Back in Training, its desk sends them.
      expect((await runCommand(h, 'setup.saveCredentials', { environment: 'training' })).ok).toBe(true);
      await until(h, (s) => s.presses.length === 2 && s.presses.every((p) => p.status === 'sent'), 10_000);
    },
  );
});
