import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ControlRoomPhoneSchema, type Settings } from '@shared/model/settings';
import { useDesk } from '../../store';
import { ErrorText } from '../../ui/ErrorText';
import { LOCKED_TEXT } from '../../ui/Locked';
import { TextField } from '../../ui/TextField';

/** The control room's phone number (shown on every NOT SENT) and this desk's name (in the audit log). */
export function DeskIdentityForm({ settings, locked = [] }: { settings: Settings; locked?: readonly string[] }) {
  const call = useDesk((s) => s.call);
  const phoneRef = useRef<HTMLInputElement>(null);
  const [phone, setPhone] = useState(settings.controlRoomPhone);
  const [deskName, setDeskName] = useState(settings.deskName);
  const [error, setError] = useState<string | null>(null);
  const [phoneError, setPhoneError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const setUnsaved = useDesk((s) => s.setUnsaved);
  const dirty = phone !== settings.controlRoomPhone || deskName !== settings.deskName;
  useEffect(() => setUnsaved('This desk', dirty), [setUnsaved, dirty]);
  useEffect(() => () => setUnsaved('This desk', false), [setUnsaved]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSaved(false);
    // The contract's own phone rule, checked here first so the error sits beside the field.
    const checked = ControlRoomPhoneSchema.safeParse(phone);
    if (!checked.success) {
      setPhoneError(checked.error.issues[0]?.message ?? 'Not a phone number');
      phoneRef.current?.focus();
      return;
    }
    setPhoneError(undefined);
    const result = await call('settings.update', { controlRoomPhone: checked.data, deskName: deskName.trim() });
    if (!result.ok) return setError(`Not saved: ${result.error.message}`);
    setError(null);
    setSaved(true);
  };

  return (
    <form className="form" aria-labelledby="desk-identity-title" noValidate onSubmit={(e) => void submit(e)}>
      <h2 id="desk-identity-title">This desk</h2>
      <TextField
        label="Control-room phone number"
        hint={
          locked.includes('controlRoomPhone')
            ? LOCKED_TEXT
            : 'Shown on every NOT SENT warning: who to call when AURA cannot be reached.'
        }
        readOnly={locked.includes('controlRoomPhone')}
        ref={phoneRef}
        type="tel"
        maxLength={40}
        autoComplete="off"
        value={phone}
        error={phoneError}
        onChange={setPhone}
      />
      <TextField
        label="Desk name"
        hint={
          locked.includes('deskName')
            ? LOCKED_TEXT
            : 'Recorded with every audit log entry and in messages to the control room; empty uses the computer’s name.'
        }
        readOnly={locked.includes('deskName')}
        maxLength={80}
        autoComplete="off"
        value={deskName}
        onChange={setDeskName}
      />
      <ErrorText message={error} />
      <div className="actions">
        <button type="submit" className="button button-primary">
          Save desk details
        </button>
        {saved && (
          <p className="ok-text" role="status">
            Saved.
          </p>
        )}
      </div>
    </form>
  );
}
