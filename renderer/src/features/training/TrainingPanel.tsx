import { useId, useState } from 'react';
import { FAULT_KINDS, type FaultKind, type TrainingState } from '@shared/model/desk-state';
import { useDesk } from '../../store';
import { ErrorText } from '../../ui/ErrorText';
import { usePending } from '../../ui/usePending';

/** Each practisable network failure, in the words an operator would use. */
export const FAULT_WORDS: Record<FaultKind, string> = {
  latency: 'Slow network (AURA answers late)',
  reset: 'Connection reset',
  error500: 'AURA server error (500)',
  error502: 'Bad gateway (502)',
  rateLimited: 'Too many requests (429)',
  truncated: 'Reply cut off',
  tokenExpiry: 'Sign-in token expired',
};

/**
 * Training only: let the simulated responder move callouts along by itself, and practise a network
 * failure so that the operator has seen NOT SENT before the night it matters.
 */
export function TrainingPanel({ training }: { training: TrainingState }) {
  const call = useDesk((s) => s.call);
  const [error, setError] = useState<string | null>(null);
  const autoplayId = useId();
  const faultId = useId();
  const [autoplay, chooseAutoplay, dropAutoplay] = usePending(training.autoplay);
  const [fault, chooseFault, dropFault] = usePending(training.fault);

  const run = async (work: ReturnType<typeof call>, drop: () => void): Promise<void> => {
    const result = await work;
    if (!result.ok) drop();
    setError(result.ok ? null : result.error.message);
  };

  return (
    <section className="training-panel" aria-label="Training">
      <div className="training-panel-row">
        <span className="training-panel-title">Training</span>
        <div className="check">
          <input
            id={autoplayId}
            type="checkbox"
            checked={autoplay}
            onChange={(e) => {
              chooseAutoplay(e.target.checked);
              void run(call('training.autoplay', { on: e.target.checked }), dropAutoplay);
            }}
          />
          <label htmlFor={autoplayId}>Autoplay the responder</label>
        </div>
        <div className="field-inline">
          <label htmlFor={faultId}>Practise a network failure</label>
          <select
            id={faultId}
            value={fault ?? ''}
            onChange={(e) => {
              const value = e.target.value;
              const next = (FAULT_KINDS as readonly string[]).includes(value) ? (value as FaultKind) : null;
              chooseFault(next);
              void run(call('training.fault', { fault: next }), dropFault);
            }}
          >
            <option value="">None — network healthy</option>
            {FAULT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {FAULT_WORDS[kind]}
              </option>
            ))}
          </select>
        </div>
        {training.fault && (
          // The simulator's real state (read again after a restart), not what was last chosen.
          <p className="training-fault-on">Practising: {FAULT_WORDS[training.fault]}</p>
        )}
      </div>
      <ErrorText message={error} />
    </section>
  );
}
