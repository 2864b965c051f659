// What one policy key declares (issue 25 item 5), and what is derived from a table of them: the
// zod schema, the lock names, the settings a policy sets, the registry's on/off keys. The table
// itself is core/policy-keys.ts; the admin templates, docs/policy.md's key table and
// shared/model/lock-names.ts are generated from it (`npm run policy:templates`). The types below
// make the compiler refuse a half-declared key: no registry type, a registry type or a setting
// that does not fit the key's zod type, a setting that does not exist.
import { z } from 'zod';
import type { Settings } from '../../shared/model/settings';

/**
 * How the key is written in HKLM\SOFTWARE\Policies\Panic Desk: `text` REG_SZ, `number` REG_DWORD,
 * `onOff` REG_DWORD 0/1, `list` REG_MULTI_SZ (one value a line), `json` REG_SZ holding JSON.
 */
export type RegistryType = 'text' | 'number' | 'onOff' | 'list' | 'json';

/** The one registry type a value of type T can be written as. */
export type RegistryTypeOf<T> = [NonNullable<T>] extends [boolean]
  ? 'onOff'
  : [NonNullable<T>] extends [number]
    ? 'number'
    : [NonNullable<T>] extends [string]
      ? 'text'
      : [NonNullable<T>] extends [readonly string[]]
        ? 'list'
        : 'json';

/** The desk settings a value of type T can be stored in. */
export type SettingFor<T> = { [S in keyof Settings]-?: [T] extends [Settings[S]] ? S : never }[keyof Settings];

/** Any key's declaration, as the derivations read it. */
export interface AnyPolicyKey {
  schema: z.ZodType;
  title: string;
  description: string;
  example: unknown;
  registry: RegistryType;
  lockable: boolean;
  setting?: keyof Settings;
}

/** One key's declaration, every part typed by its schema. */
export interface PolicyKey<S extends z.ZodType, L extends boolean> extends AnyPolicyKey {
  /** The value's rules (types, ranges, refinements): what the desk accepts. */
  schema: S;
  /** The name IT sees in Group Policy, Intune and Jamf. */
  title: string;
  /** One or two sentences for the templates and docs/policy.md's key table. */
  description: string;
  /** A value the schema accepts (the sample profile's). */
  example: z.input<S>;
  registry: RegistryTypeOf<z.output<S>>;
  /** True: `locked` may name it, and the desk then refuses to change it. */
  lockable: L;
  /** The desk setting the policy's value is applied to, when it sets one. */
  setting?: SettingFor<z.output<S>>;
}

/** One key's declaration, its types checked against its schema. */
export function policyKey<S extends z.ZodType, const L extends boolean>(key: PolicyKey<S, L>): PolicyKey<S, L> {
  return key;
}

export type PolicyKeyTable = Record<string, AnyPolicyKey>;

/** The names of a table's lockable keys. */
export type LockableOf<T extends PolicyKeyTable> = {
  [K in keyof T]: T[K] extends { lockable: true } ? K : never;
}[keyof T] &
  string;

/** The lockable keys, in the table's order. */
export function lockableKeys<T extends PolicyKeyTable>(table: T): Array<LockableOf<T>> {
  return Object.keys(table).filter((key) => table[key]?.lockable) as Array<LockableOf<T>>;
}

/** The key `locked`, declared from the table's lockable keys (it cannot lock itself). */
function lockedKey<T extends PolicyKeyTable>(table: T, example: Array<LockableOf<T>>) {
  const names = lockableKeys(table);
  return policyKey({
    schema: z.array(z.enum(names as [LockableOf<T>, ...Array<LockableOf<T>>])).max(names.length * 2),
    title: 'Locked settings',
    description: `Settings the operator cannot change, one per line: ${names.join(', ')}.`,
    example,
    registry: 'list',
    lockable: false,
  });
}

/** Every key of the policy: the table's, then `locked` (`example`: the sample profile's locks). */
export function withLocked<T extends PolicyKeyTable>(
  table: T,
  example: Array<LockableOf<T>>,
): T & { locked: ReturnType<typeof lockedKey<T>> } {
  return { ...table, locked: lockedKey(table, example) };
}

type Shape<T extends PolicyKeyTable> = { [K in keyof T]: z.ZodOptional<T[K]['schema']> };

/** The strict zod schema of a table's keys, each optional, with its words as JSON Schema meta. */
export function schemaOf<T extends PolicyKeyTable>(table: T): z.ZodObject<Shape<T>, z.core.$strict> {
  const shape = Object.fromEntries(
    Object.entries(table).map(([name, key]) => [
      name,
      key.schema.meta({ title: key.title, description: key.description, examples: [key.example] }).optional(),
    ]),
  );
  return z.strictObject(shape) as unknown as z.ZodObject<Shape<T>, z.core.$strict>;
}

/** The keys written as REG_DWORD 0/1 (also read from REG_SZ "true"/"false"). */
export function onOffKeys(table: PolicyKeyTable): string[] {
  return Object.keys(table).filter((name) => table[name]?.registry === 'onOff');
}

/** Each key that sets a desk setting, with that setting. */
export function settingOfKey(table: PolicyKeyTable): Array<[string, keyof Settings]> {
  return Object.entries(table).flatMap(([name, key]) =>
    key.setting ? [[name, key.setting] as [string, keyof Settings]] : [],
  );
}
