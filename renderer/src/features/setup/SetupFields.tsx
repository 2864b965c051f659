// Setup's parts: where the desk is connected now, the choice of AURA environment, and the
// credential fields (Base URL for Custom, Client ID and Client secret for all but Training).
import { useId, type RefObject } from 'react';
import { ENVIRONMENT_WORDS } from '@shared/environments';
import { ENVIRONMENTS, type Environment } from '@shared/model/connection';
import type { DeskState } from '@shared/model/desk-state';
import type { LockName } from '@shared/model/lock-names';
import { isLocked, LOCKED_TEXT, LockedNote } from '../../ui/Locked';
import { RadioOption } from '../../ui/RadioOption';
import { TextField } from '../../ui/TextField';
import type { SetupError, SetupField } from './setupErrors';
import type { SetupForm } from './setupForm';

/** "Now: Staging · client ID … · secret saved in the keychain". */
export function ConnectionNow({ conn }: { conn: DeskState['connection'] }) {
  return (
    <p className="connection-now">
      Now: <strong>{ENVIRONMENT_WORDS[conn.environment].label}</strong>
      {conn.baseUrl ? ` at ${conn.baseUrl}` : ''}
      {conn.clientId ? ` · client ID ${conn.clientId}` : ''}
      {conn.environment !== 'training' ? ` · secret ${conn.hasSecret ? 'saved in the keychain' : 'not set'}` : ''}
    </p>
  );
}

/** One radio per environment, with its hint; the policy may lock the choice or forbid Training. */
export function EnvironmentChoice({
  desk,
  environment,
  onChoose,
}: {
  desk: DeskState;
  environment: Environment;
  onChoose(environment: Environment): void;
}) {
  const groupName = useId();
  const locked = isLocked(desk, 'environment');
  return (
    <fieldset className="fieldset">
      <legend>Environment</legend>
      <div className="radios">
        {ENVIRONMENTS.map((env) => (
          <RadioOption
            key={env}
            group={groupName}
            value={env}
            label={ENVIRONMENT_WORDS[env].label}
            hint={ENVIRONMENT_WORDS[env].hint}
            checked={environment === env}
            disabled={
              (locked && env !== desk.connection.environment) || (env === 'training' && !desk.policy.trainingAllowed)
            }
            onChoose={onChoose}
          />
        ))}
      </div>
      <LockedNote locked={locked} />
    </fieldset>
  );
}

interface CredentialProps {
  desk: DeskState;
  form: SetupForm;
  edit(patch: Partial<SetupForm>): void;
  refs: Record<SetupField, RefObject<HTMLInputElement | null>>;
  /** The form's failure: shown beside its field, if it names one. */
  failure: SetupError | null;
  keepsSecret: boolean;
}

/** Base URL (Custom only), then Client ID and Client secret (all but Training). */
export function CredentialFields({ desk, form, edit, refs, failure, keepsSecret }: CredentialProps) {
  const fieldError = (f: SetupField): string | undefined => (failure?.field === f ? failure.message : undefined);
  const lockedHint = (key: LockName): string | undefined => (isLocked(desk, key) ? LOCKED_TEXT : undefined);
  const common = { autoComplete: 'off', spellCheck: false } as const;
  return (
    <>
      {form.environment === 'custom' && (
        <TextField
          ref={refs.baseUrl}
          error={fieldError('baseUrl')}
          label="Base URL"
          hint="For example https://panic.example.aura.services/panic-api/v2"
          type="url"
          {...common}
          readOnly={isLocked(desk, 'baseUrl')}
          value={form.baseUrl}
          onChange={(baseUrl) => edit({ baseUrl })}
        />
      )}
      {form.environment !== 'training' && (
        <>
          <TextField
            ref={refs.clientId}
            error={fieldError('clientId')}
            label="Client ID"
            hint={lockedHint('clientId')}
            readOnly={isLocked(desk, 'clientId')}
            {...common}
            value={form.clientId}
            onChange={(clientId) => edit({ clientId })}
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
            value={form.secret}
            onChange={(secret) => edit({ secret })}
          />
        </>
      )}
    </>
  );
}
