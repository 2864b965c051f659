// A key per site (issue 24): the rules (shared/site-keys.ts: typing-safe keys only, no clash with
// the silent hotkey or another site's key, a site no longer listed reported), the policy key
// `siteHotkeys` (validated, lockable, applied), the operator's save refused in core, and main's
// binding on the fake globalShortcut: each key raises its own site by the silent path, one press
// per physical press per key, failures reported for readiness, keys released during "Test your
// button" and taken back after.
import { describe, expect, it } from 'vitest';
import { BUTTON_TEST_MS, SettingsService } from '../../../electron/core/desk/settings';
import { applyPolicyToSettings, mergePolicy, settingsFromPolicy } from '../../../electron/core/policy/policy';
import { checkAgainstPolicy, PolicyRefusal } from '../../../electron/core/policy/policy-guard';
import { bindSiteHotkeys } from '../../../electron/main/site-hotkeys';
import { DEFAULT_SETTINGS, type Settings } from '../../../electron/shared/model/settings';
import { checkSiteHotkeys, planSiteKeys, siteForKey } from '../../../electron/shared/site-keys';
import type { Site } from '../../../electron/shared/model/site';
import { createFakeElectron } from '../../fakes/electron';
import { FakeDeskHost, SITE } from '../../fakes/desk-host';

const NORTH: Site = { ...SITE, id: 'site_north', name: 'North Gate' };
const SOUTH: Site = { ...SITE, id: 'site_south', name: 'South Gate' };
const HOTKEY = DEFAULT_SETTINGS.hotkey;

describe('site key rules (shared/site-keys.ts)', () => {
  it('accepts typing-safe keys in canonical spelling', () => {
    expect(checkSiteHotkeys({ a: 'f13', b: 'ctrl+alt+1' }, HOTKEY)).toEqual({
      ok: true,
      siteHotkeys: { a: 'F13', b: 'Control+Alt+1' },
    });
  });

  it.each([
    ['F5', /needs Control, Command, Alt or Super/],
    ['Shift+P', /needs Control, Command, Alt or Super/],
    ['P', /needs Control, Command, Alt or Super/],
    ['Ctrl+C', /other programs need/],
    ['Alt+F4', /other programs need/],
    ['Control+Alt+Banana', /not a key/],
  ])('refuses the unsafe key %s, naming the site', (key, reason) => {
    const check = checkSiteHotkeys({ site_north: key }, HOTKEY, () => 'North Gate');
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error).toMatch(reason);
      expect(check.error).toMatch(/North Gate/);
    }
  });

  it('refuses a key that is the silent hotkey, however it is spelled', () => {
    const check = checkSiteHotkeys({ a: 'Alt+Shift+Control+P' }, 'CommandOrControl+Alt+Shift+P');
    expect(check).toEqual({ ok: false, error: expect.stringMatching(/already the silent hotkey/) as string });
  });

  it('refuses two sites with one key', () => {
    const names: Record<string, string> = { a: 'North Gate', b: 'South Gate' };
    const check = checkSiteHotkeys({ a: 'F13', b: 'f13' }, HOTKEY, (id) => names[id] ?? id);
    expect(check).toEqual({
      ok: false,
      error: 'South Gate and North Gate have the same key (F13): give each site its own',
    });
  });

  it('reports a key for a site no longer in the site list, and only once the list is known', () => {
    expect(planSiteKeys({ gone: 'F15' }, HOTKEY, ['a'])).toEqual([
      { siteId: 'gone', accelerator: 'F15', error: expect.stringMatching(/no longer in the site list/) as string },
    ]);
    expect(planSiteKeys({ gone: 'F15' }, HOTKEY, null)).toEqual([{ siteId: 'gone', accelerator: 'F15', error: null }]);
  });

  it('finds the site a key would raise: a site key first, else the hotkey site', () => {
    const keys = { a: 'F13' };
    expect(siteForKey('F13', keys, { accelerator: HOTKEY, siteId: 'b' })).toEqual({ siteId: 'a', via: 'siteKey' });
    expect(siteForKey('Control+Alt+Shift+P', keys, { accelerator: HOTKEY, siteId: 'b' })).toEqual({
      siteId: 'b',
      via: 'hotkey',
    });
    expect(siteForKey('F20', keys, { accelerator: HOTKEY, siteId: 'b' })).toBeNull();
  });
});

describe('the policy key siteHotkeys', () => {
  it('is read, applied to the settings, and lockable', () => {
    const read = mergePolicy([
      { name: 'policy.json', values: { siteHotkeys: { site_north: 'F13' }, locked: ['siteHotkeys'] } },
    ]);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(settingsFromPolicy(read.policy)).toEqual({ siteHotkeys: { site_north: 'F13' } });
    const settings = applyPolicyToSettings({ ...DEFAULT_SETTINGS, siteHotkeys: { site_north: 'F14' } }, read.policy, {
      siteHotkeys: { site_north: 'F13' },
    });
    expect(settings.siteHotkeys).toEqual({ site_north: 'F13' });
    const current = {
      settings,
      connection: { environment: 'training' as const, baseUrl: null, clientId: null, hasSecret: false },
    };
    expect(() => checkAgainstPolicy(read.policy, 'settings.update', { siteHotkeys: {} }, current)).toThrow(
      PolicyRefusal,
    );
  });

  it.each([
    [{ site_north: 'F5' }, /needs Control, Command, Alt or Super/],
    [{ site_north: 'F13', site_south: 'F13' }, /have the same key/],
    [{ site_north: 42 }, /siteHotkeys/],
  ])('refuses %j, naming the key', (siteHotkeys, reason) => {
    const read = mergePolicy([{ name: 'policy.json', values: { siteHotkeys } }]);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.badKey).toMatch(/^siteHotkeys/);
    expect(read.problem).toMatch(reason);
  });
});

function settingsService(initial: Partial<Settings> = {}) {
  let settings: Settings = { ...DEFAULT_SETTINGS, ...initial };
  const timers: Array<{ fn: () => void; ms: number; cancelled: boolean }> = [];
  const service = new SettingsService({
    store: {
      get settings() {
        return settings;
      },
      setSettings: (next: Settings) => void (settings = next),
    } as never,
    audit: { record: () => undefined } as never,
    clock: {
      now: () => 0,
      monotonic: () => 0,
      setTimeout: (fn, ms) => {
        const timer = { fn, ms, cancelled: false };
        timers.push(timer);
        return () => void (timer.cancelled = true);
      },
    },
    siteName: (id) => ({ site_north: 'North Gate', site_south: 'South Gate' })[id] ?? id,
    emit: () => undefined,
  });
  return { service, timers, settings: () => settings };
}

describe("the operator's site keys (core)", () => {
  it('saves them canonical; refuses an unsafe key or a clash and keeps the last good keys', async () => {
    const { service, settings } = settingsService();
    await service.change({ siteHotkeys: { site_north: 'f13' } });
    expect(settings().siteHotkeys).toEqual({ site_north: 'F13' });
    await expect(service.change({ siteHotkeys: { site_north: 'Shift+N' } })).rejects.toThrow(
      /^Site keys not saved: The key "Shift\+N" for North Gate cannot be used/,
    );
    await expect(service.change({ siteHotkeys: { site_north: 'F13', site_south: 'F13' } })).rejects.toThrow(
      /South Gate and North Gate have the same key/,
    );
    // A new hotkey may not take a site's key either.
    await expect(service.change({ hotkey: 'F13' })).rejects.toThrow(/^Hotkey not saved: .*already the silent hotkey/);
    expect(settings().siteHotkeys).toEqual({ site_north: 'F13' });
    expect(settings().hotkey).toBe(HOTKEY);
  });

  it('"Test your button" ends by itself after a minute, and a stop cancels that timer', async () => {
    const { service, timers } = settingsService();
    await service.testButton('start');
    expect(service.hotkey.buttonTest).toBe(true);
    expect(timers.map((t) => t.ms)).toEqual([BUTTON_TEST_MS]);
    timers[0]?.fn();
    expect(service.hotkey.buttonTest).toBe(false);
    await service.testButton('start');
    await service.testButton('stop');
    expect(service.hotkey.buttonTest).toBe(false);
    expect(timers[1]?.cancelled).toBe(true);
  });
});

describe('bindSiteHotkeys (main)', () => {
  const deskWith = (siteHotkeys: Record<string, string>, patch: Partial<Settings> = {}) =>
    new FakeDeskHost({
      sites: [NORTH, SOUTH],
      allSites: [NORTH, SOUTH],
      settings: { ...DEFAULT_SETTINGS, ...patch, siteHotkeys },
    });

  it('registers each key and a press raises its own site, silently, and nothing else', () => {
    const fake = createFakeElectron();
    const desk = deskWith({ site_north: 'F13', site_south: 'F14' });
    const binding = bindSiteHotkeys(fake.api.globalShortcut, desk);
    expect(binding.registered()).toEqual({ site_north: 'F13', site_south: 'F14' });
    expect(desk.getState().hotkey.siteKeys).toEqual([
      { siteId: 'site_north', accelerator: 'F13', registered: true, error: null },
      { siteId: 'site_south', accelerator: 'F14', registered: true, error: null },
    ]);
    const logged = fake.log.length;
    fake.pressShortcut('F14');
    fake.pressShortcut('F13');
    expect(desk.triggers).toEqual([
      { siteId: 'site_south', source: 'hotkey' },
      { siteId: 'site_north', source: 'hotkey' },
    ]);
    expect(fake.log.slice(logged)).toEqual([]);
  });

  it('one press per physical press, per key: a held pedal is one press, another pedal still raises its site', () => {
    const fake = createFakeElectron();
    const desk = deskWith({ site_north: 'F13', site_south: 'F14' });
    let now = 0;
    bindSiteHotkeys(fake.api.globalShortcut, desk, { monotonic: () => now });
    // North's pedal held for ten seconds (auto-repeat), South's pressed meanwhile.
    for (; now <= 10_000; now += 33) {
      fake.pressShortcut('F13');
      if (now === 4983) fake.pressShortcut('F14');
    }
    expect(desk.triggers).toEqual([
      { siteId: 'site_north', source: 'hotkey' },
      { siteId: 'site_south', source: 'hotkey' },
    ]);
    now += 1500;
    fake.pressShortcut('F13');
    expect(desk.triggers).toHaveLength(3);
  });

  it('reports a key the system refuses, a clash and a site gone, and registers none of them', () => {
    const fake = createFakeElectron({ takenShortcuts: ['F15'] });
    const desk = deskWith({ site_north: 'F15', site_south: HOTKEY, site_gone: 'F16' });
    const binding = bindSiteHotkeys(fake.api.globalShortcut, desk);
    expect(binding.registered()).toEqual({});
    const errors = (desk.getState().hotkey.siteKeys ?? []).map((k) => [k.siteId, k.registered, k.error]);
    expect(errors).toEqual([
      ['site_north', false, expect.stringMatching(/^North Gate: F15 could not be registered/)],
      ['site_south', false, expect.stringMatching(/already the silent hotkey/)],
      ['site_gone', false, expect.stringMatching(/"site_gone", which is no longer in the site list/)],
    ]);
  });

  it('releases every key while "Test your button" listens and takes them back after', () => {
    const fake = createFakeElectron();
    const desk = deskWith({ site_north: 'F13' });
    bindSiteHotkeys(fake.api.globalShortcut, desk);
    desk.update({ hotkey: { ...desk.getState().hotkey, buttonTest: true } });
    expect([...fake.shortcuts.keys()]).toEqual([]);
    expect(() => fake.pressShortcut('F13')).toThrow(/not registered/);
    expect(desk.triggers).toEqual([]);
    desk.update({ hotkey: { ...desk.getState().hotkey, buttonTest: false } });
    expect([...fake.shortcuts.keys()]).toEqual(['F13']);
  });

  it('re-registers when the keys change, and releases on dispose', () => {
    const fake = createFakeElectron();
    const desk = deskWith({ site_north: 'F13' });
    const binding = bindSiteHotkeys(fake.api.globalShortcut, desk);
    desk.update({ settings: { ...desk.getState().settings, siteHotkeys: { site_south: 'Control+Alt+2' } } });
    expect([...fake.shortcuts.keys()]).toEqual(['Control+Alt+2']);
    fake.pressShortcut('Control+Alt+2');
    expect(desk.triggers).toEqual([{ siteId: 'site_south', source: 'hotkey' }]);
    binding.dispose();
    expect([...fake.shortcuts.keys()]).toEqual([]);
  });
});
