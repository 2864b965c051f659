// The duress cancel against the simulator: a duress code looks like a normal cancel on the screen
// and in the audit log, but AURA receives the DURESS event and no cancel (counted in the
// simulator's request log and its own state), and the desk keeps following the callout unseen.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuraClient } from '../../electron/core/aura/client';
import { Desk } from '../../electron/core/desk';
import { hashCode } from '../../electron/core/duress';
import { mergePolicy, type Policy } from '../../electron/core/policy';
import { memoryStore } from '../fakes/store';
import { deskApiFor } from '../../electron/core/desk/aura-port';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { UNMANAGED, type DeskState } from '../../electron/shared/model/desk-state';

const CANCEL_CODE = '2468';
const DURESS_CODE = '8642';
const policy: Policy = {
  deskName: 'Gate 3',
  cancelCodes: { cancel: [hashCode(CANCEL_CODE)], duress: [hashCode(DURESS_CODE)] },
};

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function deskOnSim(): Promise<{ desk: Desk; sim: RunningSimulator }> {
  const sim = await startSimulator({ clientId: 'desk', clientSecret: 'secret' });
  const client = new AuraClient({ baseUrl: sim.baseUrl, clientId: 'desk', getSecret: async () => 'secret' });
  const desk = new Desk({
    environment: 'staging',
    api: deskApiFor(client),
    store: memoryStore(),
    dataDir: mkdtempSync(join(tmpdir(), 'desk-duress-')),
    policy: { policy, view: { ...UNMANAGED, cancelCodeRequired: true } },
    timing: { movingMs: 100, settledMs: 100, readinessEveryMs: 60_000 },
  });
  cleanups.push(
    () => sim.close(),
    () => client.close(),
    () => desk.stop(),
  );
  await desk.start();
  return { desk, sim };
}

async function until(desk: Desk, ok: (s: DeskState) => boolean, ms = 5000): Promise<DeskState> {
  const deadline = Date.now() + ms;
  for (;;) {
    const state = desk.getState();
    if (ok(state)) return state;
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(state.callouts).slice(0, 400)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function raise(desk: Desk): Promise<string> {
  desk.trigger('site_9944', 'button');
  const state = await until(desk, (s) => s.presses.at(-1)?.status === 'sent');
  return state.presses.at(-1)?.calloutId ?? '';
}

/** What the operator sees of a callout: the screen draws from exactly this. */
const onScreen = (s: DeskState, id: string) => {
  const c = s.callouts.find((x) => x.id === id);
  return { stage: c?.stage, timeline: c?.timeline.map((e) => e.text) };
};

describe('duress cancel', () => {
  it('posts the DURESS event, does not cancel at AURA, and looks exactly like a normal cancel', async () => {
    const { desk, sim } = await deskOnSim();
    const reasons = async (id: string) => (await desk.handlers['callout.reasons']({ calloutId: id }))[0]?.id ?? 0;

    // A normal cancel with the cancel code, for comparison.
    const normalId = await raise(desk);
    const normal = await desk.handlers['callout.cancel']({
      calloutId: normalId,
      reasonId: await reasons(normalId),
      notes: '',
      code: CANCEL_CODE,
    });
    expect(sim.requests.filter((r) => r.op === 'cancelCallout')).toHaveLength(1);
    sim.state.advance(Number(normalId), 'close');
    await until(desk, (s) => s.callouts.find((c) => c.id === normalId)?.stage === 'closed');

    // Under duress.
    const id = await raise(desk);
    const before = sim.requests.length;
    const duress = await desk.handlers['callout.cancel']({
      calloutId: id,
      reasonId: await reasons(id),
      notes: '',
      code: DURESS_CODE,
    });
    expect(duress).toEqual(normal);
    const sent = sim.requests.slice(before).map((r) => r.op);
    expect(sent).not.toContain('cancelCallout');
    expect(sent).not.toContain('addExceptionReason');
    expect(sent.filter((op) => op === 'sendCalloutEvent')).toHaveLength(1);
    expect(sim.requests.filter((r) => r.op === 'cancelCallout')).toHaveLength(1); // still only the normal one

    // AURA: the callout is still active, with the DURESS event on it.
    const events = sim.state.eventsOf(Number(id)).map((e) => JSON.stringify(e));
    expect(events.filter((e) => e.includes('DURESS — cancel requested under duress at '))).toHaveLength(1);
    expect(events.join()).toMatch(/under duress at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, Gate 3/);
    expect(sim.state.activeCallouts().some((c) => String(c.id) === id)).toBe(true);

    // The screen: the same stage and the same timeline as the normal cancel.
    const state = desk.getState();
    const normalView = onScreen(
      {
        ...state,
        callouts: state.callouts.map((c) => (c.id === normalId ? { ...c, timeline: c.timeline.slice(0, -1) } : c)),
      },
      normalId,
    );
    expect(onScreen(state, id)).toEqual({ stage: 'cancelled', timeline: normalView.timeline });
    expect(JSON.stringify(state)).not.toMatch(/DURESS|duress/);

    // The desk keeps following it: AURA's progress is read, not shown.
    const polls = sim.requests.filter((r) => r.op === 'getCallout').length;
    sim.state.advance(Number(id), 'dispatch');
    await until(desk, () => sim.requests.filter((r) => r.op === 'getCallout').length > polls);
    expect(onScreen(desk.getState(), id).stage).toBe('cancelled');

    // The audit log: the two cancels read alike; only a check value (for whoever holds the policy) differs.
    const { entries } = await desk.handlers['audit.list']({ text: 'Cancel requested', limit: 10 });
    expect(entries.map((e) => e.text.replace(/Callout \d+/, 'Callout N'))).toEqual([
      expect.stringMatching(/^Callout N at Downtown Branch: Cancel requested by this desk: /),
      expect.stringMatching(/^Callout N at Downtown Branch: Cancel requested by this desk: /),
    ]);
    expect(new Set(entries.map((e) => e.text.replace(/Callout \d+/, '')))).toHaveProperty('size', 1);
    expect(entries.every((e) => /^[0-9a-f]{16}$/.test(String(e.data.codeCheck)))).toBe(true);
    const all = await desk.handlers['audit.list']({ text: '', limit: 500 });
    expect(JSON.stringify(all)).not.toMatch(/duress/i);

    // AURA closes it: the desk shows it closed, as a cancelled callout closes.
    sim.state.advance(Number(id), 'close');
    await until(desk, (s) => s.callouts.find((c) => c.id === id)?.stage === 'closed');
  });

  it('refuses a wrong or missing code and cancels nothing', async () => {
    const { desk, sim } = await deskOnSim();
    const id = await raise(desk);
    const input = { calloutId: id, reasonId: 1, notes: '' };
    await expect(desk.handlers['callout.cancel']({ ...input, code: '1111' })).rejects.toThrow('Wrong cancel code');
    await expect(desk.handlers['callout.cancel'](input)).rejects.toThrow('Enter the cancel code');
    expect(sim.requests.filter((r) => r.op === 'cancelCallout' || r.op === 'sendCalloutEvent')).toHaveLength(0);
  });

  it('is off unless the policy sets cancel codes', () => {
    const read = mergePolicy([{ name: 'p', values: { cancelCodes: { cancel: ['1234'] } } }]);
    expect(read).toMatchObject({ ok: false, badKey: 'cancelCodes.cancel.0' });
  });
});
