import { useRef, useState, type FormEvent } from 'react';
import type { DeskState } from '@shared/model/desk-state';
import { ErrorText } from '../../ui/ErrorText';
import { SaveActions } from '../../ui/SaveActions';
import { useCommand } from '../../ui/useCommand';
import { RestoreDraft, useKeptDraft } from '../../ui/useKeptDraft';
import { ViewHeading } from '../../ui/ViewHeading';
import { DeskIdentityForm } from './DeskIdentityForm';
import { DiagnosticsExport } from './DiagnosticsExport';
import { DeskLayoutFields } from './DeskLayoutFields';
import { HotkeyStatus } from './HotkeyStatus';
import { SiteKeys } from './SiteKeys';
import { HotkeyFields, SystemChecks, TimingFields } from './SettingsFields';
import { checkDraft, draftOf, type Draft, type DraftErrors } from './settingsDraft';

const FORM_TITLE = 'Panic button and hotkey';
const NO_ERRORS: DraftErrors = { hold: undefined, stale: undefined, compactFrom: undefined };

/** Hold time, the silent hotkey (record, site, test), start at login, notifications, desk details. */
export function SettingsView({ desk }: { desk: DeskState }) {
  const save = useCommand('settings.update', { failure: (message) => `Not saved: ${message}`, keepWhileBusy: true });
  const [draft, setDraft] = useState<Draft>(() => draftOf(desk.settings));
  const [errors, setErrors] = useState<DraftErrors>(NO_ERRORS);
  const [saved, setSaved] = useState(false);
  const holdRef = useRef<HTMLInputElement>(null);
  const staleRef = useRef<HTMLInputElement>(null);
  const kept = useKeptDraft(FORM_TITLE, draft, JSON.stringify(draft) !== JSON.stringify(draftOf(desk.settings)));
  const change = (patch: Partial<Draft>): void => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setSaved(false);
    const checked = checkDraft(draft);
    setErrors(checked.errors);
    if (checked.errors.hold) return holdRef.current?.focus();
    if (checked.errors.stale) return staleRef.current?.focus();
    if (!checked.patch) return;
    const result = await save.run(checked.patch);
    if (!result.ok) return;
    setDraft(draftOf(result.value));
    setSaved(true);
  };

  const fields = { desk, draft, change };
  return (
    <>
      <ViewHeading>Settings</ViewHeading>
      <form className="form panel" aria-labelledby="settings-form-title" noValidate onSubmit={(e) => void submit(e)}>
        <h2 id="settings-form-title">{FORM_TITLE}</h2>
        <RestoreDraft title={FORM_TITLE} kept={kept} onRestore={change} />
        <TimingFields {...fields} errors={errors} holdRef={holdRef} staleRef={staleRef} />
        <HotkeyFields {...fields} />
        <DeskLayoutFields
          layout={draft.deskLayout}
          compactFrom={draft.compactFrom}
          compactFromError={errors.compactFrom}
          onLayout={(deskLayout) => change({ deskLayout })}
          onCompactFrom={(compactFrom) => change({ compactFrom })}
        />
        <SystemChecks {...fields} />
        <ErrorText message={save.error} />
        <SaveActions label="Save settings" saved={saved} savedText="Settings saved." />
      </form>
      <HotkeyStatus desk={desk} unsaved={draft.hotkey !== desk.settings.hotkey} />
      <SiteKeys desk={desk} />
      <div className="panel">
        <DeskIdentityForm settings={desk.settings} locked={desk.policy.locked} />
      </div>
      <DiagnosticsExport />
    </>
  );
}
