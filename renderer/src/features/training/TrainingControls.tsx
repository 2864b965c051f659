import type { TrainingStep } from '../../../../electron/shared/contract';
import type { Callout, Stage } from '../../../../electron/shared/model';
import { useDesk } from '../../store';

const STEPS: ReadonlyArray<{ step: TrainingStep; label: string; reaches: Stage }> = [
  { step: 'dispatch', label: 'Dispatch responder', reaches: 'dispatched' },
  { step: 'arrive', label: 'Responder arrived', reaches: 'arrived' },
  { step: 'complete', label: 'Complete', reaches: 'completed' },
  { step: 'close', label: 'Close callout', reaches: 'closed' },
];
const ORDER: readonly Stage[] = ['created', 'dispatched', 'arrived', 'completed', 'closed'];

/** A step the callout has already passed would move it backwards; offer only the ones ahead. */
function alreadyPassed(current: Stage, reaches: Stage): boolean {
  const at = ORDER.indexOf(current);
  return at !== -1 && at >= ORDER.indexOf(reaches);
}

/** Training only: plays the responder's part on the embedded simulator. */
export function TrainingControls({ callout }: { callout: Callout }) {
  const advance = useDesk((s) => s.advance);
  return (
    <div className="training-controls" role="group" aria-label="Training: responder controls">
      <span className="training-controls-label">Training — play the responder:</span>
      {STEPS.map(({ step, label, reaches }) => (
        <button
          key={step}
          type="button"
          className="button button-training"
          onClick={() => void advance(callout.id, step)}
          disabled={alreadyPassed(callout.stage, reaches)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
