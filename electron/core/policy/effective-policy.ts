// The administrator's policy in force, for the diagnostics bundle: each value with the source
// that set it (a file path, the registry key, a managed plist), whether it is locked, and the
// warning of a policy that was ignored. Cancel and duress code hashes never leave the desk: only
// how many there are.
import type { Policy } from './policy';

export interface EffectivePolicy {
  sources: string[];
  /** A policy that failed its schema (the last good one stays in force), or null. */
  problem: string | null;
  values: Record<string, { value: unknown; source: string; locked: boolean }>;
}

export function describePolicy(
  policy: Policy,
  sources: string[],
  origins: Partial<Record<keyof Policy, string>>,
  problem: string | null,
): EffectivePolicy {
  const values: EffectivePolicy['values'] = {};
  for (const [key, value] of Object.entries(policy) as Array<[keyof Policy, unknown]>) {
    const shown =
      key === 'cancelCodes' && policy.cancelCodes
        ? `[redacted: ${policy.cancelCodes.cancel.length} cancel and ${policy.cancelCodes.duress.length} duress code hashes]`
        : value;
    values[key] = {
      value: shown,
      source: origins[key] ?? sources.at(-1) ?? 'policy',
      locked: (policy.locked as readonly string[] | undefined)?.includes(key) ?? false,
    };
  }
  return { sources, problem, values };
}
