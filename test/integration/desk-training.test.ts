// The desk in Training mode: the same composition the app and the harness use, on real files.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../electron/core/commands';
import { openTrainingSession, type DeskSession } from '../../electron/core/session';
import { COMMAND_NAMES } from '../../electron/shared/contract';
import type { DeskState } from '../../electron/shared/model';
import { openFileStore } from '../harness/file-store';

let session: DeskSession | null = null;
afterEach(async () => {
  await session?.close();
  session = null;
});

async function until(desk: DeskSession['desk'], ok: (s: DeskState) => boolean, ms = 5000): Promise<DeskState> {
  const deadline = Date.now() + ms;
  for (;;) {
    const state = desk.getState();
    if (ok(state)) return state;
    if (Date.now() > deadline) throw new Error(`timed out; state: ${JSON.stringify(state).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('desk in Training mode', () => {
  it('shows the demo site, raises a callout and follows it to closed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-'));
    session = await openTrainingSession({ store: await openFileStore(dir), dataDir: dir });
    const { desk } = session;
    expect(desk.getState().sites.map((s) => s.name)).toEqual(['Downtown Branch']);
    expect(desk.getState().readiness.level).toBe('ready');

    const press = await runCommand(desk, 'panic.trigger', { siteId: 'site_9944' });
    expect(press.ok).toBe(true);
    const sent = await until(desk, (s) => s.presses[0]?.status === 'sent');
    const calloutId = sent.presses[0]?.calloutId;
    expect(calloutId).toBeTruthy();
    expect(sent.callouts[0]?.stage).toBe('created');

    for (const [step, stage] of [
      ['dispatch', 'dispatched'],
      ['arrive', 'arrived'],
      ['complete', 'completed'],
      ['close', 'closed'],
    ] as const) {
      const result = await runCommand(desk, 'training.advance', { calloutId, step });
      expect(result).toEqual({ ok: true, value: { stage } });
    }
    const stages = desk.getState().callouts[0]?.timeline.map((e) => e.stage ?? e.kind);
    expect(stages).toEqual(['press', 'created', 'dispatched', 'arrived', 'completed', 'closed']);
  });

  it('keeps presses and callouts on disk across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-'));
    session = await openTrainingSession({ store: await openFileStore(dir), dataDir: dir });
    session.desk.trigger('site_9944', 'hotkey');
    await until(session.desk, (s) => s.presses[0]?.status === 'sent');
    await session.close();
    session = await openTrainingSession({ store: await openFileStore(dir), dataDir: dir });
    const state = session.desk.getState();
    expect(state.presses).toHaveLength(1);
    expect(state.callouts[0]?.silent).toBe(true);
    expect(state.callouts[0]?.timeline[0]?.text).toBe('Silent panic (hotkey)');
  });
});

describe('runCommand refuses bad input from the renderer', () => {
  it.each(COMMAND_NAMES)('refuses a malformed payload for %s', async (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-'));
    session ??= await openTrainingSession({ store: await openFileStore(dir), dataDir: dir });
    const result = await runCommand(session.desk, name, { unexpected: true, siteId: 42 });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalidPayload');
  });

  it('refuses an unknown command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'desk-'));
    session = await openTrainingSession({ store: await openFileStore(dir), dataDir: dir });
    const result = await runCommand(session.desk, '__proto__', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknownCommand' } });
  });
});
