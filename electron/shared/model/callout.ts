// A callout as the desk follows it: its stage, its responder and its timeline. Zod first, types
// derived: callouts are read back from the store and sent to the page in every state snapshot.
import { z } from 'zod';
import { STAGES } from '../stages';

/** Our normalised lifecycle step of an AURA callout. AURA's own status string is kept beside it. */
export const StageSchema = z.enum(STAGES);

/** The responder, as far as AURA tells us (incidentInformation; its fields are undocumented). */
export const ResponderSchema = z.object({
  name: z.string().nullable(),
  phone: z.string().nullable(),
  supplier: z.string().nullable(),
});
export type Responder = z.infer<typeof ResponderSchema>;

export const TimelineEntrySchema = z.object({
  /** When this desk first saw it (ms since epoch). */
  at: z.number(),
  kind: z.enum(['press', 'stage', 'event']),
  stage: StageSchema.nullable(),
  text: z.string(),
  /** AURA's own timestamp for it, where AURA gave one (ISO 8601). */
  auraAt: z.string().nullable(),
  /** An event this desk wrote (a message to the control room): the screen marks it as ours. */
  fromDesk: z.boolean().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>;

export const CalloutSchema = z.object({
  /** AURA's callout id, as a string so that the id's type never matters to the UI. */
  id: z.string().min(1),
  siteId: z.string().min(1),
  stage: StageSchema,
  rawStatus: z.string(),
  pressedAt: z.number(),
  silent: z.boolean(),
  responder: ResponderSchema.nullable().default(null),
  /** When AURA reported it closed (ms since epoch), for the 30-day history. */
  closedAt: z.number().nullable().default(null),
  timeline: z.array(TimelineEntrySchema),
  /** Raised by someone else (another desk, an alarm panel, the control room), found in AURA's active list. */
  raisedElsewhere: z.boolean().optional(),
  /** When the desk stopped following it (completed or cancelled for 24 h and never closed in AURA). */
  unfollowedAt: z.number().nullable().optional(),
});
export type Callout = z.infer<typeof CalloutSchema>;
