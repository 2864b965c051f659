import { useState, type ReactNode } from 'react';
import { Dialog } from '../../ui/Dialog';

/** The question, and `ask` to put it; `onConfirmed` runs once the operator chose to go live. */
export function useLiveSwitch(onConfirmed: () => void): { ask(): void; dialog: ReactNode } {
  const [asking, setAsking] = useState(false);
  const answer = (goLive: boolean): void => {
    setAsking(false);
    if (goLive) onConfirmed();
  };
  return { ask: () => setAsking(true), dialog: asking ? <LiveSwitchDialog onAnswer={answer} /> : null };
}

/** Asked once, when Setup is about to make this desk live: PANIC then sends real responders. */
function LiveSwitchDialog({ onAnswer }: { onAnswer(switchToLive: boolean): void }) {
  return (
    <Dialog title="Switch to a live desk?" onClose={() => onAnswer(false)}>
      <p>
        <strong>From now on, holding PANIC sends real responders.</strong> Training and Staging dispatch nobody; this
        connection does.
      </p>
      <div className="actions">
        <button type="button" className="button button-primary" onClick={() => onAnswer(true)}>
          Switch to live
        </button>
        <button type="button" className="button" onClick={() => onAnswer(false)}>
          Stay on this desk
        </button>
      </div>
    </Dialog>
  );
}
