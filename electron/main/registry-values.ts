// Registry values as the policy reads them (docs/policy.md): REG_SZ is text (JSON when it looks
// like an object or a list: the cancel codes), REG_DWORD/REG_QWORD numbers (0/1 for the on/off
// settings), REG_MULTI_SZ lists. Any other type is passed on as words the schema then refuses,
// naming the key. Which keys are on/off is the policy table's (core/policy-keys.ts).
import { onOffKeys } from '../core/policy/policy-key';
import { ALL_POLICY_KEYS } from '../core/policy/policy-keys';

export type RegistryValue =
  | { type: 'string'; value: string }
  | { type: 'number'; value: number }
  | { type: 'list'; value: string[] }
  | { type: 'other'; value: string };

const BOOLEAN_KEYS: ReadonlySet<string> = new Set(onOffKeys(ALL_POLICY_KEYS));

export function policyFromRegistry(values: Record<string, RegistryValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(values)) {
    const boolean = BOOLEAN_KEYS.has(name);
    switch (entry.type) {
      case 'number':
        out[name] = boolean && (entry.value === 0 || entry.value === 1) ? entry.value === 1 : entry.value;
        break;
      case 'list':
        out[name] = entry.value.filter((item) => item.length > 0);
        break;
      case 'string':
        out[name] =
          boolean && (entry.value === 'true' || entry.value === 'false')
            ? entry.value === 'true'
            : /^\s*[[{]/.test(entry.value)
              ? jsonOr(entry.value)
              : entry.value;
        break;
      default:
        out[name] = entry.value;
    }
  }
  return out;
}

function jsonOr(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
