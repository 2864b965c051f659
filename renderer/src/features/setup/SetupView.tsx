import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { deskKind, ENVIRONMENT_WORDS } from '@shared/environments';
import type { DeskState } from '@shared/model/desk-state';
import type { Environment } from '@shared/model/connection';
import { ErrorText } from '../../ui/ErrorText';
import { useCommand } from '../../ui/useCommand';
import { ViewHeading } from '../../ui/ViewHeading';
import { DeskIdentityForm } from '../settings/DeskIdentityForm';
import { FullCheck } from './FullCheck';
import { useLiveSwitch } from './LiveSwitchDialog';
import { ConnectionNow, CredentialFields, EnvironmentChoice } from './SetupFields';
import { setupErrorOf, type SetupError, type SetupField } from './setupErrors';
import { checkSetupForm, credentialsInput, formOf, keepsSecret, type SetupForm } from './setupForm';

function savedText(environment: Environment): string {
  return environment === 'training'
    ? 'Saved: Panic Desk is in Training mode.'
    : `Saved and verified: AURA ${ENVIRONMENT_WORDS[environment].label} accepted the credentials.`;
}

/** Setup would make a desk live that is not live now (Production, or Custom on its host). */
function becomesLive(form: SetupForm, desk: DeskState): boolean {
  return (
    deskKind(form.environment, form.baseUrl) === 'live' &&
    deskKind(desk.environment, desk.connection.baseUrl) !== 'live'
  );
}

function DoneText({ text }: { text: string }) {
  return (
    <p className="ok-text" role="status">
      {text}
    </p>
  );
}

/** The field an error is about takes the focus, so that the operator lands on what to fix. */
function useFocusOnFailure(failure: SetupError | null): Record<SetupField, RefObject<HTMLInputElement | null>> {
  const refs = {
    baseUrl: useRef<HTMLInputElement>(null),
    clientId: useRef<HTMLInputElement>(null),
    secret: useRef<HTMLInputElement>(null),
  };
  useEffect(() => {
    if (failure?.field) refs[failure.field].current?.focus();
  }, [failure]);
  return refs;
}

/**
 * The AURA connection: environment, client ID and secret. The secret goes to main, is verified
 * with AURA and kept in the system keychain; it is never shown again, not even masked.
 */
export function SetupView({ desk }: { desk: DeskState }) {
  const conn = desk.connection;
  const save = useCommand('setup.saveCredentials');
  const [form, setForm] = useState<SetupForm>(() => formOf(conn));
  const edit = (patch: Partial<SetupForm>): void => setForm((f) => ({ ...f, ...patch }));
  // Setup's failures name their field (setupErrors.ts), so they are kept here, not in `save.error`.
  const [failure, setFailure] = useState<SetupError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const refs = useFocusOnFailure(failure);
  // Becoming live is asked once, before anything is sent (issue 23 item 4).
  const live = useLiveSwitch(() => void submit(null, true));
  const goesLive = becomesLive(form, desk);

  const submit = async (e: FormEvent | null, liveConfirmed = false): Promise<void> => {
    e?.preventDefault();
    setDone(null);
    setFailure(null);
    const refused = checkSetupForm(form, conn);
    if (refused) return setFailure(refused);
    if (goesLive && !liveConfirmed) return live.ask();
    const result = await save.run(credentialsInput(form));
    // The secret leaves this form either way: it is never kept in the renderer.
    edit({ secret: '' });
    if (!result.ok) return setFailure(setupErrorOf(result.error.code, result.error.message, form.environment));
    setDone(savedText(form.environment));
  };
  const choose = (environment: Environment): void => {
    edit({ environment });
    setDone(null);
    setFailure(null);
  };

  return (
    <>
      <ViewHeading>Setup</ViewHeading>
      <section className="panel" aria-labelledby="connection-title">
        <h2 id="connection-title">AURA connection</h2>
        <ConnectionNow conn={conn} />
        <form className="form" noValidate onSubmit={(e) => void submit(e)}>
          <EnvironmentChoice desk={desk} environment={form.environment} onChoose={choose} />
          <CredentialFields
            desk={desk}
            form={form}
            edit={edit}
            refs={refs}
            failure={failure}
            keepsSecret={keepsSecret(form, conn)}
          />
          <ErrorText message={failure && !failure.field ? failure.message : null} />
          {done && <DoneText text={done} />}
          <div className="actions">
            <button type="submit" className="button button-primary" aria-busy={save.busy}>
              {save.busy ? 'Verifying with AURA…' : 'Save and verify'}
            </button>
            <FullCheck {...form} />
          </div>
        </form>
        {live.dialog}
      </section>
      <div className="panel">
        <DeskIdentityForm settings={desk.settings} locked={desk.policy.locked} />
      </div>
    </>
  );
}
