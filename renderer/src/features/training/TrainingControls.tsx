import type { TrainingStep } from '@shared/contract';
import type { Callout } from '@shared/model/callout';
import { trainingStepsFrom } from '@shared/training-steps';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../ui/useCommand';

const LABELS: Record<Exclude<TrainingStep, 'cancel'>, string> = {
  dispatch: 'Dispatch responder',
  arrive: 'Responder arrived',
  complete: 'Complete',
  close: 'Close callout',
};

/**
 * Training only: plays the responder's part on the embedded simulator. Only the moves the
 * simulator accepts from the callout's current stage are offered (a cancelled callout can only be
 * closed); a step that still fails says so here, beside the buttons, in plain words.
 */
export function TrainingControls({ callout }: { callout: Callout }) {
  const advance = useCommand('training.advance', {
    failure: (message) => `The simulator could not do that: ${message}`,
    keepWhileBusy: true,
  });
  // Cancelling is the operator's own "Cancel callout" (with AURA's reasons), not a responder move.
  const steps = trainingStepsFrom(callout.stage).filter((s): s is Exclude<TrainingStep, 'cancel'> => s !== 'cancel');
  if (steps.length === 0) return null;
  return (
    <div className="training-controls" role="group" aria-label="Training: responder controls">
      <span className="training-controls-label">Training — play the responder:</span>
      {steps.map((step) => (
        <button
          key={step}
          type="button"
          className="button button-training"
          onClick={() => void advance.run({ calloutId: callout.id, step })}
        >
          {LABELS[step]}
        </button>
      ))}
      <ErrorText message={advance.error} />
    </div>
  );
}
