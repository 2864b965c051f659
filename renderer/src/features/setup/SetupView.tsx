import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ENVIRONMENT_WORDS } from '@shared/environments';
import { ENVIRONMENTS, type Environment } from '@shared/model/connection';
import type { DeskState } from '@shared/model/desk-state';
import { useDesk } from '../../store';
import { ErrorText } from '../../ui/ErrorText';
import { isLocked, LOCKED_TEXT, LockedNote } from '../../ui/Locked';
import { TextField } from '../../ui/TextField';
import { ViewHeading } from '../../ui/ViewHeading';
import { DeskIdentityForm } from '../settings/DeskIdentityForm';
import { FullCheck } from './FullCheck';
import { setupErrorOf, tooLong, type SetupError, type SetupField } from './setupErrors';

/**
 * The AURA connection: environment, client ID and secret. The secret goes to main, is verified
 * with AURA and kept in the system keychain; it is never shown again, not even masked.
 */
export function SetupView({ desk }: { desk: DeskState }) {
  const call = useDesk((s) => s.call);
  const conn = desk.connection;
  const [environment, setEnvironment] = useState<Environment>(conn.environment);
  const [baseUrl, setBaseUrl] = useState(conn.baseUrl ?? '');
  const [clientId, setClientId] = useState(conn.clientId ?? '');
  const [secret, setSecret] = useState('');
  const [failure, setFailure] = useState<SetupError | null>(null);
  const setError = (message: string | null, field: SetupField | null = null): void =>
    setFailure(message === null ? null : { field, message });
  const refs = {
    baseUrl: useRef<HTMLInputElement>(null),
    clientId: useRef<HTMLInputElement>(null),
    secret: useRef<HTMLInputElement>(null),
  };
  // The field an error is about takes the focus, so that the operator lands on what to fix.
  useEffect(() => {
    if (failure?.field) refs[failure.field].current?.focus();
  }, [failure]);
  const fieldError = (f: SetupField): string | undefined => (failure?.field === f ? failure.message : undefined);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const groupName = useId();
  const needsCredentials = environment !== 'training';
  // A saved secret is bound to its environment, URL and client ID (main enforces it): offer to
  // keep it only while all three are unchanged, so a changed URL asks for the secret again.
  const sameUrl = environment !== 'custom' || baseUrl.trim().replace(/\/+$/, '') === conn.baseUrl;
  const keepsSecret =
    conn.hasSecret &&
    environment === conn.environment &&
    environment !== 'training' &&
    sameUrl &&
    clientId.trim() === conn.clientId;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setDone(null);
    setError(null);
    if (environment === 'custom' && !baseUrl.trim()) return setError('Enter the base URL AURA gave you.', 'baseUrl');
    if (needsCredentials && !clientId.trim()) return setError('Enter the client ID AURA gave you.', 'clientId');
    if (needsCredentials && !secret && !keepsSecret) {
      return setError(
        conn.hasSecret && !sameUrl
          ? 'Enter the client secret again: the saved one is only sent to the address it was saved for.'
          : 'Enter the client secret AURA gave you.',
        'secret',
      );
    }
    const long =
      (environment === 'custom' ? tooLong('baseUrl', baseUrl.trim()) : null) ??
      (needsCredentials ? (tooLong('clientId', clientId.trim()) ?? tooLong('secret', secret)) : null);
    if (long) return setFailure(long);
    setBusy(true);
    const result = await call('setup.saveCredentials', {
      environment,
      baseUrl: environment === 'custom' ? baseUrl.trim() : null,
      clientId: needsCredentials ? clientId.trim() : '',
      clientSecret: needsCredentials ? secret : '',
    });
    setBusy(false);
    // The secret leaves this form either way: it is never kept in the renderer.
    setSecret('');
    if (!result.ok) return setFailure(setupErrorOf(result.error.code, result.error.message, environment));
    setDone(
      environment === 'training'
        ? 'Saved: Panic Desk is in Training mode.'
        : `Saved and verified: AURA ${ENVIRONMENT_WORDS[environment].label} accepted the credentials.`,
    );
  };

  return (
    <>
      <ViewHeading>Setup</ViewHeading>
      <section className="panel" aria-labelledby="connection-title">
        <h2 id="connection-title">AURA connection</h2>
        <p className="connection-now">
          Now: <strong>{ENVIRONMENT_WORDS[conn.environment].label}</strong>
          {conn.baseUrl ? ` at ${conn.baseUrl}` : ''}
          {conn.clientId ? ` · client ID ${conn.clientId}` : ''}
          {conn.environment !== 'training' ? ` · secret ${conn.hasSecret ? 'saved in the keychain' : 'not set'}` : ''}
        </p>
        <form className="form" noValidate onSubmit={(e) => void submit(e)}>
          <fieldset className="fieldset">
            <legend>Environment</legend>
            <div className="radios">
              {ENVIRONMENTS.map((env) => (
                <div key={env} className="radio">
                  <input
                    id={`${groupName}-${env}`}
                    type="radio"
                    name={groupName}
                    value={env}
                    checked={environment === env}
                    disabled={
                      (isLocked(desk, 'environment') && env !== conn.environment) ||
                      (env === 'training' && !desk.policy.trainingAllowed)
                    }
                    aria-describedby={`${groupName}-${env}-hint`}
                    onChange={() => {
                      setEnvironment(env);
                      setDone(null);
                      setError(null);
                    }}
                  />
                  <label htmlFor={`${groupName}-${env}`} className="radio-label">
                    {ENVIRONMENT_WORDS[env].label}
                  </label>
                  <span className="radio-hint" id={`${groupName}-${env}-hint`}>
                    {ENVIRONMENT_WORDS[env].hint}
                  </span>
                </div>
              ))}
            </div>
            <LockedNote locked={isLocked(desk, 'environment')} />
          </fieldset>
          {environment === 'custom' && (
            <TextField
              ref={refs.baseUrl}
              error={fieldError('baseUrl')}
              label="Base URL"
              hint="For example https://panic.example.aura.services/panic-api/v2"
              type="url"
              autoComplete="off"
              spellCheck={false}
              readOnly={isLocked(desk, 'baseUrl')}
              value={baseUrl}
              onChange={setBaseUrl}
            />
          )}
          {needsCredentials && (
            <>
              <TextField
                ref={refs.clientId}
                error={fieldError('clientId')}
                label="Client ID"
                hint={isLocked(desk, 'clientId') ? LOCKED_TEXT : undefined}
                readOnly={isLocked(desk, 'clientId')}
                autoComplete="off"
                spellCheck={false}
                value={clientId}
                onChange={setClientId}
              />
              <TextField
                ref={refs.secret}
                error={fieldError('secret')}
                label="Client secret"
                hint={
                  keepsSecret
                    ? 'A secret is saved. Leave this empty to keep it; it is never shown again.'
                    : 'Kept in the system keychain; never shown again after saving.'
                }
                type="password"
                autoComplete="new-password"
                spellCheck={false}
                value={secret}
                onChange={setSecret}
              />
            </>
          )}
          <ErrorText message={failure && !failure.field ? failure.message : null} />
          {done && (
            <p className="ok-text" role="status">
              {done}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="button button-primary" aria-busy={busy}>
              {busy ? 'Verifying with AURA…' : 'Save and verify'}
            </button>
            <FullCheck environment={environment} baseUrl={baseUrl} clientId={clientId} secret={secret} />
          </div>
        </form>
      </section>
      <div className="panel">
        <DeskIdentityForm settings={desk.settings} locked={desk.policy.locked} />
      </div>
    </>
  );
}
