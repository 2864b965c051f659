// A size-capped, rotating log file in plain Node: `name.log`, then `name.1.log` (newer) to
// `name.4.log` (oldest); past the cap the oldest is dropped. The harness writes its diagnostics log
// with it; the app hands the same `rotateLogFiles` to electron-log, so both rotate alike.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import type { Logger } from '../ports';

export interface RotationLimits {
  /** A file past this size is rotated before the next line (default 1 MB). */
  maxBytes: number;
  /** Files kept in all, the current one included (default 5). */
  files: number;
}

export const DEFAULT_ROTATION: RotationLimits = { maxBytes: 1024 * 1024, files: 5 };

/** `dir/name.log` -> `dir/name.<n>.log`. */
function archiveName(file: string, n: number): string {
  const { dir, name, ext } = parse(file);
  return join(dir, `${name}.${n}${ext}`);
}

/** Shifts `file` to `.1`, `.1` to `.2`, …; the file at `files - 1` is dropped. */
export function rotateLogFiles(file: string, files = DEFAULT_ROTATION.files): void {
  const last = files - 1;
  if (last < 1) return rmSync(file, { force: true });
  rmSync(archiveName(file, last), { force: true });
  for (let n = last - 1; n >= 1; n--) {
    const from = archiveName(file, n);
    if (existsSync(from)) renameSync(from, archiveName(file, n + 1));
  }
  if (existsSync(file)) renameSync(file, archiveName(file, 1));
}

/** The log files that exist, oldest first (the current file last). */
export function logFilesOf(file: string, files = DEFAULT_ROTATION.files): string[] {
  const all = [];
  for (let n = files - 1; n >= 1; n--) all.push(archiveName(file, n));
  all.push(file);
  return all.filter((f) => existsSync(f));
}

/** Lines `ISO-time [level] text`, appended synchronously (a crash loses nothing already logged). */
export class RotatingFileLog implements Logger {
  constructor(
    readonly file: string,
    private readonly limits: RotationLimits = DEFAULT_ROTATION,
    private readonly now: () => number = Date.now,
  ) {
    mkdirSync(dirname(file), { recursive: true });
  }

  info(line: string): void {
    this.append('info', line);
  }

  warn(line: string): void {
    this.append('warn', line);
  }

  error(line: string): void {
    this.append('error', line);
  }

  files(): string[] {
    return logFilesOf(this.file, this.limits.files);
  }

  private append(level: string, line: string): void {
    const text = `${new Date(this.now()).toISOString()} [${level}] ${line}\n`;
    const size = existsSync(this.file) ? statSync(this.file).size : 0;
    if (size > 0 && size + Buffer.byteLength(text) > this.limits.maxBytes) rotateLogFiles(this.file, this.limits.files);
    appendFileSync(this.file, text, { mode: 0o600 });
  }
}
