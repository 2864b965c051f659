// Field readers shared by the AURA response schemas. Core fields (ids, status) are strict: a wrong
// type there is a bad response. Undocumented detail fields are tolerant: an odd value becomes null
// instead of failing a whole callout or list.
import { z } from 'zod';

/** An id sent as a number or a string; kept as a string so its type never matters downstream. */
export const idSchema = z.union([z.number().int(), z.string().min(1)]).transform((v) => String(v));

/** An integer id sent as a number or a numeric string. */
export const intIdSchema = z.union([
  z.number().int(),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform((v) => Number(v)),
]);

/** A string, or null for anything else (numbers are kept as their text). */
export const looseText = z
  .unknown()
  .transform((v) => (typeof v === 'string' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : null));

/** A finite number from a number or a numeric string; null for anything else. */
export const looseNumber = z.unknown().transform((v): number | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
});

/** An integer or null (e.g. a nullable foreign key). */
export const looseInt = looseNumber.transform((v) => (v !== null && Number.isInteger(v) ? v : null));

/** The first string among `keys` of a record. */
export function firstText(record: Record<string, unknown>, ...keys: string[]): string | null {
  for (const key of keys) {
    const v = record[key];
    if (typeof v === 'string' && v !== '') return v;
  }
  return null;
}

/** One list item that failed its schema: skipped, never fatal to the rest (issue 10 item 8). */
export interface SkippedItem {
  /** Its position in the list AURA sent. */
  index: number;
  /** Its id, when it has one we can read (to tell the operator which record is odd). */
  id: string | null;
  /** The first schema problem, e.g. `status: expected string, received null`. */
  reason: string;
}

/** A list read item by item: the items that parsed, and the ones skipped with why. */
export interface ListRead<T> {
  items: T[];
  skipped: SkippedItem[];
}

/**
 * A list that AURA may send bare or wrapped in an object (`{message, callouts}` and the like):
 * the first of `keys` that holds an array is taken. Items are parsed one by one: one odd item
 * (a callout with `status: null`, a location without its reference) is skipped and reported in
 * `skipped`, the rest is used. Only a body that holds no list at all fails.
 */
export function listOf<T extends z.ZodType>(item: T, keys: readonly string[]) {
  const wrapped = z.record(z.string(), z.unknown()).transform((o, ctx) => {
    for (const key of keys) {
      if (Array.isArray(o[key])) return o[key] as unknown[];
    }
    ctx.addIssue({ code: 'custom', message: `expected an array or an object with ${keys.join(' or ')}` });
    return z.NEVER;
  });
  return z.union([z.array(z.unknown()), wrapped]).transform((raw): ListRead<z.output<T>> => {
    const items: Array<z.output<T>> = [];
    const skipped: SkippedItem[] = [];
    raw.forEach((value, index) => {
      const parsed = item.safeParse(value);
      if (parsed.success) items.push(parsed.data as z.output<T>);
      else skipped.push({ index, id: rawIdOf(value), reason: firstIssue(parsed.error) });
    });
    return { items, skipped };
  });
}

function rawIdOf(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const o = value as Record<string, unknown>;
  for (const key of ['id', 'calloutId', 'externalReferenceId']) {
    const v = o[key];
    if ((typeof v === 'string' && v !== '') || (typeof v === 'number' && Number.isFinite(v))) return String(v);
  }
  return null;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  return `${issue.path.join('.') || 'item'}: ${issue.message}`.slice(0, 200);
}

/** A single object that AURA may send bare or wrapped (`{message, callout}`): unwrapped first. */
export function oneOf<T extends z.ZodType>(item: T, keys: readonly string[]) {
  return z
    .unknown()
    .transform((body) => {
      if (body && typeof body === 'object' && !Array.isArray(body)) {
        const o = body as Record<string, unknown>;
        for (const key of keys) {
          const inner = o[key];
          if (inner && typeof inner === 'object' && !Array.isArray(inner)) return inner;
        }
      }
      return body;
    })
    .pipe(item);
}
