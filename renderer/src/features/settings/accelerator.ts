// Turns a key press into an Electron accelerator string ("CommandOrControl+Alt+Shift+P"), the form
// main registers the global hotkey with. A global hotkey needs a modifier, or it would steal a
// plain key from every other program; which keys and combinations are allowed is main's rule
// (electron/shared/accelerator.ts), asked here rather than written again.
import { checkAccelerator, isReservedShortcut, typingSafe } from '@shared/accelerator';

const MODIFIER_KEYS = new Set(['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'OS', 'Hyper', 'Super']);

/** Keys by their physical code, so that the layout and the Shift state do not change the name. */
function keyName(code: string, key: string): string | null {
  const letter = /^Key([A-Z])$/.exec(code)?.[1];
  if (letter) return letter;
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code)?.[1];
  if (digit) return code.startsWith('Numpad') ? `num${digit}` : digit;
  if (/^F([1-9]|1\d|2[0-4])$/.test(code)) return code;
  const named: Record<string, string> = {
    Space: 'Space',
    Enter: 'Return',
    NumpadEnter: 'Enter',
    Tab: 'Tab',
    Backspace: 'Backspace',
    Delete: 'Delete',
    Insert: 'Insert',
    Home: 'Home',
    End: 'End',
    PageUp: 'PageUp',
    PageDown: 'PageDown',
    ArrowUp: 'Up',
    ArrowDown: 'Down',
    ArrowLeft: 'Left',
    ArrowRight: 'Right',
    Minus: '-',
    Equal: '=',
    BracketLeft: '[',
    BracketRight: ']',
    Backslash: '\\',
    Semicolon: ';',
    Quote: "'",
    Comma: ',',
    Period: '.',
    Slash: '/',
    Backquote: '`',
    PrintScreen: 'PrintScreen',
  };
  if (named[code]) return named[code];
  return key.length === 1 && /[!-~]/.test(key) ? key.toUpperCase() : null;
}

export type Recorded =
  { kind: 'accelerator'; accelerator: string } | { kind: 'incomplete'; message: string } | { kind: 'cancel' };

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/** Plain Tab (Shift allowed): a key recorder lets it through, so the keyboard can still leave it. */
export function isTabAway(e: Pick<KeyLike, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>): boolean {
  return e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey;
}

/** A keydown of a modifier alone: the combination is still being pressed. */
export function isModifierKey(key: string): boolean {
  return MODIFIER_KEYS.has(key);
}

/** A keydown's modifiers as Electron names them, in Electron's order. */
function modifiersOf(e: KeyLike, mac: boolean): string[] {
  // CommandOrControl is Cmd on a Mac and Ctrl elsewhere; the other of the two keeps its own name.
  return [
    (mac ? e.metaKey : e.ctrlKey) ? 'CommandOrControl' : null,
    (mac ? e.ctrlKey : e.metaKey) ? (mac ? 'Control' : 'Super') : null,
    e.altKey ? 'Alt' : null,
    e.shiftKey ? 'Shift' : null,
  ].filter((m): m is string => m !== null);
}

/**
 * The combination a keydown is, as Electron would name it, whatever the rules say of it (for
 * "Test your button", which shows what a physical button sends); null for a lone modifier or a
 * key Electron cannot name.
 */
export function acceleratorOf(e: KeyLike, mac = isMac()): string | null {
  if (MODIFIER_KEYS.has(e.key)) return null;
  const name = keyName(e.code, e.key);
  if (!name) return null;
  const mods = modifiersOf(e, mac);
  return [...mods, name].join('+');
}

/** What one keydown means while recording: a finished combination, not yet, or Escape (stop). */
export function recordKey(e: KeyLike, mac = isMac()): Recorded {
  const mods = modifiersOf(e, mac);
  if (e.key === 'Escape' && mods.length === 0) return { kind: 'cancel' };
  if (MODIFIER_KEYS.has(e.key)) return { kind: 'incomplete', message: `${mods.join('+')}+…` };
  const name = keyName(e.code, e.key);
  if (!name) return { kind: 'incomplete', message: `That key cannot be used (${e.key}). Try a letter or F-key.` };
  // Main's own rule (electron/shared/accelerator.ts), asked early to say "hold a modifier" as a hint.
  if (!typingSafe(mods, name)) {
    return { kind: 'incomplete', message: 'Hold Ctrl or Alt (and Shift if you like) with the key.' };
  }
  return { kind: 'accelerator', accelerator: [...mods, name].join('+') };
}

/** A keydown judged as main will judge it: a recorded combination main accepts, a hint, or a refusal. */
export type Verdict = Recorded | { kind: 'refused'; message: string };

export function hotkeyVerdict(e: KeyLike, mac = isMac()): Verdict {
  const recorded = recordKey(e, mac);
  if (recorded.kind !== 'accelerator') return recorded;
  const message = refusalOf(recorded.accelerator, mac);
  return message === null ? recorded : { kind: 'refused', message };
}

/** Why main would refuse this accelerator, in the recorder's words; null when it accepts it. */
export function refusalOf(accelerator: string, mac = isMac()): string | null {
  const check = checkAccelerator(accelerator);
  if (check.ok) return null;
  const keys = describeAccelerator(accelerator, mac);
  if (isReservedShortcut(accelerator)) {
    return `${keys} cannot be the panic hotkey: the system or other programs need it (copy, paste, close…). Try another combination, e.g. Ctrl + Alt + Shift + P.`;
  }
  return `${keys} cannot be the panic hotkey: ${check.error}.`;
}

/** The accelerator as the operator reads it on this computer. */
export function describeAccelerator(accelerator: string, mac = isMac()): string {
  if (!accelerator) return 'Off';
  const words: Record<string, string> = {
    CommandOrControl: mac ? 'Cmd' : 'Ctrl',
    CmdOrCtrl: mac ? 'Cmd' : 'Ctrl',
    Control: 'Ctrl',
    Return: 'Enter',
  };
  return accelerator
    .split('+')
    .map((part) => words[part] ?? part)
    .join(' + ');
}

function isMac(): boolean {
  return typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);
}
