import type { TrainingStep } from '../../../../electron/shared/contract';
import type { Callout } from '../../../../electron/shared/model';
import { useDesk } from '../../store';

const STEPS: ReadonlyArray<{ step: TrainingStep; label: string }> = [
  { step: 'dispatch', label: 'Dispatch responder' },
  { step: 'arrive', label: 'Responder arrived' },
  { step: 'complete', label: 'Complete' },
  { step: 'close', label: 'Close callout' },
];

/** Training only: plays the responder's part on the embedded simulator. */
export function TrainingControls({ callout }: { callout: Callout }) {
  const advance = useDesk((s) => s.advance);
  return (
    <div className="training-controls" role="group" aria-label="Training: responder controls">
      <span className="training-controls-label">Training — play the responder:</span>
      {STEPS.map(({ step, label }) => (
        <button
          key={step}
          type="button"
          onClick={() => void advance(callout.id, step)}
          disabled={callout.stage === 'closed'}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
