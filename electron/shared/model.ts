// The nouns of Panic Desk, shared by main, preload, renderer and the web harness.
// Every shape here crosses a trust boundary at some point, so each one is a zod schema first
// and a TypeScript type second (derived, never written twice).
import { z } from 'zod';

import { STAGES } from './stages';

export { STAGES, STAGE_WORDS, type Stage } from './stages';
/** Our normalised lifecycle step of an AURA callout. AURA's own status string is kept beside it. */
export const StageSchema = z.enum(STAGES);

export const ENVIRONMENTS = ['training', 'staging', 'production', 'custom'] as const;
export const EnvironmentSchema = z.enum(ENVIRONMENTS);
export type Environment = z.infer<typeof EnvironmentSchema>;

/** A site is an AURA Fixed Location shown on this desk. Its id is AURA's externalReferenceId. */
export const SiteSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  address: z.string().nullable(),
  auraId: z.number().int().nullable(),
});
export type Site = z.infer<typeof SiteSchema>;

export const TimelineEntrySchema = z.object({
  /** When this desk first saw it (ms since epoch). */
  at: z.number(),
  kind: z.enum(['press', 'stage', 'event']),
  stage: StageSchema.nullable(),
  text: z.string(),
  /** AURA's own timestamp for it, where AURA gave one (ISO 8601). */
  auraAt: z.string().nullable(),
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
  timeline: z.array(TimelineEntrySchema),
});
export type Callout = z.infer<typeof CalloutSchema>;

export const PRESS_STATUSES = ['queued', 'sending', 'notSent', 'sent', 'failed'] as const;
export const PressStatusSchema = z.enum(PRESS_STATUSES);
export type PressStatus = z.infer<typeof PressStatusSchema>;

/** One operator press (button or hotkey) and where its dispatch stands. */
export const PressSchema = z.object({
  id: z.string().min(1),
  siteId: z.string().min(1),
  source: z.enum(['button', 'hotkey']),
  pressedAt: z.number(),
  status: PressStatusSchema,
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  calloutId: z.string().nullable(),
});
export type Press = z.infer<typeof PressSchema>;

export const READINESS_LEVELS = [
  'ready',
  'degraded',
  'offline',
  'credentialsRejected',
  'keychainUnavailable',
  'notConfigured',
] as const;
export const ReadinessSchema = z.object({
  level: z.enum(READINESS_LEVELS),
  /** The sentence the readiness bar shows, e.g. "Ready — AURA Training". */
  message: z.string(),
  lastContactAt: z.number().nullable(),
});
export type Readiness = z.infer<typeof ReadinessSchema>;

export const DeskStateSchema = z.object({
  environment: EnvironmentSchema,
  readiness: ReadinessSchema,
  sites: z.array(SiteSchema),
  presses: z.array(PressSchema),
  callouts: z.array(CalloutSchema),
  controlRoomPhone: z.string(),
});
export type DeskState = z.infer<typeof DeskStateSchema>;
