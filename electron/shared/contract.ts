// The one contract between the renderer and main: every command's payload schema and reply
// schema, and every event's, keyed by the names in command-names.ts. Both transports (Electron IPC
// and the test harness's WebSocket, both served by wire.ts) and both ends (main's handlers and the
// renderer's bridge) are typed from this map.
import { z } from 'zod';
import type { CommandName, EventName } from './command-names';
import { SiteInputSchema, SiteSchema } from './model/site';
import { PressSchema } from './model/press';
import { CalloutSchema } from './model/callout';
import {
  CompactFromSchema,
  ControlRoomPhoneSchema,
  DeskLayoutSchema,
  SettingsSchema,
  StalePressMinutesSchema,
  QuickMessagesSchema,
  SiteHotkeysSchema,
  MAX_SHOWN_SITES,
} from './model/settings';
import { EnvironmentSchema } from './model/connection';
import { DeskStateSchema, FaultKindSchema } from './model/desk-state';
import { AuditEntrySchema } from './model/audit-entry';
import { isReference } from './reference';

export const TRAINING_STEPS = ['dispatch', 'arrive', 'complete', 'close', 'cancel'] as const;
export const TrainingStepSchema = z.enum(TRAINING_STEPS);
export type TrainingStep = z.infer<typeof TrainingStepSchema>;

const Empty = z.object({}).strict();
const CalloutId = z.string().min(1).max(100).refine(isReference, 'not a callout reference');
const SiteId = z.string().min(1).max(200).refine(isReference, 'not a site reference');

export const CancelReasonSchema = z.object({ id: z.number().int(), text: z.string() });
export type CancelReason = z.infer<typeof CancelReasonSchema>;

export const commands = {
  'state.get': { input: Empty, output: DeskStateSchema },

  // Panic
  'panic.trigger': { input: z.object({ siteId: SiteId }).strict(), output: PressSchema },
  /** Acknowledges a press AURA refused for good; a press still being retried cannot be dismissed. */
  'press.dismiss': { input: z.object({ pressId: z.string().min(1).max(100) }).strict(), output: Empty },
  /** A stale press (not sent within the limit): the operator still needs it, send it now. */
  'press.sendNow': { input: z.object({ pressId: z.string().min(1).max(100) }).strict(), output: Empty },
  /** A stale press: the operator phoned the control room instead; it is put away, never sent. */
  'press.putAway': { input: z.object({ pressId: z.string().min(1).max(100) }).strict(), output: Empty },

  // Callouts
  'callout.reasons': { input: z.object({ calloutId: CalloutId }).strict(), output: z.array(CancelReasonSchema) },
  'callout.cancel': {
    input: z
      .object({
        calloutId: CalloutId,
        reasonId: z.number().int(),
        notes: z.string().max(1000).default(''),
        /** The cancel code, when the administrator's policy asks for one. */
        code: z.string().max(100).optional(),
      })
      .strict(),
    output: z.object({ stage: z.string() }),
  },
  'callout.message': {
    input: z.object({ calloutId: CalloutId, text: z.string().trim().min(1).max(1000) }).strict(),
    output: z.object({ sent: z.literal(true) }),
  },

  // Setup: the AURA connection. The secret goes in here and never comes back out.
  'setup.saveCredentials': {
    input: z
      .object({
        environment: EnvironmentSchema,
        baseUrl: z.string().max(300).nullable().default(null),
        clientId: z.string().trim().max(200).default(''),
        clientSecret: z.string().max(1000).default(''),
      })
      .strict(),
    output: z.object({ saved: z.literal(true) }),
  },

  /** Setup's "Run full check" (Staging and Custom): the read-only conformance walk; saves nothing. */
  'setup.fullCheck': {
    input: z
      .object({
        environment: z.enum(['staging', 'custom']),
        baseUrl: z.string().max(300).nullable().default(null),
        clientId: z.string().trim().max(200).default(''),
        clientSecret: z.string().max(1000).default(''),
      })
      .strict(),
    output: z.object({ passed: z.boolean(), summary: z.string(), markdown: z.string() }),
  },

  // Sites
  'sites.sync': { input: Empty, output: z.array(SiteSchema) },
  'sites.choose': {
    input: z.object({ shownSiteIds: z.array(SiteId).max(MAX_SHOWN_SITES).nullable() }).strict(),
    output: Empty,
  },
  'sites.create': { input: SiteInputSchema, output: SiteSchema },
  'sites.update': { input: SiteInputSchema, output: SiteSchema },
  'sites.delete': { input: z.object({ siteId: SiteId }).strict(), output: Empty },

  // Settings (hold time, hotkey, start at login, notifications, phone number, desk name)
  // The phone number is checked as a phone number here (stored settings stay readable as they were);
  // layout fields are restated without their defaults so that a patch never resets them.
  'settings.update': {
    input: SettingsSchema.omit({ shownSiteIds: true })
      .extend({
        controlRoomPhone: ControlRoomPhoneSchema,
        deskLayout: DeskLayoutSchema,
        compactFrom: CompactFromSchema,
        stalePressMinutes: StalePressMinutesSchema,
        quickMessages: QuickMessagesSchema,
        siteHotkeys: SiteHotkeysSchema,
      })
      .partial()
      .strict(),
    output: SettingsSchema,
  },
  'hotkey.test': { input: z.object({ action: z.enum(['start', 'stop']) }).strict(), output: Empty },
  /** "Test your button" (issue 24): main releases its global keys while it listens; nothing is raised. */
  'button.test': { input: z.object({ action: z.enum(['start', 'stop']) }).strict(), output: Empty },

  // Training (embedded simulator only)
  'training.advance': {
    input: z.object({ calloutId: CalloutId, step: TrainingStepSchema }).strict(),
    output: z.object({ stage: z.string() }),
  },
  'training.autoplay': { input: z.object({ on: z.boolean() }).strict(), output: Empty },
  'training.fault': { input: z.object({ fault: FaultKindSchema.nullable() }).strict(), output: Empty },

  // History (issue 25 item 8): the closed callouts of the last 30 days, asked for by the History
  // view; state updates carry recent work only, and `historyCount` says how many they leave out.
  'history.list': { input: Empty, output: z.object({ callouts: z.array(CalloutSchema) }) },

  // Audit
  'audit.list': {
    input: z
      .object({ text: z.string().max(200).default(''), limit: z.number().int().min(1).max(5000).default(500) })
      .strict(),
    output: z.object({ entries: z.array(AuditEntrySchema), chainOk: z.boolean(), problem: z.string().nullable() }),
  },
  'audit.exportCsv': {
    input: z.object({ text: z.string().max(200).default('') }).strict(),
    output: z.object({ csv: z.string() }),
  },

  // Diagnostics: a folder for IT (versions, AURA environment and client id, readiness history,
  // recent log files, the audit log's verification). Where it went; null when cancelled.
  'diagnostics.export': { input: Empty, output: z.object({ location: z.string().nullable() }) },

  // Notices
  'notice.dismiss': { input: z.object({ id: z.string().min(1).max(100) }).strict(), output: Empty },
} as const satisfies Record<CommandName, { input: z.ZodType; output: z.ZodType }>;

export type CommandInput<N extends CommandName> = z.input<(typeof commands)[N]['input']>;
/** The payload after validation (defaults applied): what a handler receives. */
export type CommandParsedInput<N extends CommandName> = z.output<(typeof commands)[N]['input']>;
export type CommandOutput<N extends CommandName> = z.infer<(typeof commands)[N]['output']>;

export const events = {
  'state.changed': DeskStateSchema,
} as const satisfies Record<EventName, z.ZodType>;
export type EventPayload<N extends EventName> = z.infer<(typeof events)[N]>;

export const ERROR_CODES = ['invalidPayload', 'forbidden', 'failed', 'unknownCommand'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export type CommandError = { code: ErrorCode; message: string };
export type CommandResult<T> = { ok: true; value: T } | { ok: false; error: CommandError };

/** What `window.panicDesk` offers the renderer, whatever the transport. */
export interface PanicDeskBridge {
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<CommandOutput<N>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}
