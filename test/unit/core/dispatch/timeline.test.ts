import { describe, expect, it } from 'vitest';
import type { AuraCallout } from '../../../../electron/core/aura/schemas';
import { snapshotOf } from '../../../../electron/core/aura/port';
import { addNote, applyEvents, applySnapshot, calloutFromPress } from '../../../../electron/core/dispatch/timeline';

const T0 = Date.UTC(2026, 10, 26, 3, 0, 0);
const snap = (status: string, incidents: AuraCallout['incidents'] = []) =>
  snapshotOf({
    id: '992011',
    status,
    predefinedLocationId: 99001,
    createdAt: '2026-11-26T03:00:01Z',
    incidents,
  });
const press = { siteId: 'site_9944', pressedAt: T0, source: 'button' as const };

describe('timeline', () => {
  it('starts with the press and the created stage, with AURA time', () => {
    const c = calloutFromPress(snap('created'), press, T0 + 300);
    expect(c.timeline).toEqual([
      { at: T0, kind: 'press', stage: null, text: 'Panic button pressed', auraAt: null },
      { at: T0 + 300, kind: 'stage', stage: 'created', text: 'Created', auraAt: '2026-11-26T03:00:01Z' },
    ]);
  });

  it('adds each stage change once, with AURA timestamps and the responder', () => {
    let c = calloutFromPress(snap('created'), press, T0);
    const incident = { responderName: 'Unit 12', supplierName: 'Acme', dispatchedAt: '2026-11-26T03:01:00Z' };
    c = applySnapshot(c, snap('Responder Dispatched', [incident]), T0 + 60_000);
    const same = applySnapshot(c, snap('Responder Dispatched', [incident]), T0 + 65_000);
    expect(same).toBe(c); // nothing moved: the same object, nothing saved, nothing emitted
    c = applySnapshot(c, snap('Closed'), T0 + 90_000);
    expect(c.timeline.map((e) => e.stage ?? e.kind)).toEqual(['press', 'created', 'dispatched', 'closed']);
    expect(c.timeline[2]?.auraAt).toBe('2026-11-26T03:01:00Z');
    expect(c.responder).toEqual({ name: 'Unit 12', phone: null, supplier: 'Acme' });
    expect(c.closedAt).toBe(T0 + 90_000);
  });

  it("shows a status it does not know in AURA's words", () => {
    const c = applySnapshot(calloutFromPress(snap('created'), press, T0), snap('Escalated'), T0 + 1);
    expect(c.stage).toBe('unknown');
    expect(c.timeline.at(-1)?.text).toBe('AURA status: Escalated');
  });

  it('merges events by their time, oldest first, each once', () => {
    let c = calloutFromPress(snap('created'), press, T0);
    c = applySnapshot(c, snap('Responder Dispatched', [{ dispatchedAt: '2026-11-26T03:05:00Z' }]), T0 + 300_000);
    const events = [
      { at: '2026-11-26T03:02:00Z', text: 'Control room: unit on the way' },
      { at: '2026-11-26T03:06:00Z', text: 'Control room: on scene soon' },
    ];
    c = applyEvents(c, events, T0 + 400_000);
    expect(applyEvents(c, events, T0 + 500_000)).toBe(c);
    expect(c.timeline.map((e) => e.text)).toEqual([
      'Panic button pressed',
      'Created',
      'Control room: unit on the way',
      'Dispatched',
      'Control room: on scene soon',
    ]);
  });

  it("marks an event whose text this desk sent as the desk's own, and only that one", () => {
    const c = calloutFromPress(snap('created'), press, T0);
    const events = [
      { at: '2026-11-26T03:02:00Z', text: 'Control room: unit on the way' },
      { at: '2026-11-26T03:03:00Z', text: 'Two men at the side gate' },
    ];
    const next = applyEvents(c, events, T0 + 200_000, new Set(['Two men at the side gate']));
    expect(next.timeline.filter((e) => e.fromDesk).map((e) => e.text)).toEqual(['Two men at the side gate']);
  });

  it('marks a hotkey callout silent and notes a second press', () => {
    const c = calloutFromPress(snap('created'), { ...press, source: 'hotkey' }, T0);
    expect(c.silent).toBe(true);
    expect(c.timeline[0]?.text).toBe('Silent panic (hotkey)');
    expect(addNote(c, 'Pressed again', T0 + 5).timeline.at(-1)).toMatchObject({ kind: 'event', text: 'Pressed again' });
  });
});
