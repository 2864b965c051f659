// AURA's callout `status` is a free-form string with mixed casing whose full list is undocumented
// (aura-api.md §5.1). We map what we know, case-insensitively and by keyword, and call everything
// else `unknown` (shown raw, never fatal). Order matters: "closed" wins over everything, then
// "cancelled" (a cancelled callout may still read "…dispatched…" in some wording). A negated
// word ("Not dispatched", "undispatched", "No responder") is `unknown`, never the positive stage:
// telling a guard help is on its way when it is not is the one mistake this mapping must not make.
import type { Stage } from '../../shared/stages';

const RULES: ReadonlyArray<[RegExp, Stage]> = [
  [/\bclos/, 'closed'],
  [/cancel|no longer requires|stood down|stand down|aborted/, 'cancelled'],
  [/complet|resolved|finished/, 'completed'],
  [/arriv|on scene/, 'arrived'],
  [/dispatch|acknowledg|en route|enroute|assigned/, 'dispatched'],
  // A controller owning the callout has not sent anyone yet: still "created" for the operator.
  [/^(created|new|new callout|pending|open|raised|owned|callout owned)$/, 'created'],
];

/** Negations of a stage word: "not dispatched", "undispatched", "no responder", "never arrived". */
const NEGATED =
  /\b(not|no|never|non|without|un|yet to|awaiting|pending)\s?(yet\s)?(be(en)?\s)?(responder|dispatch|arriv|complet|assign|acknowledg|clos|cancel|en route|on scene)|\bundispatch|\bunassign|\bunacknowledg|\bnon dispatch/;

export function stageFromStatus(status: string): Stage {
  const s = status.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  if (NEGATED.test(s)) return 'unknown';
  for (const [pattern, stage] of RULES) if (pattern.test(s)) return stage;
  return 'unknown';
}

/** A stage after which the callout needs no more polling. */
export function isFinal(stage: Stage): boolean {
  return stage === 'closed';
}
