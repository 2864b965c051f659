// Issue 14's rules outside the screen itself: the hotkey rule shared by main, core and the
// recorder; the control-room phone number; the hold time as typed; which training steps the
// screen may offer (held against the simulator's own refusals); the attention list.
import { describe, expect, it } from 'vitest';
import { checkAccelerator, isReservedShortcut, RESERVED_SHORTCUTS } from '../../../electron/shared/accelerator';
import { checkAccelerator as mainCheck } from '../../../electron/main/accelerator';
import { commands, TRAINING_STEPS } from '../../../electron/shared/contract';
import { ControlRoomPhoneSchema, DEFAULT_SETTINGS } from '../../../electron/shared/model/settings';
import type { DeskState } from '../../../electron/shared/model/desk-state';
import type { Stage } from '../../../electron/shared/stages';
import { trainingStepsFrom } from '../../../electron/shared/training-steps';
import { SimulatorState, type SimStep } from '../../../electron/simulator/state';
import { parseHoldSeconds } from '../../../renderer/src/features/settings/holdTime';
import { recordKey } from '../../../renderer/src/features/settings/accelerator';
import { attentionCounts, attentionItems } from '../../../renderer/src/features/attention/attention';
import { NEW_PRESS_STATE } from '../../../electron/shared/model/press';

describe('the hotkey rule, one list for main, core and the recorder', () => {
  it('main uses the shared check', () => {
    expect(mainCheck).toBe(checkAccelerator);
  });

  it.each([
    ['CommandOrControl+C'],
    ['Control+C'],
    ['Command+V'],
    ['CommandOrControl+X'],
    ['CommandOrControl+Z'],
    ['CommandOrControl+A'],
    ['CommandOrControl+Alt+Delete'],
    ['Control+Alt+Delete'],
    ['Alt+Control+Delete'],
    ['Alt+F4'],
    ['Command+Q'],
    ['Alt+Tab'],
    ['Control+Shift+Escape'],
    ['Super+L'],
    ['Meta+L'],
  ])('refuses %s', (accelerator) => {
    const check = checkAccelerator(accelerator);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.error).toMatch(/system or other programs need/);
  });

  it('refuses what the recorder makes of Ctrl+C and Ctrl+Alt+Delete on Windows and Linux', () => {
    const key = (code: string, key: string, mods: { ctrl?: boolean; alt?: boolean } = {}) => ({
      code,
      key,
      ctrlKey: !!mods.ctrl,
      altKey: !!mods.alt,
      shiftKey: false,
      metaKey: false,
    });
    for (const press of [key('KeyC', 'c', { ctrl: true }), key('Delete', 'Delete', { ctrl: true, alt: true })]) {
      const recorded = recordKey(press, false);
      expect(recorded.kind).toBe('accelerator');
      if (recorded.kind === 'accelerator') expect(isReservedShortcut(recorded.accelerator)).toBe(true);
    }
  });

  it('every reserved entry is itself a well-formed accelerator (a typo would reserve nothing)', () => {
    for (const entry of RESERVED_SHORTCUTS) {
      const parts = entry.split('+');
      expect(
        parts.every((p) => p.length > 0),
        entry,
      ).toBe(true);
      expect(isReservedShortcut(entry), entry).toBe(true);
    }
  });

  it('still accepts the default and ordinary panic combinations', () => {
    for (const ok of [DEFAULT_SETTINGS.hotkey, 'Control+Alt+K', 'CommandOrControl+Alt+Shift+F9', 'F13']) {
      expect(checkAccelerator(ok).ok, ok).toBe(true);
    }
  });
});

describe('the control-room phone number', () => {
  it.each(['+27115550199', '+27 11 555 0199', '011 555 0199', '(011) 555-0199', '+1 (555) 010-0199', '10111', ''])(
    'accepts %j',
    (phone) => {
      expect(ControlRoomPhoneSchema.safeParse(phone).success).toBe(true);
    },
  );
  it.each(['call Bob', '555-CALL-NOW', '12', '+27 11 + 555', 'ext. 12', '1'.repeat(41)])('refuses %j', (phone) => {
    expect(ControlRoomPhoneSchema.safeParse(phone).success).toBe(false);
  });
  it('is checked by the contract for settings.update, without resetting what a patch leaves out', () => {
    const input = commands['settings.update'].input;
    expect(input.safeParse({ controlRoomPhone: 'call Bob' }).success).toBe(false);
    expect(input.parse({ holdMs: 1000 })).toEqual({ holdMs: 1000 });
  });
});

describe('the hold time as typed', () => {
  it.each([
    ['0,5', 500],
    ['0.5', 500],
    ['1,5 s', 1500],
    [' 2 ', 2000],
    ['0', 0],
    ['5', 5000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseHoldSeconds(text)).toEqual({ ok: true, ms });
  });
  it.each([['9'], ['abc'], [''], ['1.2.3'], ['-1'], ['0,5,1']])('refuses %j in words', (text) => {
    const r = parseHoldSeconds(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.length).toBeGreaterThan(10);
  });
});

describe('training steps offered from each stage', () => {
  const PATHS: Record<Exclude<Stage, 'unknown'>, SimStep[]> = {
    created: [],
    dispatched: ['dispatch'],
    arrived: ['dispatch', 'arrive'],
    completed: ['dispatch', 'arrive', 'complete'],
    cancelled: ['cancel'],
    closed: ['close'],
  };
  /** Whether the simulator itself accepts `step` for a callout that went along `path`. */
  function simulatorAccepts(path: SimStep[], step: SimStep): boolean {
    const state = new SimulatorState({ shape: 'b', now: () => Date.now() });
    const loc = state.locationByRef('site_9944');
    if (!loc) throw new Error('the quickstart location is missing');
    const { callout } = state.raise(loc, {});
    for (const s of path) expect(state.advance(callout.id, s).status).toBe(200);
    return state.advance(callout.id, step).status === 200;
  }
  for (const [stage, path] of Object.entries(PATHS) as Array<[Stage, SimStep[]]>) {
    it(`from ${stage}: exactly the moves the simulator accepts`, () => {
      const accepted = TRAINING_STEPS.filter((step) => simulatorAccepts(path, step));
      expect(trainingStepsFrom(stage)).toEqual(accepted);
    });
  }
});

describe('attention', () => {
  const desk = (presses: DeskState['presses'], callouts: DeskState['callouts']): DeskState =>
    ({
      sites: [
        { id: 'A', name: 'Alpha' },
        { id: 'B', name: 'Bravo' },
      ],
      allSites: [],
      presses,
      callouts,
    }) as unknown as DeskState;
  const press = (id: string, siteId: string, status: DeskState['presses'][number]['status'], dismissed = false) => ({
    ...NEW_PRESS_STATE,
    id,
    siteId,
    source: 'button' as const,
    pressedAt: 1,
    status,
    attempts: 3,
    lastError: null,
    calloutId: null,
    dismissed,
    phase:
      status === 'sent' ? ('sent' as const) : status === 'failed' ? ('refused' as const) : ('notConfirmed' as const),
  });
  const callout = (id: string, siteId: string, stage: Stage) => ({
    id,
    siteId,
    stage,
    rawStatus: '',
    pressedAt: 2,
    silent: false,
    responder: null,
    closedAt: null,
    timeline: [],
  });

  it('lists unsent presses first, then callouts underway; cancelled and closed callouts are not active', () => {
    const d = desk(
      [press('p1', 'B', 'notSent'), press('p2', 'A', 'sent'), press('p3', 'A', 'failed', true)],
      [callout('c1', 'A', 'dispatched'), callout('c2', 'B', 'cancelled'), callout('c3', 'A', 'closed')],
    );
    expect(attentionItems(d).map((i) => `${i.kind}:${i.siteName}`)).toEqual(['unsent:Bravo', 'callout:Alpha']);
    expect(attentionCounts(d)).toEqual({ sending: 0, notConfirmed: 1, notSent: 0, active: 1 });
  });
});
