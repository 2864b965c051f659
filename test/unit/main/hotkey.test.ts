// The silent hotkey: the accelerator validator (pure), and the binding on the fake globalShortcut:
// registered from the settings, failures reported to the desk, re-registered when the setting
// changes, and a press that only tells the desk.
import { describe, expect, it } from 'vitest';
import { HOTKEY_QUIET_MS, QuietGap } from '../../../electron/core/host/held-key';
import { checkAccelerator } from '../../../electron/main/accelerator';
import { bindHotkey, registrationFailure } from '../../../electron/main/hotkey';
import { DEFAULT_SETTINGS } from '../../../electron/shared/model/settings';
import { createFakeElectron } from '../../fakes/electron';
import { FakeDeskHost, SITE } from '../../fakes/desk-host';

describe('checkAccelerator', () => {
  it.each([
    ['CommandOrControl+Alt+Shift+P', 'CommandOrControl+Alt+Shift+P'],
    ['cmdorctrl+alt+shift+p', 'CommandOrControl+Alt+Shift+P'],
    ['Ctrl+Alt+F9', 'Control+Alt+F9'],
    ['Super+Shift+Space', 'Super+Shift+Space'],
    ['Option+Command+num5', 'Alt+Command+num5'],
    ['Control+Alt+Plus', 'Control+Alt+Plus'],
    ['F13', 'F13'],
    ['shift+f24', 'Shift+F24'],
    [' Alt + 7 ', 'Alt+7'],
  ])('accepts %s as %s', (input, canonical) => {
    expect(checkAccelerator(input)).toEqual({ ok: true, accelerator: canonical });
  });

  it.each([
    ['', /empty/],
    ['P', /needs Control, Command, Alt or Super/],
    ['Shift+P', /needs Control, Command, Alt or Super/],
    ['F5', /needs Control, Command, Alt or Super/],
    ['Control+Alt', /needs a key/],
    ['Control+P+Q', /exactly one key/],
    ['P+Control', /Modifiers come before the key/],
    ['Control+Control+P', /repeated/],
    ['CommandOrControl+Control+P', /repeated/],
    ['Control+Alt+Banana', /not a key/],
    ['Control++', /Plus/],
    ['CommandOrControl+C', /other programs need/],
    ['Ctrl+V', /other programs need/],
    ['Command+Q', /other programs need/],
    ['Alt+F4', /other programs need/],
    ['Control+Alt+Delete', /other programs need/],
  ])('refuses %j', (input, reason) => {
    const check = checkAccelerator(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.error).toMatch(reason);
  });

  it('accepts the default hotkey', () => {
    expect(checkAccelerator(DEFAULT_SETTINGS.hotkey).ok).toBe(true);
  });
});

describe('bindHotkey', () => {
  const withHotkey = (hotkey: string) =>
    new FakeDeskHost({ settings: { ...DEFAULT_SETTINGS, hotkey, hotkeySiteId: SITE.id } });

  it('registers the accelerator from the settings and reports it registered', () => {
    const fake = createFakeElectron();
    const desk = withHotkey('CommandOrControl+Alt+Shift+P');
    const binding = bindHotkey(fake.api.globalShortcut, desk);
    expect(binding.registered()).toBe('CommandOrControl+Alt+Shift+P');
    expect(desk.hotkeyStatuses).toEqual([{ registered: true, error: null }]);
  });

  it('reports an accelerator another application owns, in plain words', () => {
    const fake = createFakeElectron({ takenShortcuts: ['CommandOrControl+Alt+Shift+P'] });
    const desk = withHotkey('CommandOrControl+Alt+Shift+P');
    bindHotkey(fake.api.globalShortcut, desk);
    expect(desk.getState().hotkey.registered).toBe(false);
    expect(desk.getState().hotkey.error).toMatch(/^CommandOrControl\+Alt\+Shift\+P could not be registered/);
  });

  it('hints at Wayland when registration fails there', () => {
    expect(registrationFailure('Alt+P', { XDG_SESSION_TYPE: 'wayland' })).toMatch(/Wayland/);
    expect(registrationFailure('Alt+P', {})).not.toMatch(/Wayland/);
  });

  it('never registers an invalid accelerator, and says why', () => {
    const fake = createFakeElectron();
    const desk = withHotkey('Shift+P');
    bindHotkey(fake.api.globalShortcut, desk);
    expect(fake.calls('globalShortcut.register')).toEqual([]);
    expect(desk.getState().hotkey).toMatchObject({ registered: false });
    expect(desk.getState().hotkey.error).toMatch(/"Shift\+P" cannot be used/);
  });

  it('re-registers when the setting changes, and turns off when it is emptied', () => {
    const fake = createFakeElectron();
    const desk = withHotkey('CommandOrControl+Alt+Shift+P');
    const binding = bindHotkey(fake.api.globalShortcut, desk);

    desk.update({ settings: { ...desk.getState().settings, hotkey: 'Control+Alt+F9' } });
    expect(binding.registered()).toBe('Control+Alt+F9');
    expect([...fake.shortcuts.keys()]).toEqual(['Control+Alt+F9']);

    // Unrelated changes leave the registration alone.
    const registrations = fake.calls('globalShortcut.register').length;
    desk.update({ settings: { ...desk.getState().settings, holdMs: 900 } });
    expect(fake.calls('globalShortcut.register')).toHaveLength(registrations);

    desk.update({ settings: { ...desk.getState().settings, hotkey: '' } });
    expect(binding.registered()).toBeNull();
    expect([...fake.shortcuts.keys()]).toEqual([]);
    expect(desk.getState().hotkey).toMatchObject({ registered: false, error: null });
  });

  it('a press tells the desk and does nothing else', () => {
    const fake = createFakeElectron();
    const desk = withHotkey('CommandOrControl+Alt+Shift+P');
    bindHotkey(fake.api.globalShortcut, desk);
    const logged = fake.log.length;
    fake.pressShortcut('CommandOrControl+Alt+Shift+P');
    expect(desk.hotkeyPresses).toBe(1);
    expect(desk.triggers).toEqual([{ siteId: SITE.id, source: 'hotkey' }]);
    expect(fake.log.slice(logged)).toEqual([]);
  });

  it('releases the key on dispose', () => {
    const fake = createFakeElectron();
    const binding = bindHotkey(fake.api.globalShortcut, withHotkey('Alt+F9'));
    binding.dispose();
    expect([...fake.shortcuts.keys()]).toEqual([]);
  });

  it('a held key is one press: auto-repeat is folded until the key has been quiet 1.5 s (issue 20)', () => {
    const fake = createFakeElectron();
    const desk = withHotkey('CommandOrControl+Alt+Shift+P');
    let now = 0;
    bindHotkey(fake.api.globalShortcut, desk, { monotonic: () => now });
    const press = () => fake.pressShortcut('CommandOrControl+Alt+Shift+P');
    // Held for a minute: the OS repeats the key about 30 times a second.
    for (; now <= 60_000; now += 33) press();
    expect(desk.hotkeyPresses).toBe(1);
    // Released; pressed again after 1.5 s of quiet: a new press.
    now += 1500;
    press();
    expect(desk.hotkeyPresses).toBe(2);
    // Distinct presses 2 s apart are each delivered; one 1 s later is still the same press.
    now += 2000;
    press();
    now += 2000;
    press();
    now += 1000;
    press();
    expect(desk.hotkeyPresses).toBe(4);
    expect(desk.triggers).toHaveLength(4);
  });
});

describe('QuietGap (core/held-key.ts)', () => {
  it('counts an activation as a new press only after the quiet gap, measured from the last activation', () => {
    let now = 1000;
    const gap = new QuietGap(() => now);
    const seen: boolean[] = [];
    for (const step of [0, 500, 500, 1499, HOTKEY_QUIET_MS, 10, HOTKEY_QUIET_MS - 1, HOTKEY_QUIET_MS]) {
      now += step;
      seen.push(gap.activation());
    }
    expect(seen).toEqual([true, false, false, false, true, false, false, true]);
  });
});
