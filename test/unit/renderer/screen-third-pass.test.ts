// Issue 23's pure rules, without a screen: coordinates in words and the typo checks, which desk
// is live, the stage words, the hotkey's site, the Desk tab's count and the one announcement.
import { describe, expect, it } from 'vitest';
import { hotkeySiteOf } from '../../../electron/core/desk/settings';
import { deskKind } from '../../../electron/shared/environments';
import { DEFAULT_SETTINGS } from '../../../electron/shared/model/settings';
import type { DeskState } from '../../../electron/shared/model/desk-state';
import { stageHeadline } from '../../../electron/shared/stages';
import { coordinateWarning, coordinateWords, distanceKm } from '../../../renderer/src/features/sites/coordinates';
import { troubleNews } from '../../../renderer/src/features/attention/announcements';
import { deskBadge } from '../../../renderer/src/ui/Nav';
import { press } from '../../fakes/desk-host';

const DOWNTOWN = { latitude: -26.12345, longitude: 28.12345 };

describe('coordinates (item 9)', () => {
  it('says a position in words', () => {
    expect(coordinateWords({ latitude: -26.12, longitude: 28.12 })).toBe('26.12° S, 28.12° E');
    expect(coordinateWords({ latitude: 51.5, longitude: -0.12 })).toBe('51.5° N, 0.12° W');
  });

  it('warns of swapped, out-of-range and far positions; a near one passes', () => {
    expect(distanceKm(DOWNTOWN, { latitude: -26.13, longitude: 28.13 })).toBeLessThan(2);
    expect(coordinateWarning({ latitude: -26.13, longitude: 28.13 }, [DOWNTOWN])).toBeNull();
    expect(coordinateWarning({ latitude: 28.12, longitude: -26.12 }, [DOWNTOWN])).toMatch(/look swapped/);
    expect(coordinateWarning({ latitude: 118.4, longitude: -33.9 }, [])).toMatch(/look swapped/);
    expect(coordinateWarning({ latitude: 95, longitude: 200 }, [])).toMatch(/outside the earth/);
    expect(coordinateWarning({ latitude: 51.5, longitude: -0.12 }, [DOWNTOWN])).toMatch(/more than 50 km/);
    // The first site of a client has nothing to be far from.
    expect(coordinateWarning({ latitude: 51.5, longitude: -0.12 }, [])).toBeNull();
  });
});

describe('which desk is live (item 4)', () => {
  it('Production, and Custom on AURA’s production host however it is written, are live', () => {
    expect(deskKind('production', null)).toBe('live');
    expect(deskKind('custom', 'https://PANIC.aura.services./panic-api/v2')).toBe('live');
    expect(deskKind('custom', 'https://staging-panic.aura.services/panic-api/v2')).toBe('custom');
    expect(deskKind('custom', 'https://panic.aura.services.evil.example/x')).toBe('custom');
    expect(deskKind('staging', null)).toBe('staging');
    expect(deskKind('training', null)).toBe('training');
  });
});

describe('stage words (item 5)', () => {
  it('say whether help is coming, with the responder when AURA names one', () => {
    expect(stageHeadline('created', null)).toBe('ALARM RECEIVED — finding a responder');
    expect(stageHeadline('dispatched', { name: 'Unit 12', phone: '+27 82 555 0112' })).toBe(
      'RESPONDER ON THE WAY — Unit 12, +27 82 555 0112',
    );
    expect(stageHeadline('dispatched', { name: null, phone: null })).toBe('RESPONDER ON THE WAY');
    expect(stageHeadline('arrived', null)).toBe('RESPONDER ON SITE');
    expect(stageHeadline('completed', null)).toBe('Completed');
    expect(stageHeadline('closed', null)).toBe('Closed');
  });
});

describe('the hotkey’s site (item 2)', () => {
  const none = { ...DEFAULT_SETTINGS, hotkeySiteId: null };
  it('is the chosen site; with none chosen, the only site; never a guess among several', () => {
    expect(hotkeySiteOf({ ...none, hotkeySiteId: 'B' }, {}, ['A', 'B'])).toBe('B');
    expect(hotkeySiteOf(none, {}, ['A'])).toBe('A');
    expect(hotkeySiteOf(none, {}, ['A', 'B'])).toBeNull();
    expect(hotkeySiteOf(none, {}, [])).toBeNull();
  });
  it('is none when the policy says so, even with one site', () => {
    expect(hotkeySiteOf(none, { hotkeySite: null }, ['A'])).toBeNull();
  });
});

describe('the Desk tab and the one announcement (items 1 and 8)', () => {
  it('counts by phase, trouble first', () => {
    expect(deskBadge({ sending: 1, notConfirmed: 2, notSent: 1, active: 3 })).toBe(
      '2 NOT CONFIRMED · 1 NOT SENT · 1 sending · 3 active',
    );
    expect(deskBadge({ sending: 0, notConfirmed: 0, notSent: 0, active: 0 })).toBe('');
  });

  it('has one piece of news per press and phase, with the site and the number; retries add none', () => {
    const desk = (presses: DeskState['presses']): DeskState =>
      ({
        presses,
        callouts: [],
        sites: [{ id: 'A', name: 'North Gate' }],
        allSites: [],
        settings: { ...DEFAULT_SETTINGS, controlRoomPhone: '+27 11 555 0199' },
      }) as unknown as DeskState;
    const first = troubleNews(desk([press({ id: 'p', siteId: 'A', status: 'notSent', attempts: 1 })]));
    const retried = troubleNews(desk([press({ id: 'p', siteId: 'A', status: 'sending', attempts: 4 })]));
    expect(first).toEqual(retried);
    expect(first).toHaveLength(1);
    expect(first[0]?.text).toBe(
      'NOT CONFIRMED: AURA has not confirmed the panic for North Gate. Phone the control room now: +27 11 555 0199.',
    );
    expect(
      troubleNews(desk([press({ id: 'p', siteId: 'A', status: 'sending', attempts: 1, phase: 'sending' })])),
    ).toEqual([]);
    const refused = troubleNews(desk([press({ id: 'p', siteId: 'A', status: 'failed' })]));
    expect(refused[0]?.key).not.toBe(first[0]?.key);
  });
});
