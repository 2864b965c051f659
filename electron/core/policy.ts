// An administrator's managed policy (docs/policy.md): what IT sets for every desk, and which of
// those settings the operator may not change. The OS readers (main/policy-sources.ts) hand raw
// values from each source here; this module validates them with one strict schema, merges the
// sources, and says which settings a policy sets. A source that fails the schema makes the whole
// policy invalid: the caller keeps its last good policy and shows a warning naming the bad key.
import { z } from 'zod';
import { QuickMessagesSchema, type Settings } from '../shared/model/settings';
import { SiteHotkeysPolicySchema } from './policy-site-keys';
import { EnvironmentSchema } from '../shared/model/connection';
import { customUrlProblem } from './aura/environments';
import { costProblem, parseCodeHash, sharedSaltProblem } from './cancel-codes';
import { parseSyslogTarget } from './siem/transports';

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
  'siteHotkeys',
] as const;
export type Lockable = (typeof LOCKABLE)[number];

/** A salted scrypt hash as written by `npm run policy:hash` (core/cancel-codes.ts). */
const CodeHash = z
  .string()
  // The shape, for the admin templates' JSON Schema (the refinement below is what the desk checks).
  .regex(/^scrypt\$(?:ln=\d+,r=\d+,p=\d+\$)?[A-Za-z0-9+/=]{16,64}\$[A-Za-z0-9+/=]{40,100}$/, 'not a code hash')
  .refine(
    (text) => {
      const parsed = parseCodeHash(text);
      return parsed !== null && costProblem(parsed) === null;
    },
    { error: 'not a code hash of npm run policy:hash' },
  );

// Each key's `meta` (title, description, an example) is the one source of the admin templates
// (`npm run policy:templates`: ADMX/ADML, the macOS profile, the JSON Schema for Jamf).
const SAMPLE_HASH = 'scrypt$ln=17,r=8,p=1$813xRLOJ4DApSLCbpDSsYw==$R8FIi7C+bsZZ40UcFjC0wBCZ6WivPOoE1XuyOZcTOuE=';
const about = (title: string, description: string, example: unknown) => ({ title, description, examples: [example] });

export const PolicySchema = z
  .object({
    environment: EnvironmentSchema.meta(
      about('AURA environment', 'The AURA environment this desk raises panics in.', 'production'),
    ).optional(),
    baseUrl: z
      .string()
      .max(300)
      .refine((url) => customUrlProblem(url) === null, { error: (i) => customUrlProblem(String(i.input)) ?? 'invalid' })
      .meta(
        about(
          'AURA base URL',
          'The AURA base URL (https), for the custom environment.',
          'https://aura.example.com/panic-api/v2',
        ),
      )
      .optional(),
    clientId: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .meta(
        about('AURA client ID', 'The AURA client ID. The secret comes by enrolment, never by policy.', 'acme-desks'),
      )
      .optional(),
    /** The sites this desk shows, in this order (AURA external reference ids). */
    sites: z
      .array(z.string().min(1).max(200))
      .max(500)
      .meta(
        about('Sites shown', 'The sites this desk shows, in this order: AURA external reference ids, one per line.', [
          'site_9944',
        ]),
      )
      .optional(),
    hotkey: z
      .string()
      .max(100)
      .meta(
        about(
          'Silent hotkey',
          'The silent global hotkey, an Electron accelerator such as CommandOrControl+Alt+Shift+P; empty turns it off.',
          'CommandOrControl+Alt+Shift+P',
        ),
      )
      .optional(),
    hotkeySite: z
      .string()
      .min(1)
      .max(200)
      .nullable()
      .meta(
        about(
          'Hotkey site',
          'The external reference id of the site the silent hotkey raises a panic for.',
          'site_9944',
        ),
      )
      .optional(),
    siteHotkeys: SiteHotkeysPolicySchema.optional(),
    holdMs: z
      .number()
      .int()
      .min(0)
      .max(5000)
      .meta(about('Hold time (ms)', 'How long the panic button must be held, in milliseconds (0 to 5000).', 1500))
      .optional(),
    controlRoomPhone: z
      .string()
      .max(40)
      .meta(
        about(
          'Control-room phone number',
          'The control room’s phone number, shown on every NOT SENT.',
          '+27 21 555 0100',
        ),
      )
      .optional(),
    deskName: z
      .string()
      .max(80)
      .meta(
        about(
          'Desk name',
          'The desk’s name in the audit log and in messages to AURA; empty: the computer’s name.',
          'Reception',
        ),
      )
      .optional(),
    stalePressMinutes: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .meta(
        about(
          'Stale press limit (minutes)',
          'Past this, an unsent press asks the operator before it is sent late (1 to 1440).',
          10,
        ),
      )
      .optional(),
    startAtLogin: z
      .boolean()
      .meta(about('Start at login', 'Start Panic Desk when the user logs in.', true))
      .optional(),
    notifications: z
      .boolean()
      .meta(about('Notifications', 'System notifications when a callout moves.', true))
      .optional(),
    quickMessages: QuickMessagesSchema.meta(
      about(
        'Quick messages',
        'The callout’s one-tap messages to the control room, in order, one per line (none: no quick messages).',
        ['Weapon seen', 'Medical help needed', 'I am safe now', 'Suspect has left'],
      ),
    ).optional(),
    trainingAllowed: z
      .boolean()
      .meta(
        about(
          'Training allowed',
          'Off: Training cannot be entered, and an unenrolled desk waits instead of practising.',
          false,
        ),
      )
      .optional(),
    /** Cancel codes: off unless set. Cancelling then asks for a code; a duress code only seems to cancel. */
    cancelCodes: z
      .object({
        cancel: z.array(CodeHash).min(1).max(20),
        duress: z.array(CodeHash).max(20).default([]),
      })
      .strict()
      .refine((codes) => sharedSaltProblem([...codes.cancel, ...codes.duress]) === null, {
        error: (issue) => {
          const codes = issue.input as { cancel: string[]; duress: string[] };
          return sharedSaltProblem([...codes.cancel, ...codes.duress]) ?? 'invalid';
        },
      })
      .meta(
        about(
          'Cancel and duress codes',
          'Cancelling a callout asks for a code: {"cancel": [hash…], "duress": [hash…]}, hashes made by npm run policy:hash (JSON text in the registry).',
          { cancel: [SAMPLE_HASH], duress: [] },
        ),
      )
      .optional(),
    /** Audit events to the SIEM (core/siem/forwarder.ts): RFC 5424 syslog, and the Windows Event Log. */
    auditForward: z
      .object({
        syslog: z
          .string()
          .max(300)
          .refine((text) => parseSyslogTarget(text) !== null, {
            error: 'is not a syslog address (udp://host:514, tcp://host:port or tls://host:port)',
          })
          .optional(),
        eventLog: z.boolean().optional(),
      })
      .strict()
      .meta(
        about(
          'Audit events to the SIEM',
          'Every audit event as RFC 5424 syslog: {"syslog": "udp://host:514" | "tcp://host:port" | "tls://host:port", "eventLog": true} (JSON text in the registry).',
          { syslog: 'tls://siem.example.com:6514', eventLog: false },
        ),
      )
      .optional(),
    locked: z
      .array(z.enum(LOCKABLE))
      .max(LOCKABLE.length * 2)
      .meta(
        about('Locked settings', `Settings the operator cannot change, one per line: ${LOCKABLE.join(', ')}.`, [
          'environment',
          'clientId',
        ]),
      )
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
  | {
      ok: true;
      policy: Policy;
      sources: string[];
      /** Which source set each key (for `locked`, every source that added to it). */
      origins?: Partial<Record<keyof Policy, string>>;
    }
  | { ok: false; problem: string; badKey: string | null };

/** Validates each source, then merges them in order (later sources win; `locked` lists add up). */
export function mergePolicy(sources: readonly PolicySource[]): PolicyRead {
  let merged: Policy = {};
  const names: string[] = [];
  const origins: Partial<Record<keyof Policy, string>> = {};
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
    for (const key of Object.keys(parsed.data) as Array<keyof Policy>) {
      origins[key] = key === 'locked' && origins.locked ? `${origins.locked}, ${source.name}` : source.name;
    }
    names.push(source.name);
  }
  return { ok: true, policy: merged, sources: names, origins };
}

/** The desk settings a policy sets, by the setting's name in the store (each one it can lock). */
export function settingsFromPolicy(policy: Policy): Partial<Settings> {
  const out: Record<string, unknown> = {};
  for (const [setting, key] of Object.entries(LOCK_OF_SETTING)) {
    if (key && policy[key] !== undefined) out[setting] = policy[key];
  }
  return out as Partial<Settings>;
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
  siteHotkeys: 'siteHotkeys',
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
