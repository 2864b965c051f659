import type { DeskState } from '@shared/model/desk-state';
import type { Press } from '@shared/model/press';
import { isTrouble, PHASE_WORDS, phoneNow } from '@shared/press-phase';
import { STAGE_LABELS } from '@shared/stages';
import { useDesk } from '../../store';
import { formatAgo } from '../../ui/time';
import { useNow } from '../../ui/useNow';
import { needsChoice, PressChoices, useElsewhere } from '../panic/PressChoices';
import { attentionItems, type AttentionItem } from './attention';

/** A press nothing sends by itself keeps its choices here too: its site may not be on the desk. */
function Choices({ press }: { press: Press }) {
  const elsewhere = useElsewhere(press.id);
  return needsChoice(press, elsewhere) ? <PressChoices press={press} elsewhere={elsewhere} /> : null;
}

function Item({ item, now, phone }: { item: AttentionItem; now: number; phone: string }) {
  const focusSite = useDesk((s) => s.focusSite);
  const phase = item.kind === 'unsent' ? item.press.phase : null;
  const trouble = phase !== null && isTrouble(phase);
  const at = item.kind === 'unsent' ? item.press.pressedAt : item.callout.pressedAt;
  const label = item.kind === 'unsent' ? PHASE_WORDS[item.press.phase] : STAGE_LABELS[item.callout.stage];
  const cls =
    item.kind === 'unsent'
      ? trouble
        ? 'attention-not-sent'
        : 'attention-sending'
      : `attention-callout attention-${item.callout.stage}`;
  const attempts = item.kind === 'unsent' ? item.press.attempts : 0;
  return (
    <li className={`attention-item ${cls}`}>
      <a
        href={`#site-${item.siteId}`}
        className="attention-link"
        onClick={(e) => {
          e.preventDefault();
          focusSite(item.siteId);
        }}
      >
        <span className="attention-label">{label}</span>
        <span className="attention-site">{item.siteName}</span>
        <span className="attention-facts">
          {formatAgo(now - at)} ago
          {trouble && ` · ${phoneNow(phone)}`}
          {item.kind === 'unsent' && ` · ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}`}
        </span>
      </a>
      {item.kind === 'unsent' && <Choices press={item.press} />}
    </li>
  );
}

/**
 * Fixed at the top of the desk whatever the scroll and the filter: every press not yet sent and
 * every callout underway, each a link to its card. Not a live region: each card announces its own
 * news, and the ticking times here would only repeat.
 */
export function AttentionStrip({ desk }: { desk: DeskState }) {
  const now = useNow(1000);
  const items = attentionItems(desk);
  if (items.length === 0) return null;
  return (
    <nav className="attention-strip" aria-label="Needs attention">
      <ul>
        {items.map((item) => (
          <Item
            key={item.kind === 'unsent' ? `p-${item.press.id}` : `c-${item.callout.id}`}
            item={item}
            now={now}
            phone={desk.settings.controlRoomPhone}
          />
        ))}
      </ul>
    </nav>
  );
}
