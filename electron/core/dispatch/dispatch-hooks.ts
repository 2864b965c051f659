// What the dispatcher is given: the outbox and AURA to send with, its tuning, and the hooks it
// calls back into the desk (`DispatchHooks`, implemented by the desk's press service). Kept apart
// from dispatcher.ts so the engine reads on its own.
import type { Press } from '../../shared/model/press';
import type { CalloutSnapshot, DispatchPort } from '../aura/port';
import type { Clock, Logger } from '../ports';
import type { PressBook } from './ledger';
import type { ListedCallouts } from './listed-callouts';

export type SentHow = 'raised' | 'adopted' | 'event';

/** What the dispatcher asks of the desk, and tells it, while it sends presses. */
export interface DispatchHooks {
  /** AURA's id of the site (to find its callout among the active ones); may sync sites to learn it. */
  auraIdOf(siteId: string): Promise<number | null>;
  /** True when the desk already follows this callout (another press raised it, or it was adopted). */
  follows(calloutId: string): boolean;
  /** The event text for a press AURA answered with a followed callout. */
  againMessage(press: Press): string;
  /** A press reached AURA; `callout` is AURA's latest view of it when the answer carried one. */
  onSent(press: Press, calloutId: string, callout: CalloutSnapshot | null, how: SentHow): void;
  onFailure(press: Press, error: unknown): void;
  /** The press passed the stale limit: retrying stopped until the operator chooses. */
  onStale(press: Press): void;
  /** A press not confirmed sent within this long stops retrying and asks the operator. */
  staleAfterMs(): number;
}

export interface DispatcherOptions extends DispatchHooks {
  outbox: PressBook;
  clock: Clock;
  /** The callouts the desk has seen in AURA's active lists (the poll cycle's); the dispatcher's own checks add to it. */
  listed?: ListedCallouts;
  /** Null while no AURA credentials are configured: presses wait, shown as NOT SENT. */
  api: DispatchPort | null;
  onContact(): void;
  /** Called after every change of a press, to publish state. */
  onChange(): void;
  /** Delays between attempts; the last repeats forever. Jitter of ±20 % is added. */
  delaysMs?: readonly number[];
  /**
   * After a timeout the request may still be on its way to AURA or being handled there. Looking
   * for its callout at once could miss it and raise a second one, so the next attempt waits at
   * least this long. Default 2 s: short next to the cost of a late panic.
   */
  settleAfterTimeoutMs?: number;
  random?: () => number;
  /** The diagnostics log: each attempt's decision in one line. */
  log?: Logger;
}
