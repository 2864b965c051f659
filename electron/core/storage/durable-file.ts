// Files that must survive a crash or a power cut at any instant: written to a temporary file,
// fsynced, renamed over the old one, and the folder fsynced, so a reader sees either the old
// content or the new, never a torn mix. A short write fails the write (the temporary file is
// never renamed over a good one). All I/O goes through the storage port, so tests can make it fail.
import { basename, dirname, join } from 'node:path';
import { nodeStorage, ShortWriteError, type StoragePort } from './port';

function writeAll(io: StoragePort, fd: number, path: string, data: Buffer): void {
  const written = io.write(fd, data);
  if (written !== data.length) throw new ShortWriteError(path, written, data.length);
}

export function writeFileDurably(path: string, text: string, io: StoragePort = nodeStorage): void {
  io.mkdirp(dirname(path));
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  const fd = io.open(tmp, 'w');
  try {
    writeAll(io, fd, tmp, Buffer.from(text, 'utf8'));
    io.fsync(fd);
  } finally {
    io.close(fd);
  }
  io.rename(tmp, path);
  syncFolder(io, dirname(path));
}

/**
 * Appends one line and fsyncs it before returning (the audit log). A failed or short append is
 * cut back to the file's old length, so the next line never glues onto a torn one.
 */
export function appendLineDurably(path: string, line: string, io: StoragePort = nodeStorage): void {
  io.mkdirp(dirname(path));
  const fd = io.open(path, 'a');
  try {
    const before = io.size(fd);
    try {
      writeAll(io, fd, path, Buffer.from(line.endsWith('\n') ? line : `${line}\n`, 'utf8'));
      io.fsync(fd);
    } catch (error) {
      try {
        io.truncate(fd, before);
      } catch {
        // the torn tail is repaired when the log is next opened
      }
      throw error;
    }
  } finally {
    io.close(fd);
  }
}

export function readTextIfExists(path: string, io: StoragePort = nodeStorage): string | null {
  return io.exists(path) ? io.read(path).toString('utf8') : null;
}

/**
 * Moves a file that could not be read aside, next to it, so that nothing is lost and the
 * operator can be told where it went. Returns the backup's path.
 */
export function moveAside(path: string, now: number, io: StoragePort = nodeStorage): string {
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const backup = `${path}.unreadable-${stamp}`;
  io.rename(path, backup);
  syncFolder(io, dirname(path));
  return backup;
}

function syncFolder(io: StoragePort, folder: string): void {
  // Not every platform lets a folder be opened for fsync (Windows); the rename is still atomic there.
  try {
    const fd = io.open(folder, 'r');
    try {
      io.fsync(fd);
    } finally {
      io.close(fd);
    }
  } catch {
    // best effort
  }
}
