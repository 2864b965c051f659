// The Settings form's draft: the saved settings as the operator edits them (numbers as typed), and
// the one check that turns a draft into the patch `settings.update` takes, or says what is wrong.
import type { CommandInput } from '@shared/contract';
import type { z } from 'zod';
import { CompactFromSchema, StalePressMinutesSchema, type Settings } from '@shared/model/settings';
import { parseHoldSeconds } from './holdTime';

export type Draft = Pick<Settings, 'hotkey' | 'hotkeySiteId' | 'startAtLogin' | 'notifications' | 'deskLayout'> & {
  holdSeconds: string;
  compactFrom: string;
  staleMinutes: string;
};

export function draftOf(s: Settings): Draft {
  return {
    holdSeconds: String(s.holdMs / 1000),
    hotkey: s.hotkey,
    hotkeySiteId: s.hotkeySiteId,
    startAtLogin: s.startAtLogin,
    notifications: s.notifications,
    deskLayout: s.deskLayout,
    compactFrom: String(s.compactFrom),
    staleMinutes: String(s.stalePressMinutes),
  };
}

/** A whole number as typed, within the bounds of the contract's `schema`, or null. */
function parseWholeNumber(text: string, schema: z.ZodType<number>): number | null {
  const trimmed = text.trim();
  const parsed = schema.safeParse(Number(trimmed));
  return /^\d+$/.test(trimmed) && parsed.success ? parsed.data : null;
}

/** Whole minutes within the contract's bounds (StalePressMinutesSchema), or null. */
export function parseStaleMinutes(text: string): number | null {
  return parseWholeNumber(text, StalePressMinutesSchema);
}

/** What each typed number's field says when it is refused (undefined: fine). */
export interface DraftErrors {
  hold: string | undefined;
  stale: string | undefined;
  compactFrom: string | undefined;
}

/** The draft as `settings.update`'s patch, or null with the errors to show beside the fields. */
export function checkDraft(draft: Draft): { patch: CommandInput<'settings.update'> | null; errors: DraftErrors } {
  const hold = parseHoldSeconds(draft.holdSeconds);
  const compactFrom = parseWholeNumber(draft.compactFrom, CompactFromSchema);
  const compactOk = compactFrom !== null;
  const stale = parseStaleMinutes(draft.staleMinutes);
  const errors: DraftErrors = {
    hold: hold.ok ? undefined : hold.error,
    stale: stale === null ? 'Enter a whole number of minutes from 1 to 1440' : undefined,
    compactFrom: compactOk ? undefined : 'Enter a whole number of sites from 2 to 1000',
  };
  if (!hold.ok || stale === null || !compactOk) return { patch: null, errors };
  const patch = {
    holdMs: hold.ms,
    stalePressMinutes: stale,
    deskLayout: draft.deskLayout,
    ...(draft.deskLayout === 'auto' ? { compactFrom } : {}),
    hotkey: draft.hotkey,
    hotkeySiteId: draft.hotkeySiteId,
    startAtLogin: draft.startAtLogin,
    notifications: draft.notifications,
  };
  return { patch, errors };
}
