// Validation of the silent hotkey's accelerator, shared by main (before globalShortcut), core
// (settings.update refuses what main would refuse) and the renderer's recorder. Pure: no Electron. Beyond Electron's grammar, a panic hotkey must be hard to press by accident: it
// needs a modifier other than Shift (Shift+P is typing a capital P), except the F13–F24 keys that
// no keyboard types with and that USB panic buttons often send, and it may not take over the
// shortcuts every operator relies on (copy, paste, close, switch window...).

export type AcceleratorCheck = { ok: true; accelerator: string } | { ok: false; error: string };

/** Modifier spellings Electron accepts, mapped to the one we write back. */
const MODIFIERS: Record<string, string> = {
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  commandorcontrol: 'CommandOrControl',
  cmdorctrl: 'CommandOrControl',
  alt: 'Alt',
  option: 'Alt',
  altgr: 'AltGr',
  shift: 'Shift',
  super: 'Super',
  meta: 'Meta',
};

/** Modifiers that make one family: a combination may hold only one of each family. */
const FAMILY: Record<string, string> = {
  Command: 'command',
  Control: 'control',
  CommandOrControl: 'command',
  Alt: 'alt',
  AltGr: 'altgr',
  Shift: 'shift',
  Super: 'super',
  Meta: 'super',
};

const NAMED_KEYS = [
  'Plus',
  'Space',
  'Tab',
  'Capslock',
  'Numlock',
  'Scrolllock',
  'Backspace',
  'Delete',
  'Insert',
  'Return',
  'Enter',
  'Up',
  'Down',
  'Left',
  'Right',
  'Home',
  'End',
  'PageUp',
  'PageDown',
  'Escape',
  'Esc',
  'VolumeUp',
  'VolumeDown',
  'VolumeMute',
  'MediaNextTrack',
  'MediaPreviousTrack',
  'MediaStop',
  'MediaPlayPause',
  'PrintScreen',
  'num0',
  'num1',
  'num2',
  'num3',
  'num4',
  'num5',
  'num6',
  'num7',
  'num8',
  'num9',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
];
const KEYS = new Map<string, string>(NAMED_KEYS.map((k) => [k.toLowerCase(), k]));
for (let i = 1; i <= 24; i++) KEYS.set(`f${i}`, `F${i}`);
const PUNCTUATION = ')!@#$%^&*(:;=<,_->.?/~`{][|\\}\'"';

/**
 * Combinations the operating system or the operator's other work needs; a panic hotkey must never
 * swallow them (nor be set off by someone copying, pasting, undoing, closing or switching windows).
 * Written with CommandOrControl where Ctrl on Windows/Linux and Cmd on a Mac do the same job;
 * a Control+… or Command+… spelling of the same combination is refused too.
 */
export const RESERVED_SHORTCUTS: readonly string[] = [
  // Editing, everywhere
  'CommandOrControl+C',
  'CommandOrControl+V',
  'CommandOrControl+X',
  'CommandOrControl+Z',
  'CommandOrControl+Y',
  'CommandOrControl+Shift+Z',
  'CommandOrControl+A',
  'CommandOrControl+S',
  'CommandOrControl+P',
  'CommandOrControl+F',
  'CommandOrControl+N',
  'CommandOrControl+O',
  'CommandOrControl+T',
  'CommandOrControl+R',
  'CommandOrControl+Insert',
  'Shift+Insert',
  'Shift+Delete',
  // Closing and switching
  'CommandOrControl+W',
  'CommandOrControl+Q',
  'CommandOrControl+Tab',
  'CommandOrControl+Shift+Tab',
  'CommandOrControl+F4',
  'Alt+Tab',
  'Alt+Shift+Tab',
  'Alt+F4',
  'Alt+Space',
  'Alt+Escape',
  'Command+Space',
  'Command+Alt+Escape',
  'Command+H',
  'Command+M',
  // The operating system's own
  'Control+Alt+Delete',
  'Control+Shift+Escape',
  'Control+Escape',
  'Super+L',
  'Super+D',
  'Super+E',
  'Super+R',
  'Super+Tab',
  'Control+Command+Q',
  'PrintScreen',
];

/** Every spelling a reserved combination can take: CommandOrControl stands for both Control and Command. */
function spellings(accelerator: string): string[] {
  const parts = accelerator.split('+');
  const key = parts.pop() ?? '';
  const same: Record<string, string> = { Control: 'CommandOrControl', Command: 'CommandOrControl', Meta: 'Super' };
  const mods = parts.map((m) => same[m] ?? m).sort();
  return [[...mods, key].join('+')];
}

const RESERVED = new Set(RESERVED_SHORTCUTS.flatMap(spellings));

/** Whether an accelerator (canonical spelling) is one the system or other programs need. */
export function isReservedShortcut(accelerator: string): boolean {
  return spellings(accelerator).some((s) => RESERVED.has(s));
}

/**
 * Whether typing can never set the combination off: it holds a modifier other than Shift, or its
 * key is one of F13–F24. The recorder asks this too, so that both sides give the same verdict.
 */
export function typingSafe(modifiers: readonly string[], key: string): boolean {
  return /^F(1[3-9]|2[0-4])$/.test(key) || modifiers.some((m) => m !== 'Shift');
}

function normaliseKey(token: string): string | null {
  if (/^[a-z0-9]$/i.test(token)) return token.toUpperCase();
  if (token.length === 1 && PUNCTUATION.includes(token)) return token;
  return KEYS.get(token.toLowerCase()) ?? null;
}

/** Checks an accelerator and returns it in canonical spelling, or the reason it cannot be used. */
export function checkAccelerator(input: string): AcceleratorCheck {
  const text = input.trim();
  if (!text) return { ok: false, error: 'The hotkey is empty' };
  if (text.length > 100) return { ok: false, error: 'The hotkey is too long' };
  // "+" separates parts; a literal plus key is spelled "Plus".
  const parts = text.split('+').map((p) => p.trim());
  if (parts.some((p) => p === '')) return { ok: false, error: 'Write the plus key as "Plus", e.g. Control+Alt+Plus' };

  const modifiers: string[] = [];
  const families = new Set<string>();
  let key: string | null = null;
  for (const part of parts) {
    const modifier = MODIFIERS[part.toLowerCase()];
    if (modifier) {
      if (key !== null) return { ok: false, error: `Modifiers come before the key ("${part}" follows it)` };
      const family = FAMILY[modifier] ?? modifier;
      const clashes =
        families.has(family) ||
        (modifier === 'CommandOrControl' && families.has('control')) ||
        (modifier === 'Control' && modifiers.includes('CommandOrControl'));
      if (clashes) return { ok: false, error: `"${part}" is repeated` };
      families.add(family);
      modifiers.push(modifier);
      continue;
    }
    if (key !== null) return { ok: false, error: 'A hotkey has exactly one key besides its modifiers' };
    key = normaliseKey(part);
    if (key === null) return { ok: false, error: `"${part}" is not a key Electron knows` };
  }
  if (key === null) return { ok: false, error: 'The hotkey needs a key besides its modifiers' };

  const accelerator = [...modifiers, key].join('+');
  if (!typingSafe(modifiers, key)) {
    return {
      ok: false,
      error: 'The hotkey needs Control, Command, Alt or Super (or one of F13–F24), so that typing never sets it off',
    };
  }
  if (isReservedShortcut(accelerator)) {
    return {
      ok: false,
      error: `${accelerator} is a shortcut the system or other programs need; choose another`,
    };
  }
  return { ok: true, accelerator };
}
