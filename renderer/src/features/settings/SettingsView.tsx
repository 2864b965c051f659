import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { StalePressMinutesSchema, type Settings } from '@shared/model/settings';
import type { DeskState } from '@shared/model/desk-state';
import { useDesk } from '../../store';
import { ErrorText } from '../../ui/ErrorText';
import { isLocked, LOCKED_TEXT, LockedNote } from '../../ui/Locked';
import { TextField } from '../../ui/TextField';
import { ViewHeading } from '../../ui/ViewHeading';
import { DeskIdentityForm } from './DeskIdentityForm';
import { DiagnosticsExport } from './DiagnosticsExport';
import { DeskLayoutFields } from './DeskLayoutFields';
import { parseHoldSeconds } from './holdTime';
import { HotkeyRecorder } from './HotkeyRecorder';
import { HotkeyStatus } from './HotkeyStatus';

type Draft = Pick<Settings, 'hotkey' | 'hotkeySiteId' | 'startAtLogin' | 'notifications' | 'deskLayout'> & {
  holdSeconds: string;
  compactFrom: string;
  staleMinutes: string;
};

function draftOf(s: Settings): Draft {
  return {
    holdSeconds: String(s.holdMs / 1000),
    hotkey: s.hotkey,
    hotkeySiteId: s.hotkeySiteId,
    startAtLogin: s.startAtLogin,
    notifications: s.notifications,
    deskLayout: s.deskLayout,
    compactFrom: String(s.compactFrom),
    staleMinutes: String(s.stalePressMinutes),
  };
}

const FORM_TITLE = 'Panic button and hotkey';

/** Whole minutes within the contract's bounds (StalePressMinutesSchema), or null. */
function parseStaleMinutes(text: string): number | null {
  const trimmed = text.trim();
  const parsed = StalePressMinutesSchema.safeParse(Number(trimmed));
  return /^\d+$/.test(trimmed) && parsed.success ? parsed.data : null;
}

/** Hold time, the silent hotkey (record, site, test), start at login, notifications, desk details. */
export function SettingsView({ desk }: { desk: DeskState }) {
  const call = useDesk((s) => s.call);
  const [draft, setDraft] = useState<Draft>(() => draftOf(desk.settings));
  const [holdError, setHoldError] = useState<string | undefined>();
  const [compactError, setCompactError] = useState<string | undefined>();
  const [staleError, setStaleError] = useState<string | undefined>();
  const staleRef = useRef<HTMLInputElement>(null);
  const setUnsaved = useDesk((s) => s.setUnsaved);
  const holdRef = useRef<HTMLInputElement>(null);
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(desk.settings));
  useEffect(() => setUnsaved(FORM_TITLE, dirty), [setUnsaved, dirty]);
  useEffect(() => () => setUnsaved(FORM_TITLE, false), [setUnsaved]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const siteFieldId = useId();
  const loginId = useId();
  const notifyId = useId();
  const locked = (key: string): boolean => isLocked(desk, key);
  const change = (patch: Partial<Draft>): void => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSaved(false);
    const hold = parseHoldSeconds(draft.holdSeconds);
    const compactFrom = Number(draft.compactFrom.trim());
    const compactOk = /^\d+$/.test(draft.compactFrom.trim()) && compactFrom >= 2 && compactFrom <= 1000;
    setHoldError(hold.ok ? undefined : hold.error);
    setCompactError(compactOk ? undefined : 'Enter a whole number of sites from 2 to 1000');
    const stale = parseStaleMinutes(draft.staleMinutes);
    setStaleError(stale === null ? 'Enter a whole number of minutes from 1 to 1440' : undefined);
    if (!hold.ok) return holdRef.current?.focus();
    if (stale === null) return staleRef.current?.focus();
    if (!compactOk) return;
    const result = await call('settings.update', {
      holdMs: hold.ms,
      stalePressMinutes: stale,
      deskLayout: draft.deskLayout,
      ...(draft.deskLayout === 'auto' ? { compactFrom } : {}),
      hotkey: draft.hotkey,
      hotkeySiteId: draft.hotkeySiteId,
      startAtLogin: draft.startAtLogin,
      notifications: draft.notifications,
    });
    if (!result.ok) {
      setError(`Not saved: ${result.error.message}`);
      return;
    }
    setError(null);
    setDraft(draftOf(result.value));
    setSaved(true);
  };

  const hotkeyUnsaved = draft.hotkey !== desk.settings.hotkey;
  return (
    <>
      <ViewHeading>Settings</ViewHeading>
      <form className="form panel" aria-labelledby="settings-form-title" noValidate onSubmit={(e) => void submit(e)}>
        <h2 id="settings-form-title">{FORM_TITLE}</h2>
        <TextField
          ref={holdRef}
          label="Hold time (seconds)"
          hint={
            locked('holdMs')
              ? LOCKED_TEXT
              : 'How long a panic button must be held: 0 to 5 s, e.g. 1.5 or 1,5. 0 raises on a single press.'
          }
          readOnly={locked('holdMs')}
          inputMode="decimal"
          autoComplete="off"
          value={draft.holdSeconds}
          error={holdError}
          onChange={(holdSeconds) => change({ holdSeconds })}
        />
        <TextField
          ref={staleRef}
          label="Ask before sending a late panic (minutes)"
          hint={
            locked('stalePressMinutes')
              ? LOCKED_TEXT
              : 'A panic AURA has not confirmed within this time stops retrying and asks whether it is still needed.'
          }
          readOnly={locked('stalePressMinutes')}
          inputMode="numeric"
          autoComplete="off"
          value={draft.staleMinutes}
          error={staleError}
          onChange={(staleMinutes) => change({ staleMinutes })}
        />
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
        <DeskLayoutFields
          layout={draft.deskLayout}
          compactFrom={draft.compactFrom}
          compactFromError={compactError}
          onLayout={(deskLayout) => change({ deskLayout })}
          onCompactFrom={(compactFrom) => change({ compactFrom })}
        />
        <div className="check">
          <input
            id={loginId}
            type="checkbox"
            disabled={locked('startAtLogin')}
            checked={draft.startAtLogin}
            onChange={(e) => change({ startAtLogin: e.target.checked })}
          />
          <label htmlFor={loginId}>Start Panic Desk when this computer starts</label>
          <LockedNote locked={locked('startAtLogin')} />
        </div>
        <div className="check">
          <input
            id={notifyId}
            type="checkbox"
            disabled={locked('notifications')}
            checked={draft.notifications}
            onChange={(e) => change({ notifications: e.target.checked })}
          />
          <label htmlFor={notifyId}>Show system notifications when a callout moves</label>
          <LockedNote locked={locked('notifications')} />
        </div>
        <ErrorText message={error} />
        <div className="actions">
          <button type="submit" className="button button-primary">
            Save settings
          </button>
          {saved && (
            <p className="ok-text" role="status">
              Settings saved.
            </p>
          )}
        </div>
      </form>
      <HotkeyStatus desk={desk} unsaved={hotkeyUnsaved} />
      <div className="panel">
        <DeskIdentityForm settings={desk.settings} locked={desk.policy.locked} />
      </div>
      <DiagnosticsExport />
    </>
  );
}
