// Turns what we learn about a callout (the press, AURA's status, responder details, callout
// events) into one timeline, oldest first: each stage change with the time we first saw it and
// AURA's own time where AURA gives one, and each event once.
import type { Callout, Responder, TimelineEntry } from '../../shared/model/callout';
import type { Press } from '../../shared/model/press';
import { STAGE_WORDS, type Stage } from '../../shared/stages';
import { stageFromStatus } from '../aura/status';
import type { CalloutSnapshot, TimelineEvent } from '../aura/port';

function auraTimeFor(stage: Stage, snapshot: CalloutSnapshot): string | null {
  if (stage === 'created') return snapshot.createdAt;
  if (stage === 'dispatched') return snapshot.dispatchedAt;
  if (stage === 'arrived') return snapshot.arrivedAt;
  if (stage === 'completed') return snapshot.completedAt;
  return null;
}

function sameResponder(a: Responder | null, b: Responder | null): boolean {
  return a?.name === b?.name && a?.phone === b?.phone && a?.supplier === b?.supplier;
}

/** The time an entry sorts by: AURA's time when it gave one, else when we saw it. */
function sortTime(entry: TimelineEntry): number {
  const aura = entry.auraAt === null ? NaN : Date.parse(entry.auraAt);
  return Number.isNaN(aura) ? entry.at : aura;
}

function insertInOrder(timeline: TimelineEntry[], entry: TimelineEntry): TimelineEntry[] {
  const t = sortTime(entry);
  const index = timeline.findIndex((e) => sortTime(e) > t);
  return index === -1 ? [...timeline, entry] : [...timeline.slice(0, index), entry, ...timeline.slice(index)];
}

/** The callout after one AURA snapshot; the same object when nothing changed. */
export function applySnapshot(callout: Callout, snapshot: CalloutSnapshot, seenAt: number): Callout {
  const stage = stageFromStatus(snapshot.status);
  const responder = snapshot.responder ?? callout.responder;
  const stageChanged = stage !== callout.stage || snapshot.status !== callout.rawStatus;
  if (!stageChanged && sameResponder(responder, callout.responder)) return callout;
  let timeline = callout.timeline;
  if (stageChanged) {
    const text = stage === 'unknown' ? `AURA status: ${snapshot.status}` : STAGE_WORDS[stage];
    // Stage changes are appended as seen: their order is the order AURA moved in.
    timeline = [...timeline, { at: seenAt, kind: 'stage', stage, text, auraAt: auraTimeFor(stage, snapshot) }];
  }
  return {
    ...callout,
    stage,
    rawStatus: snapshot.status,
    responder,
    closedAt: stage === 'closed' ? (callout.closedAt ?? seenAt) : callout.closedAt,
    timeline,
  };
}

/** The callout with any events it did not have yet, each placed by its time. */
export function applyEvents(
  callout: Callout,
  events: readonly TimelineEvent[],
  seenAt: number,
  /** Texts this desk sent on this callout: their events are marked as from this desk. */
  ownTexts: ReadonlySet<string> = new Set(),
): Callout {
  let timeline = callout.timeline;
  for (const event of events) {
    const known = timeline.some((e) => e.kind === 'event' && e.text === event.text && e.auraAt === event.at);
    if (known) continue;
    const entry = { at: seenAt, kind: 'event' as const, stage: null, text: event.text, auraAt: event.at };
    timeline = insertInOrder(timeline, ownTexts.has(event.text) ? { ...entry, fromDesk: true } : entry);
  }
  return timeline === callout.timeline ? callout : { ...callout, timeline };
}

/** A note on the callout's timeline from this desk (a second press, a message sent, a cancel). */
export function addNote(callout: Callout, text: string, at: number): Callout {
  return { ...callout, timeline: [...callout.timeline, { at, kind: 'event', stage: null, text, auraAt: null }] };
}

/** A new tracked callout, from the press and the callout AURA raised (or that we adopted). */
export function calloutFromPress(
  snapshot: CalloutSnapshot,
  press: Pick<Press, 'siteId' | 'pressedAt' | 'source'>,
  seenAt: number,
): Callout {
  const silent = press.source === 'hotkey';
  const base: Callout = {
    id: snapshot.id,
    siteId: press.siteId,
    stage: 'created',
    rawStatus: '',
    pressedAt: press.pressedAt,
    silent,
    responder: null,
    closedAt: null,
    timeline: [
      {
        at: press.pressedAt,
        kind: 'press',
        stage: null,
        text: silent ? 'Silent panic (hotkey)' : 'Panic button pressed',
        auraAt: null,
      },
    ],
  };
  return applySnapshot(base, snapshot, seenAt);
}
