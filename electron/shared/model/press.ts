// A press: one operator press (button or hotkey) and where its dispatch stands. Zod first, types
// derived: presses are kept in the outbox file and shown on the page.
import { z } from 'zod';
import { EnvironmentSchema } from './connection';
import { PRESS_PHASES } from '../press-phase';

export const PRESS_STATUSES = ['queued', 'sending', 'notSent', 'sent', 'failed'] as const;
export const PressStatusSchema = z.enum(PRESS_STATUSES);

/**
 * Where a press is to be sent: the environment, base URL and client id of the desk it was made on
 * (Training: no URL, no client). A press is sent only there (docs/decisions.md, issue 20's rule).
 */
export const PressTargetSchema = z.object({
  environment: EnvironmentSchema,
  baseUrl: z.string().nullable(),
  clientId: z.string().nullable(),
});
export type PressTarget = z.infer<typeof PressTargetSchema>;

/** One operator press (button or hotkey) and where its dispatch stands. */
export const PressSchema = z.object({
  id: z.string().min(1),
  siteId: z.string().min(1),
  source: z.enum(['button', 'hotkey', 'tray']),
  pressedAt: z.number(),
  status: PressStatusSchema,
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  calloutId: z.string().nullable(),
  /** A press AURA refused for good, acknowledged by the operator (after phoning the control room). */
  dismissed: z.boolean().default(false),
  /** How AURA recorded it: a new callout, one an unanswered raise had created, or an event on a followed one. */
  via: z.enum(['raised', 'adopted', 'event']).nullable().default(null),
  /** The followed callout this press is to be posted to as an event (AURA answered the raise with it). */
  eventFor: z.string().nullable().default(null),
  /** The last request (raise or event) may have reached AURA without an answer: check before resending. */
  uncertain: z.boolean().default(false),
  /** Not confirmed sent within the limit: retrying stopped; the operator chooses "Send now" or "Put away". */
  stale: z.boolean().default(false),
  /** Raised again after a callout could not be found: AURA may hold two callouts for this press. */
  mayHoldTwo: z.boolean().default(false),
  /** How many callouts AURA may hold beyond this press's own (each re-raise after an unanswered raise). */
  extraCallouts: z.number().int().nonnegative().default(0),
  /** What happened, in plain words for the card (e.g. "AURA added this press to callout 992011…"). */
  outcome: z.string().nullable().default(null),
  /**
   * The AURA connection this press belongs to; null: made while the desk had no live connection
   * (waiting for setup or enrolment), so it belongs to the first live connection that opens.
   */
  target: PressTargetSchema.nullable().default(null),
});
export type Press = z.infer<typeof PressSchema>;

/**
 * A press as the page sees it: the press and its phase, worked out by the desk on the monotonic
 * clock (shared/press-phase.ts), so that every part of the screen shows the same one (issue 23).
 */
export const PressViewSchema = PressSchema.extend({ phase: z.enum(PRESS_PHASES) });
export type PressView = z.infer<typeof PressViewSchema>;

/** Where a new press stands before its first attempt: the fields beyond who, where and when. */
export const NEW_PRESS_STATE = {
  status: 'queued',
  attempts: 0,
  lastError: null,
  calloutId: null,
  via: null,
  eventFor: null,
  uncertain: false,
  stale: false,
  mayHoldTwo: false,
  extraCallouts: 0,
  outcome: null,
  // The desk that records a press sets its own connection here (desk/presses.ts).
  target: null,
} as const satisfies Partial<Press>;
