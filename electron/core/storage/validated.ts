// Reading a value from the KeyValueStore through its zod schema. A value that does not fit (a
// hand-edited or older file) is never silently dropped: it is copied to a backup file, replaced
// by the default, and the operator is told where the backup is.
import { join } from 'node:path';
import type { z } from 'zod';
import type { KeyValueStore } from '../ports';
import { moveAside, readTextIfExists, writeFileDurably } from './durable-file';

export function readValidated<S extends z.ZodType>(
  store: KeyValueStore,
  key: string,
  schema: S,
  fallback: z.output<S>,
  backupDir: string,
  now: number,
  report: (problem: string) => void,
): z.output<S> {
  const raw = store.get(key);
  if (raw === undefined) return fallback;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const backup = join(backupDir, `${key}-${stamp}.json`);
  writeFileDurably(backup, JSON.stringify(raw, null, 2));
  store.set(key, fallback);
  const issue = parsed.error.issues[0];
  const why = issue ? `${issue.path.join('.') || key}: ${issue.message}` : 'unexpected shape';
  report(`Saved "${key}" could not be read (${why}). Defaults are in use; the old value is kept at ${backup}.`);
  return fallback;
}

/**
 * Before a JSON store file is opened: if it is not valid JSON (corrupt, truncated, hand-mangled),
 * move it aside so the store starts from defaults, and say where the original went.
 */
export function setAsideUnreadableJson(path: string, now: number): string | null {
  const text = readTextIfExists(path);
  if (text === null || text.trim() === '') return null;
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return null;
  } catch {
    // unreadable: set aside below
  }
  const backup = moveAside(path, now);
  return `The settings file could not be read and was replaced by defaults. The original is kept at ${backup}.`;
}
