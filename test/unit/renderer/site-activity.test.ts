// Each site's activity (renderer/src/siteActivity.ts): its unsent presses, latest callout and
// latest press, as the cards and the header read them.
import { describe, expect, it } from 'vitest';
import { NEW_PRESS_STATE, type Press, type PressView } from '../../../electron/shared/model/press';
import { CONFIRM_WITHIN_MS, pressPhase } from '../../../electron/shared/press-phase';
import type { Callout } from '../../../electron/shared/model/callout';
import type { Stage } from '../../../electron/shared/stages';
import { activityOf, siteActivity } from '../../../renderer/src/siteActivity';

describe('activityOf', () => {
  const press = (id: string, siteId: string, status: Press['status'], extra: Partial<Press> = {}): PressView => {
    const p: Press = {
      ...NEW_PRESS_STATE,
      id,
      siteId,
      source: 'button',
      pressedAt: 10,
      status,
      dismissed: false,
      ...extra,
    };
    return { ...p, phase: pressPhase(p, CONFIRM_WITHIN_MS) };
  };
  const callout = (id: string, siteId: string, stage: Stage, pressedAt: number): Callout => ({
    id,
    siteId,
    stage,
    rawStatus: '',
    pressedAt,
    silent: false,
    responder: null,
    closedAt: null,
    timeline: [],
  });

  it.each(['queued', 'sending', 'notSent', 'failed'] as const)('counts a %s press as unsent', (status) => {
    const a = activityOf({ presses: [press('p', 'A', status)], callouts: [] });
    expect(a.A?.unsent.map((p) => p.id)).toEqual(['p']);
  });

  it('does not count a sent press, nor a dismissed one, as unsent', () => {
    const a = activityOf({
      presses: [press('p1', 'A', 'sent'), press('p2', 'A', 'failed', { dismissed: true })],
      callouts: [],
    });
    expect(a.A).toBeUndefined();
    expect(siteActivity(a, 'A')).toEqual({ unsent: [], latest: null, latestPress: null });
    // Every quiet site gets the one shared empty object, so its card does not redraw.
    expect(siteActivity(a, 'A')).toBe(siteActivity(a, 'B'));
  });

  it.each(['created', 'dispatched', 'arrived', 'completed', 'cancelled', 'closed', 'unknown'] as const)(
    'takes the newest callout as the latest whatever its stage (%s)',
    (stage) => {
      const a = activityOf({
        presses: [],
        callouts: [callout('old', 'A', 'dispatched', 1), callout('new', 'A', stage, 5)],
      });
      expect(a.A?.latest?.id).toBe('new');
      expect(a.A?.latest?.stage).toBe(stage);
    },
  );

  it('on equal press times the later callout in the list wins; an older one listed later does not', () => {
    expect(
      activityOf({ presses: [], callouts: [callout('c1', 'A', 'created', 5), callout('c2', 'A', 'created', 5)] }).A
        ?.latest?.id,
    ).toBe('c2');
    expect(
      activityOf({ presses: [], callouts: [callout('c1', 'A', 'created', 5), callout('c2', 'A', 'created', 4)] }).A
        ?.latest?.id,
    ).toBe('c1');
  });

  it("the latest callout's press is its first press, not a later one joined to it", () => {
    const a = activityOf({
      presses: [
        press('again', 'A', 'sent', { calloutId: 'c', pressedAt: 30 }),
        press('first', 'A', 'sent', { calloutId: 'c', pressedAt: 20 }),
        press('other', 'A', 'sent', { calloutId: 'older', pressedAt: 1 }),
      ],
      callouts: [callout('older', 'A', 'closed', 1), callout('c', 'A', 'dispatched', 20)],
    });
    expect(a.A?.latestPress?.id).toBe('first');
    expect(a.A?.unsent).toEqual([]);
  });

  it('keeps sites apart', () => {
    const a = activityOf({
      presses: [press('p', 'A', 'notSent')],
      callouts: [callout('c', 'B', 'arrived', 3)],
    });
    expect(a.A?.latest).toBeNull();
    expect(a.B?.unsent).toEqual([]);
    expect(a.B?.latest?.id).toBe('c');
    expect(a.B?.latestPress).toBeNull();
  });
});
