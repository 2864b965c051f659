// Which responder steps Training may offer for a callout, from the stage it is at: the moves the
// simulator accepts (steps only go forward; a cancelled callout can only be closed; a completed
// one cannot be cancelled; a closed one cannot move). A unit test holds this table against the
// simulator's own refusals, so the screen never offers a button that would fail.
import type { TrainingStep } from './contract';
import type { Stage } from './stages';

const FORWARD: readonly Stage[] = ['created', 'dispatched', 'arrived', 'completed'];
const REACHES: Record<TrainingStep, Stage> = {
  dispatch: 'dispatched',
  arrive: 'arrived',
  complete: 'completed',
  close: 'closed',
  cancel: 'cancelled',
};

export function trainingStepsFrom(stage: Stage): TrainingStep[] {
  if (stage === 'closed') return [];
  if (stage === 'cancelled') return ['close'];
  if (stage === 'unknown') return ['close'];
  const at = FORWARD.indexOf(stage);
  const ahead = (['dispatch', 'arrive', 'complete'] as const).filter((s) => FORWARD.indexOf(REACHES[s]) > at);
  return [...ahead, 'close', ...(stage === 'completed' ? [] : (['cancel'] as const))];
}
