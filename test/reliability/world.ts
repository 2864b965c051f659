// A desk wired to a real simulator over real sockets, for the reliability scenarios and the
// fault matrix: a scaled clock (retries, polls and the stale limit run fast), a short client
// timeout, a storage port the test can break, and helpers to wait and to read what AURA holds.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { AuraClient } from '../../electron/core/aura/client';
import { Desk, type DeskOptions } from '../../electron/core/desk/desk';
import { type KeyValueStore } from '../../electron/core/ports';
import { memoryStore } from '../fakes/store';
import { deskPortFor } from '../../electron/core/aura/port';
import { nodeStorage, type StoragePort } from '../../electron/core/storage/port';
import type { Press } from '../../electron/shared/model/press';
import { DEFAULT_SETTINGS as defaultSettings } from '../../electron/shared/model/settings';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../electron/simulator/server';
import { ScaledClock } from '../support/scaled-clock';

export const CLIENT_TIMEOUT_MS = 1000;

export type DiskFault = 'ENOSPC' | 'EIO' | 'short' | null;

/** A storage port whose writes fail while `fault` is set (ENOSPC, EIO, or a short write). */
export class FaultyStorage implements StoragePort {
  fault: DiskFault = null;
  failures = 0;
  private readonly base = nodeStorage;
  private check(): void {
    if (this.fault === 'ENOSPC' || this.fault === 'EIO') {
      this.failures++;
      throw Object.assign(new Error(`${this.fault}: simulated`), { code: this.fault });
    }
  }
  mkdirp = (dir: string): void => this.base.mkdirp(dir);
  open = (path: string, flags: 'w' | 'a' | 'r'): number => {
    if (flags !== 'r') this.check();
    return this.base.open(path, flags);
  };
  write = (fd: number, data: Buffer): number => {
    this.check();
    if (this.fault === 'short' && data.length > 1) {
      this.failures++;
      return this.base.write(fd, data.subarray(0, Math.floor(data.length / 2)));
    }
    return this.base.write(fd, data);
  };
  fsync = (fd: number): void => this.base.fsync(fd);
  size = (fd: number): number => this.base.size(fd);
  truncate = (fd: number, length: number): void => this.base.truncate(fd, length);
  close = (fd: number): void => this.base.close(fd);
  rename = (from: string, to: string): void => {
    this.check();
    this.base.rename(from, to);
  };
  exists = (path: string): boolean => this.base.exists(path);
  read = (path: string): Buffer => this.base.read(path);
  list = (dir: string): string[] => this.base.list(dir);
  remove = (path: string): void => {
    this.check();
    this.base.remove(path);
  };
}

export interface World {
  sim: RunningSimulator;
  client: AuraClient;
  desk: Desk;
  clock: ScaledClock;
  storage: FaultyStorage;
  dataDir: string;
  store: KeyValueStore;
  close(): Promise<void>;
}

export interface WorldOptions {
  sim?: SimulatorOptions;
  factor?: number;
  dataDir?: string;
  store?: KeyValueStore;
  desk?: Partial<DeskOptions>;
  random?: () => number;
  client?: { maxRequestsPerMinute?: number };
}

export async function openWorld(opts: WorldOptions = {}): Promise<World> {
  const sim = await startSimulator({ clientId: 'rel', clientSecret: 'rel-secret', ...opts.sim });
  return deskFor(sim, opts);
}

/** A desk (and its client) against an already running simulator. */
export function deskFor(sim: RunningSimulator, opts: WorldOptions = {}): World {
  const clock = new ScaledClock(opts.factor ?? 20);
  const storage = new FaultyStorage();
  // A folder made here is removed on close (in /dev/shm it is memory: 500 runs a matrix).
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? mkdtempSync(join(fastTmp(), 'rel-'));
  const store = opts.store ?? memoryStore({ settings: { ...defaultSettings, deskName: 'Gate 2' } });
  const client = new AuraClient({
    baseUrl: sim.baseUrl,
    clientId: 'rel',
    getSecret: async () => 'rel-secret',
    timeoutMs: CLIENT_TIMEOUT_MS,
    now: () => clock.now(),
    monotonic: () => clock.monotonic(),
    sleep: clock.sleep,
    maxRequestsPerMinute: opts.client?.maxRequestsPerMinute,
  });
  const factor = clock.factor;
  const desk = new Desk({
    environment: 'staging',
    api: deskPortFor(client),
    store,
    dataDir,
    clock,
    storage,
    random: opts.random,
    hostName: 'test-host',
    timing: {
      // The app's own delays, run `factor` times faster; the settle time matches the client's timeout.
      settleAfterTimeoutMs: CLIENT_TIMEOUT_MS * factor,
      readinessEveryMs: 60_000,
      storageRetryMs: 5000,
    },
    ...opts.desk,
  });
  return {
    sim,
    client,
    desk,
    clock,
    storage,
    dataDir,
    store,
    async close() {
      desk.stop();
      client.close();
      await sim.close();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** More Fixed Locations on the simulator, each a copy of the demo site under its own reference. */
export function addSitesLikeDemo(sim: RunningSimulator, refs: readonly string[]): void {
  const demo = sim.state.locationByRef('site_9944');
  if (!demo) throw new Error('the simulator has no demo site');
  const { id: _id, createdAt: _c, updatedAt: _u, deletedAt: _d, ...fields } = demo;
  for (const ref of refs) sim.state.addLocation({ ...fields, externalReferenceId: ref, locationIdentifier: ref });
}

/** The same data folder and simulator, a new desk: a restart. Its close leaves the simulator running. */
export async function restartDesk(first: World): Promise<World> {
  first.desk.stop();
  first.client.close();
  const w = deskFor(first.sim, { dataDir: first.dataDir, store: first.store });
  await w.desk.start();
  return {
    ...w,
    async close() {
      w.desk.stop();
      w.client.close();
    },
  };
}

/**
 * Worlds for one test file, each started, and closed after every test (the last opened first):
 * `world()` opens one, `restart(w)` gives `w`'s simulator and folder a new desk.
 */
export function worldsPerTest(): { world(opts?: WorldOptions): Promise<World>; restart(first: World): Promise<World> } {
  let closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.reverse()) await close();
    closers = [];
  });
  const kept = (w: World): World => (closers.push(() => w.close()), w);
  return {
    async world(opts) {
      const w = kept(await openWorld(opts));
      await w.desk.start();
      return w;
    },
    restart: async (first) => kept(await restartDesk(first)),
  };
}

export const pressOf = (w: World, id: string): Press | undefined => w.desk.getState().presses.find((p) => p.id === id);
/** A condition for `until`: the press is sent. */
export const sentOk = (w: World, id: string) => (): boolean => pressOf(w, id)?.status === 'sent';
/** The requests AURA received for one operation. */
export const ops = (w: World, op: string) => w.sim.requests.filter((r) => r.op === op);

/** A RAM-backed folder where there is one (fsync costs nothing there; a process kill keeps it). */
export function fastTmp(): string {
  return existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
}

/** Whether `ok` holds within `ms` (false instead of a throw); the one poll of test/support/until.ts. */
export { reached as until } from '../support/until';

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
