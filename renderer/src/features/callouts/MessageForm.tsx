import { useId, useRef, useState, type FormEvent } from 'react';
import { useDesk } from '../../store';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../ui/useCommand';

/** One tap for each common message (none when the list is empty). */
function QuickMessages({ messages, onSend }: { messages: readonly string[]; onSend(message: string): void }) {
  if (messages.length === 0) return null;
  return (
    <div className="quick-messages" role="group" aria-label="Quick messages">
      {messages.map((message) => (
        <button key={message} type="button" className="button" onClick={() => onSend(message)}>
          {message}
        </button>
      ))}
    </div>
  );
}

/**
 * A message to the control room, posted on the callout as an AURA callout event: one tap for the
 * common ones (Settings' `quickMessages`, set by policy), or typed.
 */
export function MessageForm({ calloutId }: { calloutId: string }) {
  const sending = useCommand('callout.message', { failure: (message) => `Not sent: ${message}` });
  const [text, setText] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const quick = useDesk((s) => s.desk?.settings.quickMessages ?? []);

  const send = async (message: string, typed: boolean): Promise<void> => {
    setSent(null);
    const result = await sending.run({ calloutId, text: message });
    // The focus stays in the card, on the message box, whatever happened.
    if (typed) inputRef.current?.focus();
    if (!result.ok) return;
    if (typed) setText('');
    setSent(`Message sent to the control room from this desk: “${message}”`);
  };
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const message = text.trim();
    if (!message) {
      setSent(null);
      sending.fail('Write a message first.');
      inputRef.current?.focus();
      return;
    }
    await send(message, true);
  };

  return (
    <form className="message-form" onSubmit={(e) => void submit(e)}>
      <QuickMessages messages={quick} onSend={(message) => void send(message, false)} />
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
