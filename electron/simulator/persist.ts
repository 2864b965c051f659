// Saving and restoring the simulator's world as JSON, so that Training mode keeps a callout
// alive across an app restart. Writes are atomic: a temporary file, fsync, then rename.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { PersistedWorldSchema, type PersistedWorld } from './world';

export type LoadResult =
  | { kind: 'missing' }
  | { kind: 'loaded'; world: PersistedWorld }
  /** Unreadable or invalid: moved aside to `movedTo`, and the simulator starts fresh. */
  | { kind: 'invalid'; movedTo: string; reason: string };

export function loadWorld(file: string): LoadResult {
  if (!existsSync(file)) return { kind: 'missing' };
  let reason: string;
  try {
    const parsed = PersistedWorldSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) return { kind: 'loaded', world: parsed.data };
    reason = parsed.error.issues[0]?.message ?? 'invalid';
  } catch (error) {
    reason = error instanceof Error ? error.message : String(error);
  }
  const movedTo = `${file}.invalid-${Date.now()}`;
  renameSync(file, movedTo);
  return { kind: 'invalid', movedTo, reason };
}

export function saveWorld(file: string, world: PersistedWorld): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(world));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}
