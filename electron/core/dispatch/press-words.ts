// The plain words a press's journey is told in: the event AURA gets for a second press, and the
// line the press's card shows once AURA has it. Local time, as the operator's wall clock shows it.
import type { Press } from '../../shared/model/press';

const pad = (n: number): string => String(n).padStart(2, '0');

export function clockTime(ms: number, seconds = true): string {
  const d = new Date(ms);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return seconds ? `${hm}:${pad(d.getSeconds())}` : hm;
}

/** The callout event for a press on a callout the desk already follows. */
export function pressedAgainMessage(press: Press, deskName: string): string {
  return `Panic pressed again at ${clockTime(press.pressedAt)} — ${deskName}`;
}

export function addedToCalloutWords(calloutId: string, openSince: number | null, closed: boolean): string {
  const since = openSince === null ? '' : ` since ${clockTime(openSince, false)}`;
  return `AURA added this press to callout ${calloutId}, ${closed ? 'closed' : 'still open'}${since}`;
}

export const MAY_HOLD_TWO = 'AURA may hold two callouts for this press';

/** A press in the audit log, by where it came from. */
export const PRESS_SOURCE_WORDS: Record<Press['source'], string> = {
  button: 'Panic button',
  hotkey: 'Silent panic (hotkey)',
  tray: 'Panic from the tray menu',
};
