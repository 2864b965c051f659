import { useRef, useState, type FormEvent } from 'react';
import { ControlRoomPhoneSchema } from '@shared/model/settings';
import { useDesk } from '../../store';
import { TextField } from '../../ui/TextField';
import { useCommand } from '../../ui/useCommand';

/** After "Later": one warning line that stays on the desk until a number is saved. */
function PhoneWarning({ onOpen }: { onOpen(): void }) {
  return (
    <p className="phone-warning" role="note">
      <strong>No control-room phone number.</strong> A NOT SENT warning cannot tell you whom to call.{' '}
      <button type="button" className="link-button" onClick={onOpen}>
        Set it now
      </button>
    </p>
  );
}

/** The number as typed, checked by the contract's rule: the number, or why it cannot be saved. */
function checkPhone(phone: string): { ok: true; phone: string } | { ok: false; error: string } {
  const parsed = ControlRoomPhoneSchema.safeParse(phone);
  if (parsed.success && parsed.data !== '') return { ok: true, phone: parsed.data };
  return {
    ok: false,
    error: parsed.success
      ? 'Enter the number, or choose Later'
      : (parsed.error.issues[0]?.message ?? 'Not a phone number'),
  };
}

/**
 * First run (and until it is set): the desk asks for the control room's number, because every
 * NOT SENT tells the guard to phone it. "Later" folds the question into a warning line that
 * stays on the desk until a number is saved.
 */
export function PhonePrompt() {
  const skipped = useDesk((s) => s.phonePromptSkipped);
  const skip = useDesk((s) => s.skipPhonePrompt);
  const save = useCommand('settings.update', { failure: (message) => `Not saved: ${message}`, keepWhileBusy: true });
  const [open, setOpen] = useState(false);
  const [phone, setPhone] = useState('');
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const checked = checkPhone(phone);
    if (!checked.ok) {
      save.fail(checked.error);
      inputRef.current?.focus();
      return;
    }
    const result = await save.run({ controlRoomPhone: checked.phone });
    if (!result.ok) inputRef.current?.focus();
  };

  if (skipped && !open) return <PhoneWarning onOpen={() => setOpen(true)} />;
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
        error={save.error ?? undefined}
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
