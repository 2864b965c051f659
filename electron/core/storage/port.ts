// The storage port: the few file operations the desk's own records need (outbox, audit log,
// backups). Production uses plain node:fs; tests pass a port that fails with ENOSPC, EIO or a
// short write, to prove that a storage fault never stops, loses or stalls a press.
import {
  closeSync,
  existsSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';

export interface StoragePort {
  mkdirp(dir: string): void;
  /** Opens for writing: 'w' truncates, 'a' appends. */
  open(path: string, flags: 'w' | 'a' | 'r'): number;
  /** Writes from the current position; returns the bytes written (may be fewer than given). */
  write(fd: number, data: Buffer): number;
  fsync(fd: number): void;
  size(fd: number): number;
  truncate(fd: number, length: number): void;
  close(fd: number): void;
  rename(from: string, to: string): void;
  exists(path: string): boolean;
  read(path: string): Buffer;
  /** The names of the files in a folder ([] when there is no such folder). */
  list(dir: string): string[];
  /** Deletes a file (none there: nothing to do). */
  remove(path: string): void;
}

export const nodeStorage: StoragePort = {
  mkdirp: (dir) => void mkdirSync(dir, { recursive: true }),
  open: (path, flags) => openSync(path, flags, 0o600),
  write: (fd, data) => writeSync(fd, data),
  fsync: (fd) => fsyncSync(fd),
  size: (fd) => fstatSync(fd).size,
  truncate: (fd, length) => ftruncateSync(fd, length),
  close: (fd) => closeSync(fd),
  rename: (from, to) => renameSync(from, to),
  exists: (path) => existsSync(path),
  read: (path) => readFileSync(path),
  list: (dir) => (existsSync(dir) ? readdirSync(dir) : []),
  remove: (path) => rmSync(path, { force: true }),
};

/** A write that put fewer bytes on disk than asked: the file must not be trusted. */
export class ShortWriteError extends Error {
  readonly code = 'ESHORTWRITE';
  constructor(path: string, written: number, wanted: number) {
    super(`Short write to ${path}: ${written} of ${wanted} bytes`);
    this.name = 'ShortWriteError';
  }
}

/** A storage error in the operator's words: "disk full", "disk error", … */
export function storageProblemWords(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disk full';
    case 'EROFS':
      return 'the disk is read-only';
    case 'EACCES':
    case 'EPERM':
      return 'no permission to write the data folder';
    case 'EIO':
      return 'disk error';
    case 'ESHORTWRITE':
      return 'the disk accepted only part of a write';
    default:
      return 'storage error';
  }
}
