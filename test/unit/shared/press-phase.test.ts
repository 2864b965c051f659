// Issue 23 item 1: one press state, kept by the desk on the monotonic clock. A press made on
// screen that AURA has not confirmed within 4 s (the issue: 5 s at most) is NOT CONFIRMED, whatever the retries do, until
// AURA confirms it; a silent (hotkey) press keeps its old words.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Desk } from '../../../electron/core/desk/desk';
import type { DeskPort } from '../../../electron/core/aura/port';
import { ConfirmWatch } from '../../../electron/core/desk/confirm-watch';
import { NEW_PRESS_STATE, type Press } from '../../../electron/shared/model/press';
import type { DeskState } from '../../../electron/shared/model/desk-state';
import { CONFIRM_WITHIN_MS, pressPhase } from '../../../electron/shared/press-phase';
import { memoryStore } from '../../fakes/store';
import { FakeClock } from '../../support/fake-clock';

const press = (patch: Partial<Press> = {}): Press => ({
  ...NEW_PRESS_STATE,
  id: 'p',
  siteId: 's',
  source: 'button',
  pressedAt: 0,
  dismissed: false,
  ...patch,
});

describe('pressPhase', () => {
  it('a button press is "sending" until 4 s pass or an attempt fails, then NOT CONFIRMED', () => {
    expect(pressPhase(press({ status: 'sending', attempts: 1 }), CONFIRM_WITHIN_MS - 1)).toBe('sending');
    expect(pressPhase(press({ status: 'sending', attempts: 1 }), CONFIRM_WITHIN_MS)).toBe('notConfirmed');
    expect(pressPhase(press({ status: 'notSent', attempts: 1 }), 100)).toBe('notConfirmed');
    // A retry under way does not make it "sending" again.
    expect(pressPhase(press({ status: 'sending', attempts: 2 }), 1500)).toBe('notConfirmed');
    expect(pressPhase(press({ status: 'sending', attempts: 2, source: 'tray' }), 1500)).toBe('notConfirmed');
  });

  it('sent, refused and stale presses say so; a hotkey press keeps sending / NOT SENT', () => {
    expect(pressPhase(press({ status: 'sent' }), 60_000)).toBe('sent');
    expect(pressPhase(press({ status: 'failed' }), 0)).toBe('refused');
    expect(pressPhase(press({ status: 'notSent', stale: true }), 0)).toBe('stillNeeded');
    expect(pressPhase(press({ source: 'hotkey', status: 'sending', attempts: 3 }), 60_000)).toBe('sending');
    expect(pressPhase(press({ source: 'hotkey', status: 'notSent' }), 0)).toBe('notSent');
  });
});

describe('ConfirmWatch', () => {
  it('counts on the monotonic clock: a wall-clock jump does not make a press late or early', async () => {
    const clock = new FakeClock();
    let emits = 0;
    const watch = new ConfirmWatch(clock, () => (emits += 1));
    const p = press({ pressedAt: clock.now(), status: 'sending', attempts: 1 });
    watch.watch(p);
    clock.jumpWall(3_600_000);
    await clock.advance(CONFIRM_WITHIN_MS - 100);
    expect(watch.view(p).phase).toBe('sending');
    expect(emits).toBe(0);
    await clock.advance(100);
    expect(emits).toBe(1);
    expect(watch.view(p).phase).toBe('notConfirmed');
  });

  it('a press first seen after a restart is past the limit; one stamped in the future too', () => {
    const clock = new FakeClock();
    const watch = new ConfirmWatch(clock, () => undefined);
    expect(watch.view(press({ id: 'old', pressedAt: clock.now() - 60_000 })).phase).toBe('notConfirmed');
    expect(watch.view(press({ id: 'future', pressedAt: clock.now() + 60_000 })).phase).toBe('notConfirmed');
  });
});

describe('a desk whose AURA holds the raise', () => {
  it('shows a button press NOT CONFIRMED after 4 s with nothing else happening, and readiness is not Ready', async () => {
    const clock = new FakeClock();
    const hang = (): Promise<never> => new Promise(() => undefined);
    const api = {
      raiseCallout: hang,
      listActiveCallouts: async () => [],
      prepare: async () => undefined,
      listSites: async () => [],
    } as unknown as DeskPort;
    const desk = new Desk({
      environment: 'staging',
      api,
      store: memoryStore({}),
      dataDir: mkdtempSync(join(tmpdir(), 'press-phase-')),
      clock,
    });
    const seen: DeskState[] = [];
    desk.onChange((state) => seen.push(state));
    desk.trigger('site_9944', 'button');
    desk.trigger('site_9944', 'hotkey');
    await clock.advance(CONFIRM_WITHIN_MS - 100);
    expect(desk.getState().presses.map((p) => p.phase)).toEqual(['sending', 'sending']);
    await clock.advance(100);
    // The desk said so by itself: the last state event carries the new phase.
    expect(seen.at(-1)?.presses.map((p) => p.phase)).toEqual(['notConfirmed', 'sending']);
    expect(desk.getState().readiness.level).not.toBe('ready');
    desk.stop();
  });
});
