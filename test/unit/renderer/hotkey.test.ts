// The hotkey rule on both sides (issue 13 item 4): one table of key presses goes through the
// renderer's recorder (recordKey + hotkeyVerdict) and, as the accelerator it would save, through
// main's check (electron/main/accelerator.ts, used by hotkey.ts before globalShortcut). Both must
// give the same verdict, and the recorder must know main's reserved shortcuts.
import { describe, expect, it } from 'vitest';
import { checkAccelerator as mainCheck } from '../../../electron/main/accelerator';
import { RESERVED_SHORTCUTS } from '../../../electron/shared/accelerator';
import {
  describeAccelerator,
  hotkeyVerdict,
  recordKey,
  refusalOf,
  type KeyLike,
} from '../../../renderer/src/features/settings/accelerator';

type Mods = { ctrl?: boolean; alt?: boolean; shift?: boolean; meta?: boolean };
const press = (code: string, key: string, mods: Mods = {}): KeyLike => ({
  code,
  key,
  ctrlKey: !!mods.ctrl,
  altKey: !!mods.alt,
  shiftKey: !!mods.shift,
  metaKey: !!mods.meta,
});

/** A key press, the accelerator it spells, and whether main accepts it. */
const TABLE: Array<[string, KeyLike, string, boolean]> = [
  ['Shift+F5', press('F5', 'F5', { shift: true }), 'Shift+F5', false],
  ['bare F13', press('F13', 'F13'), 'F13', true],
  ['bare F24', press('F24', 'F24'), 'F24', true],
  ['Shift+F13', press('F13', 'F13', { shift: true }), 'Shift+F13', true],
  ['bare F12', press('F12', 'F12'), 'F12', false],
  ['bare K', press('KeyK', 'k'), 'K', false],
  ['Shift+K', press('KeyK', 'K', { shift: true }), 'Shift+K', false],
  ['Ctrl+Alt+K', press('KeyK', 'k', { ctrl: true, alt: true }), 'CommandOrControl+Alt+K', true],
  ['Alt+K', press('KeyK', 'k', { alt: true }), 'Alt+K', true],
  [
    'Ctrl+Alt+Shift+P',
    press('KeyP', 'P', { ctrl: true, alt: true, shift: true }),
    'CommandOrControl+Alt+Shift+P',
    true,
  ],
  ['Ctrl+C (copy)', press('KeyC', 'c', { ctrl: true }), 'CommandOrControl+C', false],
  ['Ctrl+Alt+Delete', press('Delete', 'Delete', { ctrl: true, alt: true }), 'CommandOrControl+Alt+Delete', false],
  ['Alt+F4', press('F4', 'F4', { alt: true }), 'Alt+F4', false],
  ['Alt+Tab', press('Tab', 'Tab', { alt: true }), 'Alt+Tab', false],
  ['Win+L', press('KeyL', 'l', { meta: true }), 'Super+L', false],
  ['Shift+Insert', press('Insert', 'Insert', { shift: true }), 'Shift+Insert', false],
  ['Ctrl+Shift+Z (redo)', press('KeyZ', 'Z', { ctrl: true, shift: true }), 'CommandOrControl+Shift+Z', false],
  ['Ctrl+Numpad 5', press('Numpad5', '5', { ctrl: true }), 'CommandOrControl+num5', true],
  ['Ctrl+Alt+Enter', press('Enter', 'Enter', { ctrl: true, alt: true }), 'CommandOrControl+Alt+Return', true],
];

describe('the same hotkey verdict in the recorder and in main', () => {
  it.each(TABLE)('%s', (_name, key, accelerator, accepted) => {
    const recorded = recordKey(key, false);
    // Main's verdict on the accelerator the recorder spells for this press.
    expect(mainCheck(accelerator).ok).toBe(accepted);
    const verdict = hotkeyVerdict(key, false);
    if (accepted) {
      expect(recorded).toEqual({ kind: 'accelerator', accelerator });
      expect(verdict).toEqual({ kind: 'accelerator', accelerator });
    } else {
      // Refused in words (reserved, or no modifier besides Shift) or still waiting for a modifier.
      expect(['refused', 'incomplete']).toContain(verdict.kind);
      if (recorded.kind === 'accelerator') expect(recorded.accelerator).toBe(accelerator);
    }
  });

  it('knows every one of main reserved shortcuts, in its own words', () => {
    for (const reserved of RESERVED_SHORTCUTS) {
      expect(mainCheck(reserved).ok, reserved).toBe(false);
      expect(refusalOf(reserved, false), reserved).toMatch(/cannot be the panic hotkey: the system or other programs/);
    }
  });

  it('asks for a modifier, without refusing, while only Shift or nothing is held with an ordinary key', () => {
    expect(hotkeyVerdict(press('KeyK', 'k'), false)).toEqual({
      kind: 'incomplete',
      message: 'Hold Ctrl or Alt (and Shift if you like) with the key.',
    });
    expect(hotkeyVerdict(press('F5', 'F5', { shift: true }), false).kind).toBe('incomplete');
  });
});

describe('recordKey', () => {
  it('stops on a bare Escape; with a modifier, Escape is not a key it records', () => {
    expect(recordKey(press('Escape', 'Escape'), false)).toEqual({ kind: 'cancel' });
    expect(recordKey(press('Escape', 'Escape', { ctrl: true, alt: true }), false).kind).toBe('incomplete');
  });

  it('spells every key it names as main spells it (main reads it back unchanged)', () => {
    const codes = ['KeyA', 'KeyZ', 'Digit0', 'Digit9', 'Numpad0', 'Numpad9', 'F1', 'F12', 'F13', 'F24']
      .concat(['Space', 'Enter', 'NumpadEnter', 'Tab', 'Backspace', 'Delete', 'Insert', 'Home', 'End'])
      .concat(['PageUp', 'PageDown', 'ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Minus', 'Equal'])
      .concat(['BracketLeft', 'BracketRight', 'Backslash', 'Semicolon', 'Quote', 'Comma', 'Period', 'Slash'])
      .concat(['Backquote']);
    for (const code of codes) {
      const r = recordKey(press(code, 'x', { ctrl: true, alt: true, shift: true }), false);
      expect(r.kind, code).toBe('accelerator');
      if (r.kind !== 'accelerator') continue;
      const check = mainCheck(r.accelerator);
      // Main either accepts the very spelling or refuses it as reserved, never as an unknown key.
      if (check.ok) expect(check.accelerator, code).toBe(r.accelerator);
      else expect(check.error, code).toMatch(/system or other programs need/);
    }
  });

  it('waits while only modifiers are held, showing what is held so far', () => {
    expect(recordKey(press('ControlLeft', 'Control', { ctrl: true }), false)).toEqual({
      kind: 'incomplete',
      message: 'CommandOrControl+…',
    });
    expect(recordKey(press('AltLeft', 'Alt', { ctrl: true, alt: true, shift: true }), false)).toEqual({
      kind: 'incomplete',
      message: 'CommandOrControl+Alt+Shift+…',
    });
  });

  it('names keys by their physical code, whatever the layout or Shift makes of them', () => {
    // An AZERTY "a" sits where QWERTY has Q; Shift+1 types "!" but is Digit1.
    expect(recordKey(press('KeyQ', 'a', { ctrl: true, alt: true }), false)).toEqual({
      kind: 'accelerator',
      accelerator: 'CommandOrControl+Alt+Q',
    });
    expect(recordKey(press('Digit1', '!', { ctrl: true, shift: true }), false)).toEqual({
      kind: 'accelerator',
      accelerator: 'CommandOrControl+Shift+1',
    });
  });

  it('refuses a key it cannot name, in words', () => {
    const r = recordKey(press('IntlRo', 'Dead', { ctrl: true }), false);
    expect(r).toEqual({ kind: 'incomplete', message: 'That key cannot be used (Dead). Try a letter or F-key.' });
  });

  it('on a Mac, Cmd is CommandOrControl and Ctrl keeps its own name', () => {
    expect(recordKey(press('KeyK', 'k', { meta: true, ctrl: true }), true)).toEqual({
      kind: 'accelerator',
      accelerator: 'CommandOrControl+Control+K',
    });
    expect(recordKey(press('KeyK', 'k', { meta: true }), false)).toEqual({
      kind: 'accelerator',
      accelerator: 'Super+K',
    });
  });
});

describe('describeAccelerator', () => {
  it('reads as the operator presses it on this computer', () => {
    expect(describeAccelerator('CommandOrControl+Alt+Shift+P', false)).toBe('Ctrl + Alt + Shift + P');
    expect(describeAccelerator('CommandOrControl+Alt+Shift+P', true)).toBe('Cmd + Alt + Shift + P');
    expect(describeAccelerator('Control+Return', false)).toBe('Ctrl + Enter');
    expect(describeAccelerator('', false)).toBe('Off');
  });
});
