import { useRef, useState, type FormEvent } from 'react';
import { ControlRoomPhoneSchema } from '@shared/model/settings';
import { useDesk } from '../../store';
import { TextField } from '../../ui/TextField';

/**
 * First run (and until it is set): the desk asks for the control room's number, because every
 * NOT SENT tells the guard to phone it. "Later" folds the question into a warning line that
 * stays on the desk until a number is saved.
 */
export function PhonePrompt() {
  const call = useDesk((s) => s.call);
  const skipped = useDesk((s) => s.phonePromptSkipped);
  const skip = useDesk((s) => s.skipPhonePrompt);
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const parsed = ControlRoomPhoneSchema.safeParse(phone);
    if (!parsed.success || parsed.data === '') {
      setError(
        parsed.success
          ? 'Enter the number, or choose Later'
          : (parsed.error.issues[0]?.message ?? 'Not a phone number'),
      );
      inputRef.current?.focus();
      return;
    }
    const result = await call('settings.update', { controlRoomPhone: parsed.data });
    if (!result.ok) {
      setError(`Not saved: ${result.error.message}`);
      inputRef.current?.focus();
    }
  };

  if (skipped && !open) {
    return (
      <p className="phone-warning" role="note">
        <strong>No control-room phone number.</strong> A NOT SENT warning cannot tell you whom to call.{' '}
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          Set it now
        </button>
      </p>
    );
  }
  return (
    <form className="phone-prompt" aria-labelledby="phone-prompt-title" noValidate onSubmit={(e) => void submit(e)}>
      <p id="phone-prompt-title" className="phone-prompt-title">
        First run: whom should a guard phone when a panic cannot reach AURA? The number is shown on every NOT SENT
        warning.
      </p>
      <TextField
        ref={inputRef}
        label="Control-room phone number"
        placeholder="e.g. +27 11 555 0199"
        type="tel"
        maxLength={40}
        autoComplete="off"
        value={phone}
        error={error}
        onChange={setPhone}
      />
      <div className="actions">
        <button type="submit" className="button button-primary">
          Save number
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setOpen(false);
            skip();
          }}
        >
          Later
        </button>
      </div>
    </form>
  );
}
