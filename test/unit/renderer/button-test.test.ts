// "Test your button" (issue 24): what the window makes of a physical button's keydown. It names
// the combination whatever the rules say of it (so an unusable key is shown, then refused), waits
// through a lone modifier, and names the site the key would raise.
import { describe, expect, it } from 'vitest';
import {
  acceleratorOf,
  isModifierKey,
  refusalOf,
  type KeyLike,
} from '../../../renderer/src/features/settings/accelerator';

const key = (patch: Partial<KeyLike>): KeyLike => ({
  key: '',
  code: '',
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...patch,
});

describe('acceleratorOf (the button test)', () => {
  it.each([
    [key({ key: 'F13', code: 'F13' }), false, 'F13'],
    [key({ key: 'F24', code: 'F24', shiftKey: true }), false, 'Shift+F24'],
    [key({ key: 'F9', code: 'F9', ctrlKey: true, altKey: true }), false, 'CommandOrControl+Alt+F9'],
    [key({ key: 'F9', code: 'F9', metaKey: true, altKey: true }), true, 'CommandOrControl+Alt+F9'],
    [key({ key: '!', code: 'Digit1', ctrlKey: true, shiftKey: true }), false, 'CommandOrControl+Shift+1'],
    [key({ key: 'F5', code: 'F5' }), false, 'F5'],
  ])('names %j (mac %s) as %s', (event, mac, accelerator) => {
    expect(acceleratorOf(event, mac)).toBe(accelerator);
  });

  it('waits through a lone modifier and cannot name an unknown key', () => {
    expect(isModifierKey('Control')).toBe(true);
    expect(isModifierKey('F13')).toBe(false);
    expect(acceleratorOf(key({ key: 'Control', code: 'ControlLeft', ctrlKey: true }), false)).toBeNull();
    expect(acceleratorOf(key({ key: 'Unidentified', code: '' }), false)).toBeNull();
  });

  it('a key typing could set off is shown and refused', () => {
    expect(refusalOf('F5', false)).toMatch(/^F5 cannot be the panic hotkey: .*Control, Command, Alt or Super/);
    expect(refusalOf('F13', false)).toBeNull();
  });
});
