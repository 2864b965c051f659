// Turns what we learn about a callout (the press, AURA's status, responder details) into timeline
// entries: one per stage change, oldest first, with the time we first saw it and AURA's own time.
import type { Callout, TimelineEntry } from '../../shared/model';
import { STAGE_WORDS, type Stage } from '../../shared/stages';
import type { AuraCallout } from '../aura/schemas';
import { stageFromStatus } from '../aura/status';

function auraTimeFor(stage: Stage, snapshot: AuraCallout): string | null {
  const incident = snapshot.incidents[0];
  if (stage === 'created') return snapshot.createdAt;
  if (stage === 'dispatched') return incident?.dispatchedAt ?? null;
  if (stage === 'arrived') return incident?.arrivedAt ?? null;
  if (stage === 'completed') return incident?.completedAt ?? null;
  return null;
}

/** The callout after applying one AURA snapshot; unchanged (same object) when nothing moved. */
export function applySnapshot(callout: Callout, snapshot: AuraCallout, seenAt: number): Callout {
  const stage = stageFromStatus(snapshot.status);
  if (stage === callout.stage && snapshot.status === callout.rawStatus) return callout;
  const text = stage === 'unknown' ? `AURA status: ${snapshot.status}` : STAGE_WORDS[stage];
  const entry: TimelineEntry = { at: seenAt, kind: 'stage', stage, text, auraAt: auraTimeFor(stage, snapshot) };
  return { ...callout, stage, rawStatus: snapshot.status, timeline: [...callout.timeline, entry] };
}

/** A new tracked callout from the raise response. */
export function calloutFromRaise(
  snapshot: AuraCallout,
  press: { siteId: string; pressedAt: number; source: 'button' | 'hotkey' },
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
