import { useId, useRef, useState, type FormEvent } from 'react';
import { useDesk } from '../../store';
import { ErrorText } from '../../ui/ErrorText';

/** A message to the control room, posted on the callout as an AURA callout event. */
export function MessageForm({ calloutId }: { calloutId: string }) {
  const call = useDesk((s) => s.call);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const message = text.trim();
    setSent(null);
    if (!message) {
      setError('Write a message first.');
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setSent(null);
    const result = await call('callout.message', { calloutId, text: message });
    setBusy(false);
    // The focus stays in the card, on the message box, whatever happened.
    inputRef.current?.focus();
    if (!result.ok) return setError(`Not sent: ${result.error.message}`);
    setText('');
    setSent(`Message sent to the control room from this desk: “${message}”`);
  };

  return (
    <form className="message-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor={inputId}>Message to control room</label>
      <div className="inline-fields">
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          value={text}
          maxLength={1000}
          autoComplete="off"
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="button" aria-busy={busy}>
          {busy ? 'Sending…' : 'Send'}
        </button>
      </div>
      <ErrorText message={error} />
      {sent && (
        <p className="ok-text" role="status">
          {sent}
        </p>
      )}
    </form>
  );
}
