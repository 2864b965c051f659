// The desk's settings (hold time, hotkey, phone number, layout, stale-press limit) and the rules a
// saved or typed value must meet. Zod first, types derived: settings come from the store and the page.
import { z } from 'zod';

/** More sites than any desk shows; a bound so that no payload can grow the settings file without end. */
export const MAX_SHOWN_SITES = 2000;

/**
 * A phone number a guard can dial: E.164 ("+27115550199") or a local format with digits, spaces,
 * +, -, parentheses and dots, with 3 to 20 digits in all. Anything else ("call Bob") is refused.
 */
export const PhoneNumberSchema = z
  .string()
  .trim()
  .max(40, 'The phone number is too long (40 characters at most)')
  .refine((v) => /^\+?[0-9 ()\-.]+$/.test(v), 'Use digits, spaces, +, - and parentheses only, e.g. +27 11 555 0199')
  .refine((v) => /^\+?[^+]*$/.test(v), 'A + may only come first')
  .refine((v) => {
    const digits = v.replace(/\D/g, '').length;
    return digits >= 3 && digits <= 20;
  }, 'A phone number has 3 to 20 digits');
/** The control room's number as the operator may save it: a phone number, or empty (not set yet). */
export const ControlRoomPhoneSchema = z.union([z.literal(''), PhoneNumberSchema]);

/** How the desk lays out its cards: compact fits many sites above the fold; auto switches at `compactFrom`. */
export const DESK_LAYOUTS = ['auto', 'compact', 'normal'] as const;
export const DeskLayoutSchema = z.enum(DESK_LAYOUTS);
export type DeskLayout = z.infer<typeof DeskLayoutSchema>;
export const CompactFromSchema = z.number().int().min(2).max(1000);

/** How long an unsent press may keep retrying before it asks the operator (minutes). */
export const StalePressMinutesSchema = z.number().int().min(1).max(1440);

/** One-tap messages to the control room on a callout (issue 23 item 11); policy key `quickMessages`. */
export const QuickMessagesSchema = z.array(z.string().trim().min(1).max(100)).max(8);
export const DEFAULT_QUICK_MESSAGES = ['Weapon seen', 'Medical help needed', 'I am safe now', 'Suspect has left'];

/** Most site keys a desk holds: more than any guardhouse has pedals, a bound for the settings file. */
export const MAX_SITE_HOTKEYS = 100;

/**
 * A key per site (issue 24): a site's external reference id to the accelerator of its own physical
 * button. The accelerator rules (typing-safe, not reserved, no clash) are shared/site-keys.ts's.
 */
export const SiteHotkeysSchema = z
  .record(z.string().min(1).max(200), z.string().max(100))
  .refine((keys) => Object.keys(keys).length <= MAX_SITE_HOTKEYS, `At most ${MAX_SITE_HOTKEYS} site keys`);

export const SettingsSchema = z.object({
  /** How long the panic button must be held, 0 to 5 s. */
  holdMs: z.number().int().min(0).max(5000),
  /** Electron accelerator of the silent global hotkey; empty turns it off. */
  hotkey: z.string().max(100),
  /** The site the hotkey raises a callout for. */
  hotkeySiteId: z.string().max(200).nullable(),
  startAtLogin: z.boolean(),
  notifications: z.boolean(),
  /** Shown on every NOT SENT state: the fallback when AURA cannot be reached. */
  controlRoomPhone: z.string().max(40),
  /** Recorded in the audit log with every entry. */
  deskName: z.string().max(80),
  /** The sites this desk shows, in order; null shows every Fixed Location in AURA's order. */
  shownSiteIds: z.array(z.string().max(200)).max(MAX_SHOWN_SITES).nullable(),
  /** Card layout of the desk (defaults so that settings saved before it existed still load). */
  deskLayout: DeskLayoutSchema.default('auto'),
  /** With layout "auto": the number of shown sites from which the desk goes compact. */
  compactFrom: CompactFromSchema.default(10),
  /** A press not confirmed sent within this many minutes stops retrying and asks the operator. */
  stalePressMinutes: StalePressMinutesSchema.default(10),
  /** The callout's quick messages, in order (defaults so that older settings files still load). */
  quickMessages: QuickMessagesSchema.default(DEFAULT_QUICK_MESSAGES),
  /** Each site's own silent key (physical buttons); none by default, so older settings still load. */
  siteHotkeys: SiteHotkeysSchema.default({}),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  holdMs: 1500,
  hotkey: 'CommandOrControl+Alt+Shift+P',
  hotkeySiteId: null,
  startAtLogin: true,
  notifications: true,
  controlRoomPhone: '',
  deskName: '',
  shownSiteIds: null,
  deskLayout: 'auto',
  compactFrom: 10,
  stalePressMinutes: 10,
  quickMessages: DEFAULT_QUICK_MESSAGES,
  siteHotkeys: {},
};
