import { useState, type FormEvent } from 'react';
import type { Settings } from '../../../../electron/shared/model';
import { useDesk } from '../../store';
import { ErrorText } from '../../ui/ErrorText';
import { LOCKED_TEXT } from '../../ui/Locked';
import { TextField } from '../../ui/TextField';

/** The control room's phone number (shown on every NOT SENT) and this desk's name (in the audit log). */
export function DeskIdentityForm({ settings, locked = [] }: { settings: Settings; locked?: readonly string[] }) {
  const call = useDesk((s) => s.call);
  const [phone, setPhone] = useState(settings.controlRoomPhone);
  const [deskName, setDeskName] = useState(settings.deskName);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSaved(false);
    const result = await call('settings.update', { controlRoomPhone: phone.trim(), deskName: deskName.trim() });
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
        type="tel"
        maxLength={40}
        autoComplete="off"
        value={phone}
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
