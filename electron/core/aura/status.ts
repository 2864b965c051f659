// AURA's callout `status` is a free-form string whose full list is undocumented. We map what we
// know, case-insensitively and by keyword, and call everything else `unknown` (shown raw, never fatal).
import type { Stage } from '../../shared/model';

const RULES: ReadonlyArray<[RegExp, Stage]> = [
  [/clos/, 'closed'],
  [/cancel|no longer requires|stood down/, 'cancelled'],
  [/complet|resolved|finished/, 'completed'],
  [/arriv|on scene/, 'arrived'],
  [/dispatch|acknowledg|en route|owned|assigned/, 'dispatched'],
  [/^(created|new|pending|open|raised)$/, 'created'],
];

export function stageFromStatus(status: string): Stage {
  const s = status.trim().toLowerCase().replace(/[_-]+/g, ' ');
  for (const [pattern, stage] of RULES) if (pattern.test(s)) return stage;
  return 'unknown';
}

/** A stage after which the callout needs no more polling. */
export function isFinal(stage: Stage): boolean {
  return stage === 'closed';
}
