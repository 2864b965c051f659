import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CancelReason } from '@shared/contract';
import { useDesk } from '../../store';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';

/** Cancel a callout with one of the reasons AURA lists for it, and optional notes. */
export function CancelDialog({
  calloutId,
  siteName,
  onClose,
}: {
  calloutId: string;
  siteName: string;
  /** `cancelled` is true when AURA accepted the cancel. */
  onClose(cancelled?: boolean): void;
}) {
  const call = useDesk((s) => s.call);
  const [reasons, setReasons] = useState<CancelReason[] | null>(null);
  const [reasonId, setReasonId] = useState('');
  const [notes, setNotes] = useState('');
  // Set by the administrator's policy: cancelling asks for a code (docs/policy.md).
  const codeRequired = useDesk((s) => s.desk?.policy.cancelCodeRequired ?? false);
  const [code, setCode] = useState('');
  const codeId = useId();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reasonFieldId = useId();
  const notesId = useId();
  const errorId = useId();
  const reasonRef = useRef<HTMLSelectElement>(null);

  useEffect(() => {
    let live = true;
    void call('callout.reasons', { calloutId }).then((result) => {
      if (!live) return;
      if (result.ok) setReasons(result.value);
      else {
        setReasons([]);
        setError(`AURA's cancel reasons could not be loaded: ${result.error.message}`);
      }
    });
    return () => {
      live = false;
    };
  }, [call, calloutId]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!reasonId) {
      setError('Choose a reason for cancelling from the list.');
      reasonRef.current?.focus();
      return;
    }
    if (codeRequired && !code) return setError('Enter the cancel code.');
    setBusy(true);
    setError(null);
    const result = await call('callout.cancel', {
      calloutId,
      reasonId: Number(reasonId),
      notes: notes.trim(),
      ...(codeRequired ? { code } : {}),
    });
    setBusy(false);
    setCode('');
    if (!result.ok) return setError(`Not cancelled: ${result.error.message}`);
    onClose(true);
  };

  return (
    <Dialog title={`Cancel the callout for ${siteName}?`} onClose={() => onClose(false)}>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <p>AURA stands the responder down. The callout stays on the desk until AURA closes it.</p>
        <div className="field">
          <label htmlFor={reasonFieldId}>Reason</label>
          <select
            id={reasonFieldId}
            value={reasonId}
            ref={reasonRef}
            aria-invalid={error !== null && !reasonId ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            aria-busy={reasons === null}
            onChange={(e) => setReasonId(e.target.value)}
          >
            <option value="">{reasons === null ? 'Loading AURA’s reasons…' : 'Choose a reason'}</option>
            {(reasons ?? []).map((r) => (
              <option key={r.id} value={String(r.id)}>
                {r.text}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={notesId}>Notes (optional)</label>
          <textarea id={notesId} rows={3} maxLength={1000} value={notes} onChange={(e) => setNotes(e.target.value)} />
        </div>
        {codeRequired && (
          <div className="field">
            <label htmlFor={codeId}>Cancel code</label>
            <input
              id={codeId}
              type="password"
              autoComplete="off"
              maxLength={100}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </div>
        )}
        <ErrorText message={error} id={errorId} />
        <div className="actions">
          <button type="submit" className="button button-danger" aria-busy={busy}>
            {busy ? 'Cancelling…' : 'Confirm cancel'}
          </button>
          <button type="button" className="button" onClick={() => onClose(false)}>
            Keep the callout
          </button>
        </div>
      </form>
    </Dialog>
  );
}
