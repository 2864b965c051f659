import { useState } from 'react';
import { LockedNote } from '../../ui/Locked';
import { describeAccelerator, hotkeyVerdict } from './accelerator';
import { KeyCapture } from './KeyCapture';

type Hint = { text: string; refused: boolean } | null;

/**
 * The button that listens while recording: each keydown is judged as main will judge it
 * (`hotkeyVerdict`). Plain Tab still moves on, so the keyboard is never trapped here.
 */
function CaptureButton({
  onHint,
  onStop,
  onRecorded,
}: {
  onHint(hint: Hint): void;
  onStop(): void;
  onRecorded(accelerator: string): void;
}) {
  return (
    <KeyCapture
      hintId="hotkey-capture-hint"
      onBlur={onStop}
      onKey={(e) => {
        e.preventDefault();
        const v = hotkeyVerdict(e);
        if (v.kind === 'cancel') {
          onStop();
          onHint(null);
        } else if (v.kind === 'incomplete') onHint({ text: v.message, refused: false });
        else if (v.kind === 'refused') onHint({ text: v.message, refused: true });
        else onRecorded(v.accelerator);
      }}
    >
      Press the new combination now…
    </KeyCapture>
  );
}

/**
 * Records a key combination: press "Record hotkey", then the combination. Escape stops without
 * changing anything. The result is an Electron accelerator string.
 */
export function HotkeyRecorder({
  value,
  onChange,
  locked = false,
}: {
  value: string;
  onChange(accelerator: string): void;
  /** Set by the administrator's policy: shown, not recordable. */
  locked?: boolean;
}) {
  const [recording, setRecording] = useState(false);
  // A refused combination reads as an error (red), not as a quiet hint.
  const [hint, setHint] = useState<Hint>(null);
  const recorded = (accelerator: string): void => {
    onChange(accelerator);
    setRecording(false);
    setHint({ text: `Recorded ${describeAccelerator(accelerator)}. Save settings to use it.`, refused: false });
  };

  return (
    <div className="hotkey-recorder">
      <p className="hotkey-current">
        Hotkey: <kbd>{describeAccelerator(value)}</kbd>
      </p>
      {locked ? (
        <LockedNote locked />
      ) : recording ? (
        <CaptureButton onHint={setHint} onStop={() => setRecording(false)} onRecorded={recorded} />
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              setHint({ text: 'Press the combination, or Escape to stop.', refused: false });
              setRecording(true);
            }}
          >
            Record hotkey
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              onChange('');
              setHint({ text: 'Hotkey turned off. Save settings to apply.', refused: false });
            }}
          >
            Turn hotkey off
          </button>
        </div>
      )}
      {hint && (
        <p className={hint.refused ? 'field-error' : 'field-hint'} id="hotkey-capture-hint" role="status">
          {hint.text}
        </p>
      )}
    </div>
  );
}
