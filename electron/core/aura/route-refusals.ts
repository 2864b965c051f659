// How the client's routes read AURA's refusals where a status means more than its general reading
// (http.ts): the raise route's 400 (an unknown or deleted site, or a refused body) and the 404s of
// reads that name what was missing.
import { AuraError } from './errors';
import type { StatusReader } from './http';

/** The raise route's 400: an unknown or deleted site (permanent for that site), else a refused body. */
export function raiseRefusal(externalReferenceId: string): StatusReader {
  return (auraMessage, status) =>
    isUnknownSiteMessage(auraMessage, externalReferenceId)
      ? new AuraError(
          'unknownSite',
          `AURA does not know site "${externalReferenceId}": ${auraMessage ?? 'no reason given'}`,
          { status, auraMessage },
        )
      : new AuraError('invalidRequest', `AURA refused the panic for site "${externalReferenceId}": ${auraMessage}`, {
          status,
          auraMessage,
        });
}

/**
 * The raise route answers 400 for an unknown or deleted site (aura-api.md §4.1), but a 400 can
 * also be a refused body. AURA's advice: a 400 whose message names the reference or says "not
 * found" is an unknown site; so is a 400 without a message.
 */
function isUnknownSiteMessage(auraMessage: string | null, externalReferenceId: string): boolean {
  if (auraMessage === null) return true;
  if (externalReferenceId && auraMessage.includes(externalReferenceId)) return true;
  return /not found|unknown|does not exist|no (such )?(predefined )?location|deleted|externalRef/i.test(auraMessage);
}

export function notFound(message: string): StatusReader {
  return (auraMessage, status) => new AuraError('notFound', message, { status, auraMessage });
}
