// The machine's disk in memory: the desk's files (outboxes, audit log, backups) through the
// StoragePort, and the settings store (electron-store in the app) as a KeyValueStore. Both can be
// made full (ENOSPC) and both outlive a host: a restarted host reads what was stored. Each host
// incarnation gets its own view, so writes from a host after it was closed are seen (orphaned)
// and a killed one writes nothing more.
import type { KeyValueStore } from '../../../electron/core/ports';
import type { StoragePort } from '../../../electron/core/storage/port';

const enospc = (): Error => Object.assign(new Error('ENOSPC: no space left on device (model)'), { code: 'ENOSPC' });
const enoent = (path: string): Error => Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });

/** What a view reports to the model: a write after its host was closed. */
export interface ViewGuard {
  /** False once the host was killed: nothing it does reaches the disk. */
  alive(): boolean;
  /** Called for every write; the model counts those made after close. */
  wrote(): void;
}

export class MemoryDisk {
  full = false;
  readonly files = new Map<string, Buffer>();
  readonly settings = new Map<string, unknown>();
  failures = 0;
  private nextFd = 3;
  private readonly fds = new Map<number, { path: string; dir: boolean }>();

  constructor(initialSettings: Record<string, unknown>) {
    for (const [k, v] of Object.entries(initialSettings)) this.settings.set(k, structuredClone(v));
  }

  private check(): void {
    if (this.full) {
      this.failures++;
      throw enospc();
    }
  }

  storage(guard: ViewGuard): StoragePort {
    const writing = (): boolean => {
      if (!guard.alive()) return false;
      guard.wrote();
      this.check();
      return true;
    };
    return {
      mkdirp: () => undefined,
      open: (path, flags) => {
        if (flags !== 'r' && writing()) {
          if (flags === 'w' || !this.files.has(path)) this.files.set(path, Buffer.alloc(0));
        }
        const fd = this.nextFd++;
        // Opening a folder to fsync it: any path that is not a file is a folder here.
        this.fds.set(fd, { path, dir: !this.files.has(path) });
        return fd;
      },
      write: (fd, data) => {
        const file = this.fds.get(fd);
        if (!file || !writing()) return data.length;
        this.files.set(file.path, Buffer.concat([this.files.get(file.path) ?? Buffer.alloc(0), data]));
        return data.length;
      },
      fsync: () => undefined,
      size: (fd) => this.files.get(this.fds.get(fd)?.path ?? '')?.length ?? 0,
      truncate: (fd, length) => {
        const path = this.fds.get(fd)?.path;
        if (path === undefined || !guard.alive()) return;
        const data = this.files.get(path);
        if (data) this.files.set(path, data.subarray(0, length));
      },
      close: (fd) => void this.fds.delete(fd),
      rename: (from, to) => {
        if (!writing()) return;
        const data = this.files.get(from);
        if (!data) throw enoent(from);
        this.files.delete(from);
        this.files.set(to, data);
      },
      exists: (path) => this.files.has(path),
      read: (path) => {
        const data = this.files.get(path);
        if (!data) throw enoent(path);
        return Buffer.from(data);
      },
      list: (dir) => {
        const prefix = dir.endsWith('/') ? dir : `${dir}/`;
        return [...this.files.keys()]
          .filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/'))
          .map((path) => path.slice(prefix.length));
      },
      remove: (path) => {
        if (writing()) this.files.delete(path);
      },
    };
  }

  /** Whether a full disk also fails the settings store's writes (it does on a real machine). */
  storeFails = process.env.MODEL_STORE_FAULTS !== '0';

  store(guard: ViewGuard): KeyValueStore {
    return {
      get: (key) => structuredClone(this.settings.get(key)),
      set: (key, value) => {
        if (!guard.alive()) return;
        guard.wrote();
        if (this.storeFails) this.check();
        this.settings.set(key, structuredClone(value));
      },
      delete: (key) => {
        if (!guard.alive()) return;
        guard.wrote();
        if (this.storeFails) this.check();
        this.settings.delete(key);
      },
    };
  }
}
