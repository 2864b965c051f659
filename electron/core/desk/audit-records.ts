// The words of the desk's audit log in one place: each builder returns the kind, text and data of
// one entry (`audit.record(...entry)`), so the services say what happened, not how it is worded.
import type { Connection } from '../../shared/model/connection';
import type { Press } from '../../shared/model/press';
import type { Site } from '../../shared/model/site';
import type { AuditKind } from '../audit/audit-log';
import { MAY_HOLD_TWO, PRESS_SOURCE_WORDS } from '../dispatch/press-words';
import type { SentHow } from '../dispatch/dispatch-hooks';

type AuditData = Record<string, string | number | boolean | null>;
export type AuditRecord = [kind: AuditKind, text: string, data?: AuditData];

export const pressed = (press: Press, site: string): AuditRecord => [
  'press',
  `${PRESS_SOURCE_WORDS[press.source]}: ${site}`,
  { press: press.id, site: press.siteId, source: press.source },
];

export const notSent = (press: Press, site: string, why: string): AuditRecord => [
  'failure',
  `Panic for ${site} not sent: ${why}`,
  { press: press.id, site: press.siteId, attempt: press.attempts },
];

export const stale = (press: Press, site: string, minutes: number): AuditRecord => [
  'press',
  `Panic for ${site} not confirmed sent within ${minutes} min: retrying stopped, the operator is asked whether it is still needed`,
  { press: press.id, site: press.siteId },
];

export const refusedDismissed = (pressId: string, site: string): AuditRecord => [
  'press',
  `Refused panic for ${site} dismissed by the operator`,
  { press: pressId },
];

export const staleSentNow = (pressId: string, site: string): AuditRecord => [
  'press',
  `Stale panic for ${site}: the operator chose "Send now"`,
  { press: pressId },
];

export const stalePutAway = (pressId: string, site: string): AuditRecord => [
  'press',
  `Stale panic for ${site} put away: the operator phoned the control room`,
  { press: pressId },
];

export const secondPress = (press: Press, calloutId: string, site: string): AuditRecord => [
  'press',
  `Second press on ${site} posted to callout ${calloutId} as an event`,
  { press: press.id, callout: calloutId },
];

export const calloutOfPress = (
  press: Press,
  how: SentHow,
  calloutId: string,
  site: string,
  status: string,
): AuditRecord => [
  how === 'raised' ? 'calloutCreated' : 'calloutAdopted',
  `Callout ${calloutId} for ${site}`,
  { press: press.id, callout: calloutId, site: press.siteId, status },
];

export const mayHoldTwo = (press: Press, calloutId: string, site: string): AuditRecord => [
  'press',
  `${MAY_HOLD_TWO} (${site}): an unanswered raise may have opened a callout that could not be found`,
  { press: press.id, callout: calloutId },
];

export const wrongCancelCode = (calloutId: string): AuditRecord => [
  'cancel',
  `Cancel of callout ${calloutId} refused: wrong cancel code`,
  { callout: calloutId },
];

export const codeLockout = (calloutId: string, failures: number, seconds: number): AuditRecord => [
  'cancel',
  `Cancel of callout ${calloutId} refused: ${failures} wrong codes in a row, cancelling locked for ${seconds} s`,
  { callout: calloutId, failures, seconds },
];

/**
 * A cancel as the log shows it: the same words and data for a real cancel and a duress one
 * (nothing recomputable from the policy either: no check value, issue 21 finding 5).
 */
export const cancelled = (calloutId: string, site: string, note: string, reason: string): AuditRecord => [
  'cancel',
  `Callout ${calloutId} at ${site}: ${note}`,
  { callout: calloutId, reason },
];

export const messageSent = (calloutId: string, text: string): AuditRecord => [
  'message',
  `Message to the control room on callout ${calloutId}: ${text}`,
  { callout: calloutId },
];

export const siteRegistered = (site: Site): AuditRecord => [
  'site',
  `Site registered: ${site.name} (${site.id})`,
  { site: site.id },
];

export const siteEdited = (site: Site, siteId: string): AuditRecord => [
  'site',
  `Site edited: ${site.name} (${site.id})`,
  { site: siteId },
];

export const siteDeleted = (site: Site): AuditRecord => [
  'site',
  `Site deleted: ${site.name} (${site.id})`,
  { site: site.id },
];

export const settingsChanged = (words: string[]): AuditRecord => ['settings', `Settings changed: ${words.join(', ')}`];

export const setByPolicy = (keys: string[]): AuditRecord => [
  'settings',
  `Set by your organisation's policy: ${keys.join(', ')}`,
];

export const trainingFault = (fault: string | null): AuditRecord => [
  'settings',
  fault ? `Training: practising a network failure (${fault})` : 'Training: network failure practice ended',
];

/** A change of AURA connection: environment and client id, never the secret; both URLs. */
export function credentialsChanged(before: Connection, after: Connection): AuditRecord {
  const describe = (c: Connection) =>
    c.environment === 'training' ? 'Training' : `${c.environment} client ${c.clientId} at ${c.baseUrl}`;
  return [
    'credentials',
    `AURA connection changed: ${describe(before)} → ${describe(after)}`,
    {
      environment: after.environment,
      clientId: after.clientId,
      previousBaseUrl: before.baseUrl,
      baseUrl: after.baseUrl,
    },
  ];
}
