// An administrator's managed policy (docs/policy.md): what IT sets for every desk, and which of
// those settings the operator may not change. The OS readers (main/policy-sources.ts) hand raw
// values from each source here; this module validates them with one strict schema, merges the
// sources, and says which settings a policy sets. A source that fails the schema makes the whole
// policy invalid: the caller keeps its last good policy and shows a warning naming the bad key.
import type { z } from 'zod';
import type { Settings } from '../../shared/model/settings';
import type { LockName } from '../../shared/model/lock-names';
import { lockableKeys, schemaOf, settingOfKey } from './policy-key';
import { ALL_POLICY_KEYS, POLICY_KEYS } from './policy-keys';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type LockNamesStale = 'shared/model/lock-names.ts differs from the table: run npm run policy:templates';

/** The screen's lock names (shared/model/lock-names.ts, generated: shared cannot import core) are these. */
function sameAsScreen<T extends string>(names: T[] & (Same<T, LockName> extends true ? unknown : LockNamesStale)): T[] {
  return names;
}

/** The settings a policy can lock (names as in docs/policy.md), from the table. */
export const LOCKABLE = sameAsScreen(lockableKeys(POLICY_KEYS));
export type Lockable = (typeof LOCKABLE)[number];

/** The policy's one strict schema, every key optional, derived from the table. */
export const PolicySchema = schemaOf(ALL_POLICY_KEYS);
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

const SETTING_OF_KEY = settingOfKey(POLICY_KEYS);

/** The desk settings a policy sets, by the setting's name in the store. */
export function settingsFromPolicy(policy: Policy): Partial<Settings> {
  const values = policy as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, setting] of SETTING_OF_KEY) if (values[key] !== undefined) out[setting] = values[key];
  return out as Partial<Settings>;
}

/** The policy name of each desk setting it can lock. */
export const LOCK_OF_SETTING: Partial<Record<keyof Settings, Lockable>> = Object.fromEntries(
  SETTING_OF_KEY.filter(([key]) => (LOCKABLE as readonly string[]).includes(key)).map(([key, setting]) => [
    setting,
    key,
  ]),
);

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
