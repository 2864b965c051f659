// The simulator's records and their persisted form. Validated with zod when a state file is
// read back, so a damaged file can never put a half-built world into the simulator.
import { z } from 'zod';

export const SIM_STEPS = ['dispatch', 'arrive', 'complete', 'close', 'cancel'] as const;
export type SimStep = (typeof SIM_STEPS)[number];

/** Where a callout stands in the simulator (our words, not AURA's status strings). */
export const SIM_PHASES = ['created', 'dispatched', 'arrived', 'completed', 'cancelled', 'closed'] as const;
export type SimPhase = (typeof SIM_PHASES)[number];

export const SimLocationSchema = z.object({
  id: z.number().int(),
  externalReferenceId: z.string(),
  locationIdentifier: z.string(),
  locationDescription: z.string().nullable(),
  locationAdditionalInformation: z.string().nullable(),
  formattedAddress: z.string().nullable(),
  w3w: z.string().nullable(),
  latitude: z.string(),
  longitude: z.string(),
  calloutLocationTypeId: z.number().int().nullable(),
  customerId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Soft delete (aura-api.md §3.3): hidden everywhere, the reference may be reused. */
  deletedAt: z.string().nullable(),
});
export type SimLocation = z.infer<typeof SimLocationSchema>;

export const SimCalloutSchema = z.object({
  id: z.number().int(),
  customerId: z.number().int().nullable(),
  predefinedLocationId: z.number().int(),
  externalReferenceId: z.string(),
  status: z.string(),
  phase: z.enum(SIM_PHASES),
  /** When it entered its phase (ms since epoch): the autoplay script counts from here. */
  phaseSince: z.number(),
  latitude: z.number(),
  longitude: z.number(),
  responseTypeId: z.number().int(),
  calloutClassificationId: z.number().int().nullable(),
  installerIdentifier: z.string().nullable(),
  internalTest: z.boolean(),
  createdAt: z.string(),
  dispatchedAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** A cancel that came with a safeCode (a verified customer cancel). */
  cancelledWithSafeCode: z.boolean(),
});
export type SimCallout = z.infer<typeof SimCalloutSchema>;

export const SimEventSchema = z.object({
  id: z.number().int(),
  calloutId: z.number().int(),
  message: z.string(),
  createdAt: z.string(),
  /** Who wrote it: the integration (this desk) or AURA's control room. */
  author: z.enum(['integration', 'aura']),
});
export type SimEvent = z.infer<typeof SimEventSchema>;

export const SimReasonRecordSchema = z.object({
  id: z.number().int(),
  calloutId: z.number().int(),
  exceptionReasonId: z.number().int(),
  notes: z.string().nullable(),
  createdAt: z.string(),
});
export type SimReasonRecord = z.infer<typeof SimReasonRecordSchema>;

export const AutoplayTimingsSchema = z.object({
  dispatchMs: z.number().int().min(0),
  arriveMs: z.number().int().min(0),
  completeMs: z.number().int().min(0),
  closeMs: z.number().int().min(0),
});
export type AutoplayTimings = z.infer<typeof AutoplayTimingsSchema>;

/** aura-api.md §5.2's suggested script: ≈5 s, 30 s, 60 s, 10 s. */
export const DEFAULT_AUTOPLAY_TIMINGS: AutoplayTimings = {
  dispatchMs: 5_000,
  arriveMs: 30_000,
  completeMs: 60_000,
  closeMs: 10_000,
};

export const PersistedWorldSchema = z.object({
  version: z.literal(1),
  nextIds: z.object({
    location: z.number().int(),
    callout: z.number().int(),
    event: z.number().int(),
    reasonRecord: z.number().int(),
  }),
  locations: z.array(SimLocationSchema),
  callouts: z.array(SimCalloutSchema),
  events: z.array(SimEventSchema),
  reasonRecords: z.array(SimReasonRecordSchema),
  autoplay: z.object({ on: z.boolean(), timings: AutoplayTimingsSchema }),
});
export type PersistedWorld = z.infer<typeof PersistedWorldSchema>;
