import { useEffect, useRef, useState } from 'react';
import { checkAccelerator, isReservedShortcut } from '@shared/accelerator';
import { LockedNote } from '../../ui/Locked';
import { describeAccelerator, recordKey } from './accelerator';

/** The one rule main applies too: the recorder refuses what the system or other programs need. */
function refusal(accelerator: string): string | null {
  const check = checkAccelerator(accelerator);
  if (check.ok) return null;
  const keys = describeAccelerator(accelerator);
  if (isReservedShortcut(accelerator)) {
    return `${keys} cannot be the panic hotkey: the system or other programs need it (copy, paste, close…). Try another combination, e.g. Ctrl + Alt + Shift + P.`;
  }
  return `${keys} cannot be the panic hotkey: ${check.error}.`;
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
  const [hint, setHintText] = useState<string | null>(null);
  // A refused combination reads as an error (red), not as a quiet hint.
  const [refused, setRefused] = useState(false);
  const setHint = (text: string | null, isRefusal = false): void => {
    setHintText(text);
    setRefused(isRefusal);
  };
  const captureRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (recording) captureRef.current?.focus();
  }, [recording]);

  return (
    <div className="hotkey-recorder">
      <p className="hotkey-current">
        Hotkey: <kbd>{describeAccelerator(value)}</kbd>
      </p>
      {locked ? (
        <LockedNote locked />
      ) : recording ? (
        <button
          ref={captureRef}
          type="button"
          className="button hotkey-capture"
          aria-describedby="hotkey-capture-hint"
          onBlur={() => setRecording(false)}
          onKeyDown={(e) => {
            if (e.key === 'Tab' && !e.ctrlKey && !e.altKey && !e.metaKey) return;
            e.preventDefault();
            const r = recordKey(e);
            if (r.kind === 'cancel') {
              setRecording(false);
              setHint(null);
            } else if (r.kind === 'incomplete') setHint(r.message);
            else if (refusal(r.accelerator)) setHint(refusal(r.accelerator), true);
            else {
              onChange(r.accelerator);
              setRecording(false);
              setHint(`Recorded ${describeAccelerator(r.accelerator)}. Save settings to use it.`);
            }
          }}
        >
          Press the new combination now…
        </button>
      ) : (
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => {
              setHint('Press the combination, or Escape to stop.');
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
              setHint('Hotkey turned off. Save settings to apply.');
            }}
          >
            Turn hotkey off
          </button>
        </div>
      )}
      {hint && (
        <p className={refused ? 'field-error' : 'field-hint'} id="hotkey-capture-hint" role="status">
          {hint}
        </p>
      )}
    </div>
  );
}
