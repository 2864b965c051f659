// Setup's form as data: whether the saved secret may be kept, the form's own checks before
// anything is sent, and the `setup.saveCredentials` payload. Pure, so that each rule is tested.
import type { CommandInput } from '@shared/contract';
import type { DeskState } from '@shared/model/desk-state';
import type { Environment } from '@shared/model/connection';
import { tooLong, type SetupError } from './setupErrors';

export interface SetupForm {
  environment: Environment;
  baseUrl: string;
  clientId: string;
  secret: string;
}

type Connection = DeskState['connection'];

/** The form as it opens: the saved connection, never a secret. */
export function formOf(conn: Connection): SetupForm {
  return { environment: conn.environment, baseUrl: conn.baseUrl ?? '', clientId: conn.clientId ?? '', secret: '' };
}

/** The form's Custom URL is the one the connection was saved for (always so for other environments). */
export function sameUrl(form: SetupForm, conn: Connection): boolean {
  return form.environment !== 'custom' || form.baseUrl.trim().replace(/\/+$/, '') === conn.baseUrl;
}

/**
 * A saved secret is bound to its environment, URL and client ID (main enforces it): the form
 * offers to keep it only while all three are unchanged, so a changed URL asks for the secret again.
 */
export function keepsSecret(form: SetupForm, conn: Connection): boolean {
  return (
    conn.hasSecret &&
    form.environment === conn.environment &&
    form.environment !== 'training' &&
    sameUrl(form, conn) &&
    form.clientId.trim() === conn.clientId
  );
}

/** What the form itself refuses before sending (empty or over-long fields), tied to its field. */
export function checkSetupForm(form: SetupForm, conn: Connection): SetupError | null {
  const { environment, baseUrl, clientId, secret } = form;
  const needsCredentials = environment !== 'training';
  if (environment === 'custom' && !baseUrl.trim())
    return { field: 'baseUrl', message: 'Enter the base URL AURA gave you.' };
  if (needsCredentials && !clientId.trim()) return { field: 'clientId', message: 'Enter the client ID AURA gave you.' };
  if (needsCredentials && !secret && !keepsSecret(form, conn)) {
    const message =
      conn.hasSecret && !sameUrl(form, conn)
        ? 'Enter the client secret again: the saved one is only sent to the address it was saved for.'
        : 'Enter the client secret AURA gave you.';
    return { field: 'secret', message };
  }
  return (
    (environment === 'custom' ? tooLong('baseUrl', baseUrl.trim()) : null) ??
    (needsCredentials ? (tooLong('clientId', clientId.trim()) ?? tooLong('secret', secret)) : null)
  );
}

/** The payload: Training sends no credentials; only Custom sends a base URL. */
export function credentialsInput(form: SetupForm): CommandInput<'setup.saveCredentials'> {
  const needsCredentials = form.environment !== 'training';
  return {
    environment: form.environment,
    baseUrl: form.environment === 'custom' ? form.baseUrl.trim() : null,
    clientId: needsCredentials ? form.clientId.trim() : '',
    clientSecret: needsCredentials ? form.secret : '',
  };
}
