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
export const SiteSchema = z.preprocess(
  upgradeSavedSite,
  z.object({
    id: z.string().min(1),
    /** The name to show: see displayNameOf (core/aura/locations.ts). */
    name: z.string(),
    address: z.string().nullable(),
    auraId: z.number().int().nullable(),
    description: z.string().nullable().default(null),
    latitude: z.number().nullable().default(null),
    longitude: z.number().nullable().default(null),
    locationTypeId: z.number().int().nullable().default(null),
    /** AURA's `locationIdentifier` as read (absent in sites saved before it was kept). */
    identifier: z.string().nullable().optional(),
  }),
);
export type Site = z.infer<typeof SiteSchema>;

/**
 * Sites saved before `identifier` was kept show a site registered the quickstart's way by its
 * reference ("site_9944") with the name in `description`: read such a one as named by its
 * description. Anything else passes unchanged (the schema then checks it).
 */
function upgradeSavedSite(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const site = raw as Record<string, unknown>;
  if (site.identifier !== undefined) return raw;
  const { id, name, description } = site;
  if (typeof id === 'string' && name === id && typeof description === 'string' && description.trim() !== '') {
    return { ...site, name: description.trim(), description: null, identifier: id };
  }
  return raw;
}

/** What the operator enters to register or edit a Fixed Location (sent to AURA as strings). */
export const SiteInputSchema = z
  .object({
    externalReferenceId: z
      .string()
      .trim()
      .min(1, 'Reference is required')
      .max(100)
      .regex(/^[A-Za-z0-9_.:-]+$/, 'Reference may use letters, digits and _ . : - only')
      .refine((ref) => !/^\.+$/.test(ref), 'Reference must have a letter or digit'),
    name: z.string().trim().min(1, 'Name is required').max(200),
    /** AURA's locationIdentifier; empty: the reference, as in AURA's quickstart. */
    locationIdentifier: z.string().trim().max(200).default(''),
    description: z.string().trim().max(500).default(''),
    address: z.string().trim().max(300).default(''),
    latitude: z.number().min(-90, 'Latitude is between -90 and 90').max(90, 'Latitude is between -90 and 90'),
    longitude: z.number().min(-180, 'Longitude is between -180 and 180').max(180, 'Longitude is between -180 and 180'),
    locationTypeId: z.number().int().positive().nullable().default(null),
  })
  .strict();
export type SiteInput = z.infer<typeof SiteInputSchema>;

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
});
export type Press = z.infer<typeof PressSchema>;

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
} as const satisfies Partial<Press>;

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

/** More sites than any desk shows; a bound so that no payload can grow the settings file without end. */
export const MAX_SHOWN_SITES = 2000;

/**
 * A phone number a guard can dial: E.164 ("+27115550199") or a local format with digits, spaces,
 * +, -, parentheses and dots, with 3 to 20 digits in all. Anything else ("call Bob") is refused.
 */
export const PhoneNumberSchema = z
  .string()
  .trim()
  .max(40, 'The phone number is too long (40 characters at most)')
  .refine((v) => /^\+?[0-9 ()\-.]+$/.test(v), 'Use digits, spaces, +, - and parentheses only, e.g. +27 11 555 0199')
  .refine((v) => /^\+?[^+]*$/.test(v), 'A + may only come first')
  .refine((v) => {
    const digits = v.replace(/\D/g, '').length;
    return digits >= 3 && digits <= 20;
  }, 'A phone number has 3 to 20 digits');
/** The control room's number as the operator may save it: a phone number, or empty (not set yet). */
export const ControlRoomPhoneSchema = z.union([z.literal(''), PhoneNumberSchema]);

/** How the desk lays out its cards: compact fits many sites above the fold; auto switches at `compactFrom`. */
export const DESK_LAYOUTS = ['auto', 'compact', 'normal'] as const;
export const DeskLayoutSchema = z.enum(DESK_LAYOUTS);
export type DeskLayout = z.infer<typeof DeskLayoutSchema>;
export const CompactFromSchema = z.number().int().min(2).max(1000);

/** How long an unsent press may keep retrying before it asks the operator (minutes). */
export const StalePressMinutesSchema = z.number().int().min(1).max(1440);

export const SettingsSchema = z.object({
  /** How long the panic button must be held, 0 to 5 s. */
  holdMs: z.number().int().min(0).max(5000),
  /** Electron accelerator of the silent global hotkey; empty turns it off. */
  hotkey: z.string().max(100),
  /** The site the hotkey raises a callout for. */
  hotkeySiteId: z.string().max(200).nullable(),
  startAtLogin: z.boolean(),
  notifications: z.boolean(),
  /** Shown on every NOT SENT state: the fallback when AURA cannot be reached. */
  controlRoomPhone: z.string().max(40),
  /** Recorded in the audit log with every entry. */
  deskName: z.string().max(80),
  /** The sites this desk shows, in order; null shows every Fixed Location in AURA's order. */
  shownSiteIds: z.array(z.string().max(200)).max(MAX_SHOWN_SITES).nullable(),
  /** Card layout of the desk (defaults so that settings saved before it existed still load). */
  deskLayout: DeskLayoutSchema.default('auto'),
  /** With layout "auto": the number of shown sites from which the desk goes compact. */
  compactFrom: CompactFromSchema.default(10),
  /** A press not confirmed sent within this many minutes stops retrying and asks the operator. */
  stalePressMinutes: StalePressMinutesSchema.default(10),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  holdMs: 1500,
  hotkey: 'CommandOrControl+Alt+Shift+P',
  hotkeySiteId: null,
  startAtLogin: true,
  notifications: true,
  controlRoomPhone: '',
  deskName: '',
  shownSiteIds: null,
  deskLayout: 'auto',
  compactFrom: 10,
  stalePressMinutes: 10,
};

/** Where this desk's AURA connection stands. Never carries the secret, only whether one is set. */
export const ConnectionSchema = z.object({
  environment: EnvironmentSchema,
  baseUrl: z.string().nullable(),
  clientId: z.string().nullable(),
  hasSecret: z.boolean(),
});
export type Connection = z.infer<typeof ConnectionSchema>;

export const FAULT_KINDS = [
  'latency',
  'reset',
  'error500',
  'error502',
  'rateLimited',
  'truncated',
  'tokenExpiry',
] as const;
export const FaultKindSchema = z.enum(FAULT_KINDS);
export type FaultKind = z.infer<typeof FaultKindSchema>;

export const TrainingStateSchema = z.object({
  autoplay: z.boolean(),
  /** The network failure being practised, if any. */
  fault: FaultKindSchema.nullable(),
});
export type TrainingState = z.infer<typeof TrainingStateSchema>;

/** Something the operator must be told once (a settings file moved aside, a broken audit chain). */
export const NoticeSchema = z.object({
  id: z.string(),
  at: z.number(),
  level: z.enum(['info', 'warning', 'error']),
  text: z.string(),
});
export type Notice = z.infer<typeof NoticeSchema>;

export const HotkeyStateSchema = z.object({
  registered: z.boolean(),
  /** Why registration failed, in plain words. */
  error: z.string().nullable(),
  /** True while a "test the hotkey" is waiting for the operator's press. */
  testing: z.boolean(),
  lastTestOkAt: z.number().nullable(),
});
export type HotkeyState = z.infer<typeof HotkeyStateSchema>;

/** The administrator's policy as the screen needs it (core/policy.ts has the policy itself). */
export const PolicyStateSchema = z.object({
  /** Where the policy in force came from; empty when the desk is not managed. */
  sources: z.array(z.string()),
  /** The settings the operator cannot change (policy names, docs/policy.md). */
  locked: z.array(z.string()),
  /** Why the latest policy was ignored, naming the bad key; null when it was fine. */
  problem: z.string().nullable(),
  trainingAllowed: z.boolean(),
  /** Cancelling a callout asks for a cancel code. */
  cancelCodeRequired: z.boolean(),
});
export type PolicyState = z.infer<typeof PolicyStateSchema>;
export const UNMANAGED: PolicyState = {
  sources: [],
  locked: [],
  problem: null,
  trainingAllowed: true,
  cancelCodeRequired: false,
};

export const DeskStateSchema = z.object({
  environment: EnvironmentSchema,
  connection: ConnectionSchema,
  readiness: ReadinessSchema,
  /** The sites this desk shows, in order (settings.shownSiteIds applied). */
  sites: z.array(SiteSchema),
  /** Every Fixed Location of the account, as last synced. */
  allSites: z.array(SiteSchema),
  lastSyncAt: z.number().nullable(),
  presses: z.array(PressSchema),
  /** Active callouts and closed ones of the last 30 days (the history), oldest first. */
  callouts: z.array(CalloutSchema),
  settings: SettingsSchema,
  training: TrainingStateSchema.nullable(),
  hotkey: HotkeyStateSchema,
  notices: z.array(NoticeSchema),
  policy: PolicyStateSchema.default(UNMANAGED),
});
export type DeskState = z.infer<typeof DeskStateSchema>;

export const AuditEntrySchema = z.object({
  seq: z.number().int().nonnegative(),
  at: z.number(),
  desk: z.string(),
  kind: z.string(),
  text: z.string(),
  data: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
