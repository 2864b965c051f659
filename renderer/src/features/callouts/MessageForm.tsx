import { useId, useRef, useState, type FormEvent } from 'react';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../ui/useCommand';

/** A message to the control room, posted on the callout as an AURA callout event. */
export function MessageForm({ calloutId }: { calloutId: string }) {
  const sending = useCommand('callout.message', { failure: (message) => `Not sent: ${message}` });
  const [text, setText] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const message = text.trim();
    setSent(null);
    if (!message) {
      sending.fail('Write a message first.');
      inputRef.current?.focus();
      return;
    }
    const result = await sending.run({ calloutId, text: message });
    // The focus stays in the card, on the message box, whatever happened.
    inputRef.current?.focus();
    if (!result.ok) return;
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
        <button type="submit" className="button" aria-busy={sending.busy}>
          {sending.busy ? 'Sending…' : 'Send'}
        </button>
      </div>
      <ErrorText message={sending.error} />
      {sent && (
        <p className="ok-text" role="status">
          {sent}
        </p>
      )}
    </form>
  );
}
