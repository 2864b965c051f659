// The renderer's pure rules, without a screen (issue 13 item 7): structural sharing of each new
// state, each site's activity, the panic ring and hint, the Sites view's list rules, the Settings
// draft's check, Setup's form rules, the CSV file name, and the environments' words.
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, ENVIRONMENT_WORDS } from '../../electron/shared/environments';
import { DEFAULT_SETTINGS } from '../../electron/shared/model/settings';
import { ENVIRONMENTS } from '../../electron/shared/model/connection';
import { NEW_PRESS_STATE, type Press, type PressView } from '../../electron/shared/model/press';
import { CONFIRM_WITHIN_MS, pressPhase } from '../../electron/shared/press-phase';
import type { Callout } from '../../electron/shared/model/callout';
import type { Stage } from '../../electron/shared/stages';
import { csvFileName } from '../../renderer/src/features/audit/csvFileName';
import { panicHint, panicHintClass, ringAngle, type HoldState } from '../../renderer/src/features/panic/hold';
import { checkDraft, draftOf, parseStaleMinutes } from '../../renderer/src/features/settings/settingsDraft';
import {
  checkSetupForm,
  credentialsInput,
  keepsSecret,
  type SetupForm,
} from '../../renderer/src/features/setup/setupForm';
import { movedOrder, toggledShown } from '../../renderer/src/features/sites/shownIds';
import { activityOf, siteActivity } from '../../renderer/src/siteActivity';
import { shareEqual } from '../../renderer/src/ui/structural';

describe('shareEqual', () => {
  it('keeps the previous object when the new one is deep-equal', () => {
    const prev = { a: [1, { b: 'x' }], c: null };
    const next = { a: [1, { b: 'x' }], c: null };
    expect(shareEqual(prev, next)).toBe(prev);
  });

  it('replaces only what changed, sharing the rest', () => {
    const prev = {
      sites: [
        { id: 'A', n: 1 },
        { id: 'B', n: 1 },
      ],
      other: { x: 1 },
    };
    const next = {
      sites: [
        { id: 'A', n: 1 },
        { id: 'B', n: 2 },
      ],
      other: { x: 1 },
    };
    const out = shareEqual(prev, next);
    expect(out).not.toBe(prev);
    expect(out).toEqual(next);
    expect(out.other).toBe(prev.other);
    expect(out.sites[0]).toBe(prev.sites[0]);
    expect(out.sites[1]).not.toBe(prev.sites[1]);
  });

  it('treats a longer or shorter array, an added or removed key, as a change', () => {
    const prev = { list: [1, 2], k: { a: 1 } as Record<string, number> };
    const longer = shareEqual(prev, { list: [1, 2, 3], k: { a: 1 } });
    expect(longer.list).toEqual([1, 2, 3]);
    expect(longer.list).not.toBe(prev.list);
    expect(longer.k).toBe(prev.k);
    const shorter = shareEqual(prev, { list: [1], k: { a: 1 } });
    expect(shorter.list).toEqual([1]);
    const added = shareEqual(prev, { list: [1, 2], k: { a: 1, b: 2 } });
    expect(added.k).toEqual({ a: 1, b: 2 });
    expect(added.list).toBe(prev.list);
    const removed = shareEqual({ k: { a: 1, b: 2 } as Record<string, number> }, { k: { a: 1 } });
    expect(removed.k).toEqual({ a: 1 });
  });

  it('never shares across different kinds of value', () => {
    expect(shareEqual<unknown>([1], { 0: 1 })).toEqual({ 0: 1 });
    expect(shareEqual<unknown>({ a: 1 }, null)).toBe(null);
    expect(shareEqual<unknown>(1, '1')).toBe('1');
  });
});

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

describe('ringAngle', () => {
  it('is 0 before the hold and 360 once full, and never outside 0..360', () => {
    expect(ringAngle(0, 300, 100)).toBe(0);
    expect(ringAngle(-0.5, 300, 100)).toBe(0);
    expect(ringAngle(1, 300, 100)).toBe(360);
    expect(ringAngle(7, 300, 100)).toBe(360);
    for (let p = 0; p <= 1; p += 0.01) {
      const angle = ringAngle(p, 300, 100);
      expect(angle).toBeGreaterThanOrEqual(0);
      expect(angle).toBeLessThanOrEqual(360);
    }
  });

  it('is 0 for a button not measured yet (no size)', () => {
    expect(ringAngle(0.5, 0, 100)).toBe(0);
    expect(ringAngle(0.5, 300, 0)).toBe(0);
  });

  it('grows with the hold, all the way round', () => {
    let last = -1;
    for (let p = 0.01; p < 1; p += 0.01) {
      const angle = ringAngle(p, 300, 100);
      expect(angle).toBeGreaterThan(last);
      last = angle;
    }
  });

  it('reaches the corners and the bottom centre at the fraction of the edge walked, not of the angle', () => {
    // A 300 × 100 button: edge 800; top-right corner after 150, bottom centre after 400.
    const corner = (Math.atan2(150, 50) * 180) / Math.PI;
    expect(ringAngle(150 / 800, 300, 100)).toBeCloseTo(corner, 6);
    expect(ringAngle(0.5, 300, 100)).toBeCloseTo(180, 6);
    expect(ringAngle(0.25, 100, 100)).toBeCloseTo(90, 6);
    expect(ringAngle(0.75, 100, 100)).toBeCloseTo(270, 6);
  });
});

describe('the hint under the panic button', () => {
  const idle: HoldState = { progress: 0, confirmed: false, released: false };

  it('says how long to hold, or to press when the hold time is 0', () => {
    expect(panicHint(idle, null, 1500)).toBe('Hold 1.5 s');
    expect(panicHint(idle, null, 2000)).toBe('Hold 2 s');
    expect(panicHint(idle, null, 0)).toBe('Press to raise');
  });

  it('follows the hold, then the press as the desk reports it', () => {
    expect(panicHint({ ...idle, progress: 0.3 }, 'notSent', 1500, 'North Gate')).toBe('Raising for NORTH GATE…');
    expect(panicHint({ ...idle, confirmed: true }, null, 1500)).toBe('Sending…');
    expect(panicHint(idle, 'sending', 1500)).toBe('Sending…');
    expect(panicHint({ ...idle, confirmed: true }, 'sent', 1500)).toBe('Sent to AURA');
    // "Sent" only for a press made from this button.
    expect(panicHint(idle, 'sent', 1500)).toBe('Hold 1.5 s');
    expect(panicHint({ ...idle, confirmed: true }, 'notSent', 1500)).toBeNull();
    expect(panicHint({ ...idle, confirmed: true }, 'notConfirmed', 1500)).toBeNull();
  });

  it('says an early release sent nothing', () => {
    expect(panicHint({ ...idle, released: true }, null, 1500)).toBe('Too short — hold to send');
    expect(panicHintClass({ ...idle, released: true }, null)).toBe('panic-hint panic-hint-early');
    expect(panicHintClass({ ...idle, released: true }, 'notSent')).toBe('panic-hint panic-hint-notSent');
    expect(panicHintClass({ progress: 0.5, confirmed: false, released: true }, null)).toBe('panic-hint');
    expect(panicHintClass(idle, 'sent')).toBe('panic-hint panic-hint-sent');
  });
});

describe("the Sites view's list rules", () => {
  it('ticks and unticks from "everything" as from a list, a ticked site going last', () => {
    expect(toggledShown(null, ['A', 'B', 'C'], 'B', false)).toEqual(['A', 'C']);
    expect(toggledShown(['C', 'A'], ['A', 'B', 'C'], 'B', true)).toEqual(['C', 'A', 'B']);
    expect(toggledShown(['A', 'B'], ['A', 'B'], 'A', true)).toEqual(['B', 'A']);
    expect(toggledShown(['A'], ['A', 'B'], 'A', false)).toEqual([]);
  });

  it('moves a site one place, and not past either end', () => {
    expect(movedOrder(['A', 'B', 'C'], 1, -1)).toEqual(['B', 'A', 'C']);
    expect(movedOrder(['A', 'B', 'C'], 1, 1)).toEqual(['A', 'C', 'B']);
    expect(movedOrder(['A', 'B', 'C'], 0, -1)).toBeNull();
    expect(movedOrder(['A', 'B', 'C'], 2, 1)).toBeNull();
    expect(movedOrder([], 0, 1)).toBeNull();
  });
});

describe("the Settings form's draft", () => {
  it('reads the saved settings back unchanged', () => {
    const draft = draftOf(DEFAULT_SETTINGS);
    const { patch, errors } = checkDraft(draft);
    expect(errors).toEqual({ hold: undefined, stale: undefined, compactFrom: undefined });
    expect(patch).toMatchObject({
      holdMs: DEFAULT_SETTINGS.holdMs,
      stalePressMinutes: DEFAULT_SETTINGS.stalePressMinutes,
      hotkey: DEFAULT_SETTINGS.hotkey,
    });
  });

  it('sends the compact-from number only with the automatic layout', () => {
    const draft = draftOf(DEFAULT_SETTINGS);
    expect(checkDraft({ ...draft, deskLayout: 'auto', compactFrom: '12' }).patch).toMatchObject({ compactFrom: 12 });
    expect(checkDraft({ ...draft, deskLayout: 'compact', compactFrom: '12' }).patch).not.toHaveProperty('compactFrom');
  });

  it('refuses each bad number in words, and sends nothing', () => {
    const draft = draftOf(DEFAULT_SETTINGS);
    const bad = checkDraft({ ...draft, holdSeconds: '9', staleMinutes: '0', compactFrom: '1' });
    expect(bad.patch).toBeNull();
    expect(bad.errors.hold).toBe('Hold time is between 0 and 5 seconds');
    expect(bad.errors.stale).toBe('Enter a whole number of minutes from 1 to 1440');
    expect(bad.errors.compactFrom).toBe('Enter a whole number of sites from 2 to 1000');
    expect(checkDraft({ ...draft, compactFrom: '1001' }).patch).toBeNull();
    expect(checkDraft({ ...draft, compactFrom: '2.5' }).patch).toBeNull();
  });

  it.each([
    ['1', 1],
    [' 1440 ', 1440],
    ['0', null],
    ['1441', null],
    ['1.5', null],
    ['', null],
    ['ten', null],
  ])('reads the late-press limit %j as %j', (text, minutes) => {
    expect(parseStaleMinutes(text)).toBe(minutes);
  });
});

describe("Setup's form", () => {
  const conn = {
    environment: 'staging' as const,
    baseUrl: null,
    clientId: 'desk-1',
    hasSecret: true,
  };
  const form = (patch: Partial<SetupForm> = {}): SetupForm => ({
    environment: 'staging',
    baseUrl: '',
    clientId: 'desk-1',
    secret: '',
    ...patch,
  });

  it('keeps the saved secret only for the same environment, URL and client ID', () => {
    expect(keepsSecret(form(), conn)).toBe(true);
    expect(keepsSecret(form({ clientId: 'desk-2' }), conn)).toBe(false);
    expect(keepsSecret(form({ environment: 'production' }), conn)).toBe(false);
    expect(keepsSecret(form(), { ...conn, hasSecret: false })).toBe(false);
    const custom = { ...conn, environment: 'custom' as const, baseUrl: 'https://a.example/api' };
    expect(keepsSecret(form({ environment: 'custom', baseUrl: 'https://a.example/api/' }), custom)).toBe(true);
    expect(keepsSecret(form({ environment: 'custom', baseUrl: 'https://b.example/api' }), custom)).toBe(false);
  });

  it('refuses empty fields, naming the field, in the order the form shows them', () => {
    expect(checkSetupForm(form({ environment: 'custom', clientId: '' }), conn)?.field).toBe('baseUrl');
    expect(checkSetupForm(form({ clientId: ' ' }), conn)?.field).toBe('clientId');
    expect(checkSetupForm(form({ clientId: 'new' }), conn)).toEqual({
      field: 'secret',
      message: 'Enter the client secret AURA gave you.',
    });
    expect(checkSetupForm(form(), conn)).toBeNull();
    expect(checkSetupForm(form({ environment: 'training', clientId: '' }), conn)).toBeNull();
  });

  it('asks for the secret again when the Custom URL changed', () => {
    const custom = { ...conn, environment: 'custom' as const, baseUrl: 'https://a.example/api' };
    expect(checkSetupForm(form({ environment: 'custom', baseUrl: 'https://b.example/api' }), custom)?.message).toBe(
      'Enter the client secret again: the saved one is only sent to the address it was saved for.',
    );
  });

  it('refuses an over-long field before sending', () => {
    expect(checkSetupForm(form({ secret: 'x'.repeat(1001) }), conn)?.field).toBe('secret');
    expect(
      checkSetupForm(form({ environment: 'custom', baseUrl: `https://${'a'.repeat(300)}`, secret: 's' }), conn)?.field,
    ).toBe('baseUrl');
  });

  it('sends no credentials for Training and a base URL only for Custom', () => {
    expect(credentialsInput(form({ environment: 'training', secret: 's' }))).toEqual({
      environment: 'training',
      baseUrl: null,
      clientId: '',
      clientSecret: '',
    });
    expect(
      credentialsInput(
        form({ environment: 'custom', baseUrl: ' https://a.example ', clientId: ' id ', secret: ' s ' }),
      ),
    ).toEqual({
      environment: 'custom',
      baseUrl: 'https://a.example',
      clientId: 'id',
      clientSecret: ' s ',
    });
  });
});

describe('small words', () => {
  it("stamps the CSV file name with the export's local time", () => {
    expect(csvFileName(new Date(2026, 0, 5, 7, 8, 9))).toBe('panic-desk-audit-2026-01-05-070809.csv');
  });

  it('names every environment once, for Setup and for the readiness line', () => {
    for (const env of ENVIRONMENTS) {
      expect(ENVIRONMENT_NAMES[env]).toBe(ENVIRONMENT_WORDS[env].name);
      expect(ENVIRONMENT_WORDS[env].label.length).toBeGreaterThan(0);
    }
    expect(ENVIRONMENTS.map((e) => ENVIRONMENT_WORDS[e].label)).toEqual([
      'Training',
      'Staging',
      'Production',
      'Custom',
    ]);
    expect(ENVIRONMENT_NAMES.staging).toBe('AURA Staging');
  });
});
