// The Settings form's groups of fields, each drawing part of the draft and reporting changes.
import { useId, type RefObject } from 'react';
import type { DeskState } from '@shared/model/desk-state';
import { isLocked, LOCKED_TEXT, LockedNote } from '../../ui/Locked';
import { TextField } from '../../ui/TextField';
import { HotkeyRecorder } from './HotkeyRecorder';
import type { Draft, DraftErrors } from './settingsDraft';

interface Props {
  desk: DeskState;
  draft: Draft;
  change(patch: Partial<Draft>): void;
}

/** Hold time and the late-press limit: typed numbers, refused in words beside the field. */
export function TimingFields({
  desk,
  draft,
  change,
  errors,
  holdRef,
  staleRef,
}: Props & {
  errors: DraftErrors;
  holdRef: RefObject<HTMLInputElement | null>;
  staleRef: RefObject<HTMLInputElement | null>;
}) {
  const hint = (key: string, text: string): string => (isLocked(desk, key) ? LOCKED_TEXT : text);
  return (
    <>
      <TextField
        ref={holdRef}
        label="Hold time (seconds)"
        hint={hint(
          'holdMs',
          'How long a panic button must be held: 0 to 5 s, e.g. 1.5 or 1,5. 0 raises on a single press.',
        )}
        readOnly={isLocked(desk, 'holdMs')}
        inputMode="decimal"
        autoComplete="off"
        value={draft.holdSeconds}
        error={errors.hold}
        onChange={(holdSeconds) => change({ holdSeconds })}
      />
      <TextField
        ref={staleRef}
        label="Ask before sending a late panic (minutes)"
        hint={hint(
          'stalePressMinutes',
          'A panic AURA has not confirmed within this time stops retrying and asks whether it is still needed.',
        )}
        readOnly={isLocked(desk, 'stalePressMinutes')}
        inputMode="numeric"
        autoComplete="off"
        value={draft.staleMinutes}
        error={errors.stale}
        onChange={(staleMinutes) => change({ staleMinutes })}
      />
    </>
  );
}

/** The silent hotkey: the combination (recorded) and the site it raises a panic for. */
export function HotkeyFields({ desk, draft, change }: Props) {
  const siteFieldId = useId();
  const locked = (key: string): boolean => isLocked(desk, key);
  return (
    <fieldset className="fieldset">
      <legend>Silent hotkey</legend>
      <p className="field-hint">
        Raises a silent panic from anywhere, even when Panic Desk is hidden. Nothing shows on screen.
      </p>
      <HotkeyRecorder value={draft.hotkey} locked={locked('hotkey')} onChange={(hotkey) => change({ hotkey })} />
      <div className="field">
        <label htmlFor={siteFieldId}>Hotkey site</label>
        <select
          id={siteFieldId}
          disabled={locked('hotkeySite')}
          value={draft.hotkeySiteId ?? ''}
          onChange={(e) => change({ hotkeySiteId: e.target.value || null })}
        >
          <option value="">No site — the hotkey raises nothing</option>
          {desk.allSites.map((site) => (
            <option key={site.id} value={site.id}>
              {site.name} ({site.id})
            </option>
          ))}
        </select>
        <LockedNote locked={locked('hotkeySite')} />
      </div>
    </fieldset>
  );
}

/** One setting as a checkbox, with its locked note. */
function Check({
  desk,
  name,
  label,
  checked,
  onChange,
}: {
  desk: DeskState;
  name: string;
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  const id = useId();
  return (
    <div className="check">
      <input
        id={id}
        type="checkbox"
        disabled={isLocked(desk, name)}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      <LockedNote locked={isLocked(desk, name)} />
    </div>
  );
}

/** Start at login and system notifications. */
export function SystemChecks({ desk, draft, change }: Props) {
  return (
    <>
      <Check
        desk={desk}
        name="startAtLogin"
        label="Start Panic Desk when this computer starts"
        checked={draft.startAtLogin}
        onChange={(startAtLogin) => change({ startAtLogin })}
      />
      <Check
        desk={desk}
        name="notifications"
        label="Show system notifications when a callout moves"
        checked={draft.notifications}
        onChange={(notifications) => change({ notifications })}
      />
    </>
  );
}
