// Each setting's name as a person reads it: the audit log writes these ("Settings changed:
// control-room phone number"), and the CSV export turns older camelCase entries into them.
import type { Settings } from './model/settings';

export const SETTING_WORDS: Record<keyof Settings, string> = {
  holdMs: 'hold time',
  hotkey: 'silent hotkey',
  hotkeySiteId: 'hotkey site',
  startAtLogin: 'start at login',
  notifications: 'notifications',
  controlRoomPhone: 'control-room phone number',
  deskName: 'desk name',
  shownSiteIds: 'sites shown',
  deskLayout: 'desk layout',
  compactFrom: 'compact layout from',
  stalePressMinutes: 'stale press limit',
  quickMessages: 'quick messages',
  siteHotkeys: 'site keys',
};

/** The readable name of a setting key, or the key itself when it is not a setting. */
export function settingWords(key: string): string {
  return (SETTING_WORDS as Record<string, string | undefined>)[key] ?? key;
}
