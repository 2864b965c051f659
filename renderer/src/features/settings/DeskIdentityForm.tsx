import { useRef, useState, type FormEvent } from 'react';
import { ControlRoomPhoneSchema, type Settings } from '@shared/model/settings';
import { ErrorText } from '../../ui/ErrorText';
import { LOCKED_TEXT } from '../../ui/Locked';
import { SaveActions } from '../../ui/SaveActions';
import { TextField } from '../../ui/TextField';
import { useCommand } from '../../ui/useCommand';
import { RestoreDraft, useKeptDraft } from '../../ui/useKeptDraft';

/** The form's two fields, kept when left unsaved and offered back (issue 23 item 6). */
function useIdentityDraft(settings: Settings) {
  const [phone, setPhone] = useState(settings.controlRoomPhone);
  const [deskName, setDeskName] = useState(settings.deskName);
  const dirty = phone !== settings.controlRoomPhone || deskName !== settings.deskName;
  const kept = useKeptDraft('This desk', { phone, deskName }, dirty);
  const onRestore = (draft: { phone: string; deskName: string }): void => {
    setPhone(draft.phone);
    setDeskName(draft.deskName);
  };
  const restore = <RestoreDraft title="This desk" kept={kept} onRestore={onRestore} />;
  return { phone, setPhone, deskName, setDeskName, restore };
}

/** The control room's phone number (shown on every NOT SENT) and this desk's name (in the audit log). */
export function DeskIdentityForm({ settings, locked = [] }: { settings: Settings; locked?: readonly string[] }) {
  const save = useCommand('settings.update', { failure: (message) => `Not saved: ${message}`, keepWhileBusy: true });
  const phoneRef = useRef<HTMLInputElement>(null);
  const { phone, setPhone, deskName, setDeskName, restore } = useIdentityDraft(settings);
  const [phoneError, setPhoneError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const lockedHint = (key: string, hint: string): string => (locked.includes(key) ? LOCKED_TEXT : hint);

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
    const result = await save.run({ controlRoomPhone: checked.data, deskName: deskName.trim() });
    if (result.ok) setSaved(true);
  };

  return (
    <form className="form" aria-labelledby="desk-identity-title" noValidate onSubmit={(e) => void submit(e)}>
      <h2 id="desk-identity-title">This desk</h2>
      {restore}
      <TextField
        label="Control-room phone number"
        hint={lockedHint(
          'controlRoomPhone',
          'Shown on every NOT SENT warning: who to call when AURA cannot be reached.',
        )}
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
        hint={lockedHint(
          'deskName',
          'Recorded with every audit log entry and in messages to the control room; empty uses the computer’s name.',
        )}
        readOnly={locked.includes('deskName')}
        maxLength={80}
        autoComplete="off"
        value={deskName}
        onChange={setDeskName}
      />
      <ErrorText message={save.error} />
      <SaveActions label="Save desk details" saved={saved} savedText="Saved." />
    </form>
  );
}
