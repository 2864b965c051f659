// The Settings form's groups of fields, each drawing part of the draft and reporting changes.
import { useId, type RefObject } from 'react';
import type { DeskState } from '@shared/model/desk-state';
import type { LockName } from '@shared/model/lock-names';
import { isLocked, LOCKED_TEXT, LockedNote } from '../../ui/Locked';
import { TextField } from '../../ui/TextField';
import { HotkeyRecorder } from './HotkeyRecorder';
import type { Draft, DraftErrors } from './settingsDraft';

interface Props {
  desk: DeskState;
  draft: Draft;
  change(patch: Partial<Draft>): void;
}

/** The two typed numbers of timing: the policy name, the draft's text, its error and its words. */
const TIMING = [
  {
    policy: 'holdMs',
    text: 'holdSeconds',
    error: 'hold',
    label: 'Hold time (seconds)',
    hint: 'How long a panic button must be held: 0 to 5 s, e.g. 1.5 or 1,5. 0 raises on a single press.',
    inputMode: 'decimal',
  },
  {
    policy: 'stalePressMinutes',
    text: 'staleMinutes',
    error: 'stale',
    label: 'Ask before sending a late panic (minutes)',
    hint: 'A panic AURA has not confirmed within this time stops retrying and asks whether it is still needed.',
    inputMode: 'numeric',
  },
] as const;

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
  return TIMING.map((t) => (
    <TextField
      key={t.policy}
      ref={t.policy === 'holdMs' ? holdRef : staleRef}
      label={t.label}
      hint={isLocked(desk, t.policy) ? LOCKED_TEXT : t.hint}
      readOnly={isLocked(desk, t.policy)}
      inputMode={t.inputMode}
      autoComplete="off"
      value={draft[t.text]}
      error={errors[t.error]}
      onChange={(value) => change({ [t.text]: value })}
    />
  ));
}

/** The silent hotkey: the combination (recorded) and the site it raises a panic for. */
export function HotkeyFields({ desk, draft, change }: Props) {
  const siteFieldId = useId();
  const locked = (key: LockName): boolean => isLocked(desk, key);
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
          <option value="">
            {desk.sites.length === 1
              ? `No choice — the desk’s only site (${desk.sites[0]?.name ?? ''})`
              : 'No site — the hotkey is off'}
          </option>
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

/** The on/off settings, each a checkbox with its locked note (the policy name is the setting's). */
const CHECKS = [
  { name: 'startAtLogin', label: 'Start Panic Desk when this computer starts' },
  { name: 'notifications', label: 'Show system notifications when a callout moves' },
] as const;

/** One setting as a checkbox, with its locked note. */
function Check({ desk, draft, change, name, label }: Props & (typeof CHECKS)[number]) {
  const id = useId();
  return (
    <div className="check">
      <input
        id={id}
        type="checkbox"
        disabled={isLocked(desk, name)}
        checked={draft[name]}
        onChange={(e) => change({ [name]: e.target.checked })}
      />
      <label htmlFor={id}>{label}</label>
      <LockedNote locked={isLocked(desk, name)} />
    </div>
  );
}

/** Start at login and system notifications. */
export function SystemChecks(props: Props) {
  return CHECKS.map((c) => <Check key={c.name} {...props} {...c} />);
}
