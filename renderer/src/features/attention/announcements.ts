// What the desk's one assertive region says (issue 23 item 8): each press's trouble once, when it
// starts, and again only when its phase really changes (NOT CONFIRMED → refused, → still
// needed…), never on each retry; always with the site and the number to phone.
import type { DeskState } from '@shared/model/desk-state';
import { isTrouble, phoneNow, type PressPhase } from '@shared/press-phase';
import { attentionItems } from './attention';

export interface News {
  /** The press and its phase: the same key is never said twice. */
  key: string;
  text: string;
}

function words(phase: PressPhase, site: string, phone: string): string {
  const call = phoneNow(phone);
  const Call = call.charAt(0).toUpperCase() + call.slice(1);
  switch (phase) {
    case 'notConfirmed':
      return `NOT CONFIRMED: AURA has not confirmed the panic for ${site}. ${Call}.`;
    case 'refused':
      return `NOT SENT: AURA refused the panic for ${site}. ${Call}.`;
    case 'stillNeeded':
      return `Still needed? The panic for ${site} was not confirmed in time. ${Call}.`;
    default:
      return `NOT SENT: the panic for ${site} has not reached AURA. ${Call}.`;
  }
}

/** Every press in trouble now, oldest first, with what to say about it. */
export function troubleNews(desk: DeskState): News[] {
  return attentionItems(desk).flatMap((item) =>
    item.kind === 'unsent' && isTrouble(item.press.phase)
      ? [
          {
            key: `${item.press.id}:${item.press.phase}`,
            text: words(item.press.phase, item.siteName, desk.settings.controlRoomPhone),
          },
        ]
      : [],
  );
}
