// An administrator's managed policy (docs/policy.md): what IT sets for every desk, and which of
// those settings the operator may not change. The OS readers (main/policy-sources.ts) hand raw
// values from each source here; this module validates them with one strict schema, merges the
// sources, and says which settings a policy sets. A source that fails the schema makes the whole
// policy invalid: the caller keeps its last good policy and shows a warning naming the bad key.
import { z } from 'zod';
import { QuickMessagesSchema, type Settings } from '../shared/model/settings';
import { EnvironmentSchema } from '../shared/model/connection';
import { customUrlProblem } from './aura/environments';

/** The settings a policy can lock (names as in docs/policy.md). */
export const LOCKABLE = [
  'environment',
  'baseUrl',
  'clientId',
  'sites',
  'hotkey',
  'hotkeySite',
  'holdMs',
  'controlRoomPhone',
  'deskName',
  'stalePressMinutes',
  'startAtLogin',
  'notifications',
  'quickMessages',
] as const;
export type Lockable = (typeof LOCKABLE)[number];

/** A salted scrypt hash as written by `npm run policy:hash` (see core/duress.ts). */
const CodeHash = z.string().regex(/^scrypt\$[A-Za-z0-9+/=]{16,64}\$[A-Za-z0-9+/=]{40,100}$/, 'not a code hash');

export const PolicySchema = z
  .object({
    environment: EnvironmentSchema.optional(),
    baseUrl: z
      .string()
      .max(300)
      .refine((url) => customUrlProblem(url) === null, { error: (i) => customUrlProblem(String(i.input)) ?? 'invalid' })
      .optional(),
    clientId: z.string().trim().min(1).max(200).optional(),
    /** The sites this desk shows, in this order (AURA external reference ids). */
    sites: z.array(z.string().min(1).max(200)).max(500).optional(),
    hotkey: z.string().max(100).optional(),
    hotkeySite: z.string().min(1).max(200).nullable().optional(),
    holdMs: z.number().int().min(0).max(5000).optional(),
    controlRoomPhone: z.string().max(40).optional(),
    deskName: z.string().max(80).optional(),
    stalePressMinutes: z.number().int().min(1).max(1440).optional(),
    startAtLogin: z.boolean().optional(),
    notifications: z.boolean().optional(),
    /** The callout's one-tap messages to the control room, in order. */
    quickMessages: QuickMessagesSchema.optional(),
    trainingAllowed: z.boolean().optional(),
    /** Cancel codes: off unless set. Cancelling then asks for a code; a duress code only seems to cancel. */
    cancelCodes: z
      .object({
        cancel: z.array(CodeHash).min(1).max(20),
        duress: z.array(CodeHash).max(20).default([]),
      })
      .strict()
      .optional(),
    locked: z
      .array(z.enum(LOCKABLE))
      .max(LOCKABLE.length * 2)
      .optional(),
  })
  .strict();
export type Policy = z.infer<typeof PolicySchema>;

/** One source's raw values, as read from a file, the registry or a managed plist. */
export interface PolicySource {
  /** Where it came from, in words an administrator recognises (a path or a registry key). */
  name: string;
  values: unknown;
}

export type PolicyRead =
  { ok: true; policy: Policy; sources: string[] } | { ok: false; problem: string; badKey: string | null };

/** Validates each source, then merges them in order (later sources win; `locked` lists add up). */
export function mergePolicy(sources: readonly PolicySource[]): PolicyRead {
  let merged: Policy = {};
  const names: string[] = [];
  for (const source of sources) {
    const parsed = PolicySchema.safeParse(source.values);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const key =
        issue?.code === 'unrecognized_keys'
          ? (issue.keys[0] ?? null)
          : issue?.path.length
            ? issue.path.join('.')
            : null;
      const what = issue?.code === 'unrecognized_keys' ? 'is not a policy setting' : (issue?.message ?? 'is invalid');
      return {
        ok: false,
        badKey: key,
        problem: `The policy from ${source.name} was ignored: ${key ? `"${key}" ` : ''}${what}. The desk keeps its last good configuration.`,
      };
    }
    const locked = [...new Set([...(merged.locked ?? []), ...(parsed.data.locked ?? [])])];
    merged = { ...merged, ...parsed.data, ...(locked.length ? { locked } : {}) };
    names.push(source.name);
  }
  return { ok: true, policy: merged, sources: names };
}

/** The desk settings a policy sets, by the setting's name in the store. */
export function settingsFromPolicy(policy: Policy): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (policy.sites !== undefined) out.shownSiteIds = policy.sites;
  if (policy.hotkey !== undefined) out.hotkey = policy.hotkey;
  if (policy.hotkeySite !== undefined) out.hotkeySiteId = policy.hotkeySite;
  if (policy.holdMs !== undefined) out.holdMs = policy.holdMs;
  if (policy.controlRoomPhone !== undefined) out.controlRoomPhone = policy.controlRoomPhone;
  if (policy.deskName !== undefined) out.deskName = policy.deskName;
  if (policy.startAtLogin !== undefined) out.startAtLogin = policy.startAtLogin;
  if (policy.notifications !== undefined) out.notifications = policy.notifications;
  if (policy.stalePressMinutes !== undefined) out.stalePressMinutes = policy.stalePressMinutes;
  if (policy.quickMessages !== undefined) out.quickMessages = policy.quickMessages;
  return out;
}

/** The policy name of each desk setting it can lock. */
export const LOCK_OF_SETTING: Partial<Record<keyof Settings, Lockable>> = {
  shownSiteIds: 'sites',
  hotkey: 'hotkey',
  hotkeySiteId: 'hotkeySite',
  holdMs: 'holdMs',
  controlRoomPhone: 'controlRoomPhone',
  deskName: 'deskName',
  startAtLogin: 'startAtLogin',
  notifications: 'notifications',
  stalePressMinutes: 'stalePressMinutes',
  quickMessages: 'quickMessages',
};

export function isLocked(policy: Policy, key: Lockable): boolean {
  return policy.locked?.includes(key) ?? false;
}

/**
 * Applies a policy to the operator's settings. A policy value is the desk's value when it is new
 * or changed since the last policy (so IT's change reaches every desk), and always when locked;
 * an unlocked value the operator changed afterwards is theirs until IT changes it again.
 */
export function applyPolicyToSettings(
  settings: Settings,
  policy: Policy,
  previouslyApplied: Partial<Settings>,
): Settings {
  const wanted = settingsFromPolicy(policy);
  const next: Record<string, unknown> = { ...settings };
  for (const [key, value] of Object.entries(wanted) as Array<[keyof Settings, unknown]>) {
    const lock = LOCK_OF_SETTING[key];
    const locked = lock ? isLocked(policy, lock) : false;
    const changedByIt = JSON.stringify(previouslyApplied[key]) !== JSON.stringify(value);
    if (locked || changedByIt) next[key] = value;
  }
  return next as Settings;
}
