// Files that must survive a crash or a power cut at any instant: written to a temporary file,
// fsynced, renamed over the old one, and the folder fsynced, so a reader sees either the old
// content or the new, never a torn mix.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, writeSync, readFileSync, existsSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';

export function writeFileDurably(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  syncFolder(dirname(path));
}

/** Appends one line and fsyncs it before returning (the audit log). */
export function appendLineDurably(path: string, line: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'a', 0o600);
  try {
    writeSync(fd, line.endsWith('\n') ? line : `${line}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function readTextIfExists(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

/**
 * Moves a file that could not be read aside, next to it, so that nothing is lost and the
 * operator can be told where it went. Returns the backup's path.
 */
export function moveAside(path: string, now: number): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const backup = `${path}.unreadable-${stamp}`;
  renameSync(path, backup);
  syncFolder(dirname(path));
  return backup;
}

function syncFolder(folder: string): void {
  // Not every platform lets a folder be opened for fsync (Windows); the rename is still atomic there.
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // best effort
  }
}
