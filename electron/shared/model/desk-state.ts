// The whole desk as the page sees it (`state.get`, `state.changed`), and the smaller parts that
// belong to no other model file: Training, notices, the hotkey's state, the administrator's policy.
import { z } from 'zod';
import { CalloutSchema } from './callout';
import { ConnectionSchema, EnvironmentSchema, ReadinessSchema } from './connection';
import { LOCK_NAMES } from './lock-names';
import { PressViewSchema } from './press';
import { SettingsSchema } from './settings';
import { SiteSchema } from './site';

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

/** One site's own key as main reports it (issue 24): registered, or why not. */
export const SiteKeyStatusSchema = z.object({
  siteId: z.string(),
  accelerator: z.string(),
  registered: z.boolean(),
  error: z.string().nullable(),
});
export type SiteKeyStatus = z.infer<typeof SiteKeyStatusSchema>;

export const HotkeyStateSchema = z.object({
  registered: z.boolean(),
  /** Why registration failed, in plain words. */
  error: z.string().nullable(),
  /** True while a "test the hotkey" is waiting for the operator's press. */
  testing: z.boolean(),
  lastTestOkAt: z.number().nullable(),
  /**
   * The site the hotkey raises a panic for now (issue 23 item 2): the chosen one; with none chosen
   * (and none set by policy) the desk's only site; else null, and the hotkey does nothing.
   */
  siteId: z.string().nullable().default(null),
  /** Each site key's registration (issue 24); absent: no site key reported yet. */
  siteKeys: z.array(SiteKeyStatusSchema).max(200).optional(),
  /** True while "Test your button" listens: main has released every global key meanwhile. */
  buttonTest: z.boolean().optional(),
});
export type HotkeyState = z.infer<typeof HotkeyStateSchema>;
/** What main reports of its global keys: the hotkey's registration, or each site key's (issue 24). */
export type HotkeyReport = { registered: boolean; error: string | null } | { siteKeys: SiteKeyStatus[] };

/** The administrator's policy as the screen needs it (core/policy.ts has the policy itself). */
export const PolicyStateSchema = z.object({
  /** Where the policy in force came from; empty when the desk is not managed. */
  sources: z.array(z.string()),
  /** The settings the operator cannot change (policy names, docs/policy.md). */
  locked: z.array(z.enum(LOCK_NAMES)),
  /** Why the latest policy was ignored, naming the bad key; null when it was fine. */
  problem: z.string().nullable(),
  trainingAllowed: z.boolean(),
  /** Cancelling a callout asks for a cancel code. */
  cancelCodeRequired: z.boolean(),
  /** Issue 24: `monitor` shows every site's callouts and raises nothing. */
  role: z.enum(['desk', 'monitor']).default('desk'),
  /** What a monitor may do to a callout (`monitorActions`); a desk may do both. */
  monitorActions: z.array(z.enum(['cancel', 'message'])).default([]),
  /** Notifications for callouts raised elsewhere on a shown site (`colleagueAlerts`). */
  colleagueAlerts: z.enum(['off', 'silent', 'sound']).default('off'),
});
export type PolicyState = z.infer<typeof PolicyStateSchema>;
export const UNMANAGED: PolicyState = {
  sources: [],
  locked: [],
  problem: null,
  trainingAllowed: true,
  cancelCodeRequired: false,
  role: 'desk',
  monitorActions: [],
  colleagueAlerts: 'off',
};

/**
 * An unsent press made for another AURA connection than the one this desk runs (issue 20's rule):
 * shown NOT SENT with the control-room number until it is at AURA or put away. `canSendNow`: its
 * own environment's secret is still in the keychain, so "Send now" can send it there.
 */
export const PressElsewhereSchema = z.object({
  pressId: z.string(),
  /** The environment it was made for; null: the first live connection (none has opened yet). */
  environment: EnvironmentSchema.nullable(),
  canSendNow: z.boolean(),
});
export type PressElsewhere = z.infer<typeof PressElsewhereSchema>;

export const DeskStateSchema = z.object({
  environment: EnvironmentSchema,
  connection: ConnectionSchema,
  readiness: ReadinessSchema,
  /** The sites this desk shows, in order (settings.shownSiteIds applied). */
  sites: z.array(SiteSchema),
  /** Every Fixed Location of the account, as last synced. */
  allSites: z.array(SiteSchema),
  lastSyncAt: z.number().nullable(),
  /** Every press not put away, each with its phase (shared/press-phase.ts). */
  presses: z.array(PressViewSchema),
  /** Which of `presses` belong to another connection than this desk's (not sent by this desk). */
  pressesElsewhere: z.array(PressElsewhereSchema).default([]),
  /**
   * Recent work, oldest first: every callout not closed, each site's newest, and those closed in
   * the last hour (at most 20). Not the history (issue 25 item 8): see `historyCount`.
   */
  callouts: z.array(CalloutSchema),
  /** Closed callouts of the last 30 days left out of `callouts`; the History view asks for them (`history.list`). */
  historyCount: z.number().int().nonnegative().default(0),
  settings: SettingsSchema,
  training: TrainingStateSchema.nullable(),
  hotkey: HotkeyStateSchema,
  notices: z.array(NoticeSchema),
  policy: PolicyStateSchema.default(UNMANAGED),
});
export type DeskState = z.infer<typeof DeskStateSchema>;
