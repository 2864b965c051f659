// What needs the operator's attention, wherever it is on the desk: every press not yet delivered
// to AURA and every callout still underway (cancelled and closed ones are over). One list feeds
// the attention strip, the Desk tab's count and the readiness bar, so they never disagree.
import type { Callout } from '@shared/model/callout';
import type { PressView } from '@shared/model/press';
import type { DeskState } from '@shared/model/desk-state';

export type AttentionItem =
  | { kind: 'unsent'; siteId: string; siteName: string; press: PressView }
  | { kind: 'callout'; siteId: string; siteName: string; callout: Callout };

/** A press the operator must still know about: not delivered, not acknowledged. */
export function isUnsent(press: PressView): boolean {
  return press.phase !== 'sent' && !press.dismissed;
}

/** A callout still underway at AURA: cancelled ones wait only for AURA to close them. */
export function isActive(callout: Callout): boolean {
  return callout.stage !== 'closed' && callout.stage !== 'cancelled';
}

/** Unsent presses first (oldest first: the longest wait is the worst), then active callouts, oldest first. */
export function attentionItems(desk: DeskState): AttentionItem[] {
  const names = new Map(desk.allSites.map((s) => [s.id, s.name]));
  for (const s of desk.sites) names.set(s.id, s.name);
  const nameOf = (id: string): string => names.get(id) ?? id;
  const unsent: AttentionItem[] = desk.presses
    .filter(isUnsent)
    .sort((a, b) => a.pressedAt - b.pressedAt)
    .map((press) => ({ kind: 'unsent', siteId: press.siteId, siteName: nameOf(press.siteId), press }));
  const callouts: AttentionItem[] = desk.callouts
    .filter(isActive)
    .sort((a, b) => a.pressedAt - b.pressedAt)
    .map((callout) => ({ kind: 'callout', siteId: callout.siteId, siteName: nameOf(callout.siteId), callout }));
  return [...unsent, ...callouts];
}

export interface AttentionCounts {
  sending: number;
  notConfirmed: number;
  /** NOT SENT, refused, or waiting for the operator's "Still needed?" choice. */
  notSent: number;
  active: number;
}

/** The Desk tab's and the header's counts, by the presses' one phase. */
export function attentionCounts(desk: DeskState): AttentionCounts {
  const unsent = desk.presses.filter(isUnsent);
  const count = (...phases: PressView['phase'][]): number => unsent.filter((p) => phases.includes(p.phase)).length;
  return {
    sending: count('sending'),
    notConfirmed: count('notConfirmed'),
    notSent: count('notSent', 'refused', 'stillNeeded'),
    active: desk.callouts.filter(isActive).length,
  };
}
