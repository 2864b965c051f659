import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import type { CancelReason } from '@shared/contract';
import { useDesk } from '../../store';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../ui/useCommand';

/**
 * AURA's cancel reasons for the callout: null while loading, empty (and `onFailure`) when they
 * fail. `onFailure` must be stable (the command's `fail` is).
 */
function useCancelReasons(calloutId: string, onFailure: (message: string) => void): CancelReason[] | null {
  const call = useDesk((s) => s.call);
  const [reasons, setReasons] = useState<CancelReason[] | null>(null);
  useEffect(() => {
    let live = true;
    void call('callout.reasons', { calloutId }).then((result) => {
      if (!live) return;
      if (result.ok) setReasons(result.value);
      else {
        setReasons([]);
        onFailure(`AURA's cancel reasons could not be loaded: ${result.error.message}`);
      }
    });
    return () => {
      live = false;
    };
  }, [call, calloutId, onFailure]);
  return reasons;
}

interface ReasonFieldProps {
  reasons: CancelReason[] | null;
  reasonId: string;
  onChange(reasonId: string): void;
  selectRef: RefObject<HTMLSelectElement | null>;
  error: string | null;
  errorId: string;
}

function ReasonField({ reasons, reasonId, onChange, selectRef, error, errorId }: ReasonFieldProps) {
  const fieldId = useId();
  return (
    <div className="field">
      <label htmlFor={fieldId}>Reason</label>
      <select
        id={fieldId}
        value={reasonId}
        ref={selectRef}
        aria-invalid={error !== null && !reasonId ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        aria-busy={reasons === null}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{reasons === null ? 'Loading AURA’s reasons…' : 'Choose a reason'}</option>
        {(reasons ?? []).map((r) => (
          <option key={r.id} value={String(r.id)}>
            {r.text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A labelled field of the cancel form: the label, then the control `children` draws for the id. */
function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** The cancel code the administrator's policy asks for (docs/policy.md). */
function CodeField({ code, onChange }: { code: string; onChange(code: string): void }) {
  return (
    <Field label="Cancel code">
      {(id) => (
        <input
          id={id}
          type="password"
          autoComplete="off"
          maxLength={100}
          value={code}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

interface Props {
  calloutId: string;
  siteName: string;
  /** `cancelled` is true when AURA accepted the cancel. */
  onClose(cancelled?: boolean): void;
}

/** Cancel a callout with one of the reasons AURA lists for it, and optional notes. */
export function CancelDialog({ calloutId, siteName, onClose }: Props) {
  const cancel = useCommand('callout.cancel', { failure: (message) => `Not cancelled: ${message}` });
  const reasons = useCancelReasons(calloutId, cancel.fail);
  const [reasonId, setReasonId] = useState('');
  const [notes, setNotes] = useState('');
  // Set by the administrator's policy: cancelling asks for a code (docs/policy.md).
  const codeRequired = useDesk((s) => s.desk?.policy.cancelCodeRequired ?? false);
  const [code, setCode] = useState('');
  const errorId = useId();
  const reasonRef = useRef<HTMLSelectElement>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!reasonId) {
      cancel.fail('Choose a reason for cancelling from the list.');
      reasonRef.current?.focus();
      return;
    }
    if (codeRequired && !code) return cancel.fail('Enter the cancel code.');
    const input = { calloutId, reasonId: Number(reasonId), notes: notes.trim(), ...(codeRequired ? { code } : {}) };
    const result = await cancel.run(input);
    setCode('');
    if (result.ok) onClose(true);
  };

  return (
    <Dialog title={`Cancel the callout for ${siteName}?`} onClose={() => onClose(false)}>
      <form className="form" noValidate onSubmit={(e) => void submit(e)}>
        <p>AURA stands the responder down. The callout stays on the desk until AURA closes it.</p>
        <ReasonField
          reasons={reasons}
          reasonId={reasonId}
          onChange={setReasonId}
          selectRef={reasonRef}
          error={cancel.error}
          errorId={errorId}
        />
        <Field label="Notes (optional)">
          {(id) => (
            <textarea id={id} rows={3} maxLength={1000} value={notes} onChange={(e) => setNotes(e.target.value)} />
          )}
        </Field>
        {codeRequired && <CodeField code={code} onChange={setCode} />}
        <ErrorText message={cancel.error} id={errorId} />
        <div className="actions">
          <button type="submit" className="button button-danger" aria-busy={cancel.busy}>
            {cancel.busy ? 'Cancelling…' : 'Confirm cancel'}
          </button>
          <button type="button" className="button" onClick={() => onClose(false)}>
            Keep the callout
          </button>
        </div>
      </form>
    </Dialog>
  );
}
