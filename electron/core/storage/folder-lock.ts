// One process per data folder (issue 20 finding 16): two processes on one folder would overwrite
// each other's press ledger and fork the audit chain. The lock is a file created exclusively
// (`wx`) that holds the owner's process id; a lock whose process is gone (a crash, a kill) is
// taken over. Electron's single-instance lock normally keeps a second app away; this also covers
// the web harness, a second user-data path and command-line actions.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'panic-desk.lock';

export class FolderLockedError extends Error {
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(`Another Panic Desk (process ${pid}) is using the data folder ${dir}; only one may use it at a time`);
    this.name = 'FolderLockedError';
  }
}

export interface FolderLock {
  release(): void;
}

/** Folders this process holds: a second open in the same process is refused too. */
const held = new Set<string>();

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerOf(path: string): number | null {
  try {
    const pid = Number((JSON.parse(readFileSync(path, 'utf8')) as { pid?: unknown }).pid);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Takes the folder's lock or throws FolderLockedError naming the process that holds it. */
export function lockDataFolder(dir: string, alive: (pid: number) => boolean = processAlive): FolderLock {
  const path = join(dir, LOCK_FILE);
  if (held.has(path)) throw new FolderLockedError(dir, process.pid);
  for (let tries = 0; ; tries++) {
    try {
      writeFileSync(path, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }), {
        flag: 'wx',
        mode: 0o600,
      });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = ownerOf(path);
      // A live owner keeps it; a dead one (or an unreadable file) is taken over, once.
      if (owner !== null && owner !== process.pid && alive(owner)) throw new FolderLockedError(dir, owner);
      if (tries > 0) throw new FolderLockedError(dir, owner ?? 0);
      rmSync(path, { force: true });
    }
  }
  held.add(path);
  return {
    release() {
      if (!held.delete(path)) return;
      if (ownerOf(path) === process.pid) rmSync(path, { force: true });
    },
  };
}

/**
 * For command-line actions that write (`--enrol` without a running app): waits up to `timeoutMs`
 * for the folder's lock (another process may be finishing), then gives up with its error.
 */
export async function waitForDataFolder(dir: string, timeoutMs = 30_000, everyMs = 250): Promise<FolderLock> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return lockDataFolder(dir);
    } catch (error) {
      if (!(error instanceof FolderLockedError) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  }
}
