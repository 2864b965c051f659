// AURA's callout `status` is a free-form string with mixed casing whose full list is undocumented
// (aura-api.md §5.1). We map what we know, case-insensitively and by keyword, and call everything
// else `unknown` (shown raw, never fatal). Order matters: "closed" wins over everything, then
// "cancelled" (a cancelled callout may still read "…dispatched…" in some wording).
import type { Stage } from '../../shared/model';

const RULES: ReadonlyArray<[RegExp, Stage]> = [
  [/\bclos/, 'closed'],
  [/cancel|no longer requires|stood down|stand down|aborted/, 'cancelled'],
  [/complet|resolved|finished/, 'completed'],
  [/arriv|on scene/, 'arrived'],
  [/dispatch|acknowledg|en route|enroute|assigned/, 'dispatched'],
  // A controller owning the callout has not sent anyone yet: still "created" for the operator.
  [/^(created|new|new callout|pending|open|raised|owned|callout owned)$/, 'created'],
];

export function stageFromStatus(status: string): Stage {
  const s = status.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  for (const [pattern, stage] of RULES) if (pattern.test(s)) return stage;
  return 'unknown';
}

/** A stage after which the callout needs no more polling. */
export function isFinal(stage: Stage): boolean {
  return stage === 'closed';
}
