// Setup's errors in plain words, each tied to the field it is about, so that the form can mark
// that field invalid, put the words beside it and move the focus there. Covers the form's own
// checks (empty, too long), the contract's refusal of an over-long payload, and what main says
// about the connection (refused credentials, an unreachable server, a malformed address).
import { isNetworkPathWords } from '@shared/network-path';

export type SetupField = 'baseUrl' | 'clientId' | 'secret';
export interface SetupError {
  field: SetupField | null;
  message: string;
}

/** The contract's limits (electron/shared/contract.ts, setup.saveCredentials). */
export const SETUP_LIMITS: Record<SetupField, { max: number; words: string }> = {
  baseUrl: { max: 300, words: 'The base URL' },
  clientId: { max: 200, words: 'The client ID' },
  secret: { max: 1000, words: 'The client secret' },
};

export function tooLong(field: SetupField, value: string): SetupError | null {
  const { max, words } = SETUP_LIMITS[field];
  return value.length > max
    ? { field, message: `${words} is too long: ${value.length} characters, at most ${max}. Check what was pasted.` }
    : null;
}

const CONTRACT_FIELDS: Record<string, SetupField> = {
  baseUrl: 'baseUrl',
  clientId: 'clientId',
  clientSecret: 'secret',
};

/** Technical wording that may still reach the screen, in words an IT person and an operator read. */
function plain(message: string): string {
  // A proxy or certificate on the way to AURA: main's words already say what to do.
  if (isNetworkPathWords(message)) return message;
  const refused = /(ECONNREFUSED|connection refused)\s*([\d.:[\]a-z-]*)/i.exec(message);
  if (refused)
    return `Nothing answered at ${refused[2] || 'that address'}: the server is not running there, or the address or port is wrong.`;
  if (/ENOTFOUND|EAI_AGAIN/i.test(message))
    return 'That server name could not be found. Check the address, and that this computer is online.';
  if (/ETIMEDOUT|timed? ?out/i.test(message))
    return 'The server did not answer in time. Check the address and the network.';
  if (/certificate|CERT_|SSL|TLS/i.test(message))
    return 'The server’s security certificate was not accepted. Check the address with AURA.';
  return message;
}

/** Main's or the contract's answer to Save and verify, as a field error or a form error. */
export function setupErrorOf(code: string, message: string, environment: string): SetupError {
  if (code === 'invalidPayload') {
    const field = /: (baseUrl|clientId|clientSecret):/.exec(message)?.[1];
    const f = field ? CONTRACT_FIELDS[field] : undefined;
    if (f)
      return {
        field: f,
        message: `Not saved. ${SETUP_LIMITS[f].words} is too long or not valid (at most ${SETUP_LIMITS[f].max} characters).`,
      };
    return { field: null, message: 'Not saved. Something in the form is not valid.' };
  }
  const unchecked = /could not be checked, so nothing was saved: (.*)$/.exec(message)?.[1];
  if (unchecked) {
    const why = plain(unchecked).replace(/\.$/, '');
    if (isNetworkPathWords(why)) return { field: null, message: `Not saved. ${why}.` };
    return environment === 'custom'
      ? {
          field: 'baseUrl',
          message: `Not saved. ${why} at this base URL: check the address and port, and the network.`,
        }
      : { field: null, message: `Not saved. ${why}. Check the network, then try again.` };
  }
  const text = `Not saved. ${plain(message)}`;
  if (
    /refused these credentials|client ID|secret|credentials/i.test(message) &&
    !/could not be checked/i.test(message)
  ) {
    return { field: /client ID/i.test(message) && !/secret/i.test(message) ? 'clientId' : 'secret', message: text };
  }
  if (
    /base URL|address|https?:|URL/i.test(message) ||
    (environment === 'custom' && /could not be checked|reach/i.test(message))
  ) {
    return { field: environment === 'custom' ? 'baseUrl' : null, message: text };
  }
  return { field: null, message: text };
}
