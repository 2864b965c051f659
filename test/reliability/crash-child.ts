// A desk in a child process, for the crash test: it runs against the parent's simulator on the
// data folder it is given, presses as planned (PRESS_PLAN: [{ afterMs, site }]), and writes its
// files all the time (a settings change, i.e. a store write and an audit append, every few ms,
// each write in small pieces), so that a SIGKILL from the parent often lands in the middle of a
// write. Protocol on stdout, one line each: READY, PRESSED <id>, DONE <json: presses, chain>. With STAY=1 it never
// finishes on its own: the parent kills it.
import { AuraClient } from '../../electron/core/aura/client';
import { AuditLog } from '../../electron/core/audit/audit-log';
import { Desk } from '../../electron/core/desk/desk';
import type { KeyValueStore } from '../../electron/core/ports';
import { deskPortFor } from '../../electron/core/aura/port';
import { readTextIfExists, writeFileDurably } from '../../electron/core/storage/durable-file';
import { nodeStorage, type StoragePort } from '../../electron/core/storage/port';

const baseUrl = process.env.SIM_BASE_URL ?? '';
const dataDir = process.env.DATA_DIR ?? '';
const plan = JSON.parse(process.env.PRESS_PLAN ?? '[]') as Array<{ afterMs: number; site: string }>;

/**
 * Node's file I/O on a slow disk: each write goes out in small pieces, one system call each,
 * 0.1 ms apart. A SIGKILL takes effect between system calls, never inside one, so with quick
 * whole-buffer writes a kill almost never lands inside a write; with these, many do, leaving
 * torn temporary files and torn audit lines (the test prints how many).
 */
const pause = new Int32Array(new SharedArrayBuffer(4));
const choppy: StoragePort = {
  ...nodeStorage,
  write: (fd, data) => {
    let done = 0;
    while (done < data.length) {
      if (done > 0) Atomics.wait(pause, 0, 0, 0.1);
      done += nodeStorage.write(fd, data.subarray(done, done + 64));
    }
    return done;
  },
};

/**
 * The store on one JSON file, replaced atomically on every change (what electron-store does,
 * without loading `conf` and its schema compiler on each of the thousands of child starts).
 */
function jsonFileStore(path: string): KeyValueStore {
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(readTextIfExists(path, choppy) ?? '{}') as Record<string, unknown>;
  } catch {
    data = {};
  }
  const save = (): void => writeFileDurably(path, JSON.stringify(data), choppy);
  return {
    get: (key) => structuredClone(data[key]),
    set: (key, value) => {
      data[key] = structuredClone(value);
      save();
    },
    delete: (key) => {
      delete data[key];
      save();
    },
  };
}

async function main(): Promise<void> {
  const client = new AuraClient({ baseUrl, clientId: 'crash', getSecret: async () => 'crash-secret', timeoutMs: 1000 });
  const desk = new Desk({
    environment: 'staging',
    api: deskPortFor(client),
    store: jsonFileStore(`${dataDir}/panic-desk.json`),
    dataDir,
    storage: choppy,
    hostName: 'crash-child',
    timing: {
      retryDelaysMs: [50, 100, 200],
      settleAfterTimeoutMs: 300,
      movingMs: 100,
      settledMs: 200,
      readinessEveryMs: 600_000,
    },
  });
  await desk.start();
  console.log('READY');
  let n = 0;
  const churn = setInterval(() => void desk.handlers['settings.update']({ controlRoomPhone: String(n++ % 1000) }), 10);
  for (const step of plan) {
    setTimeout(() => console.log(`PRESSED ${desk.trigger(step.site, 'button').id}`), step.afterMs);
  }
  const lastPressAt = Date.now() + Math.max(0, ...plan.map((s) => s.afterMs));
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const presses = desk.getState().presses;
    const done = presses.every((p) => p.status === 'sent' || p.status === 'failed' || p.stale);
    // STAY=1: the first life runs (and writes) until the parent kills it, whenever that is.
    if (process.env.STAY !== '1' && Date.now() > lastPressAt + 50 && done) {
      clearInterval(churn);
      await new Promise((r) => setTimeout(r, 100)); // a poll or so
      const chain = new AuditLog(dataDir, () => 'check').chain;
      console.log(`DONE ${JSON.stringify({ presses: desk.getState().presses, chain })}`);
      desk.stop();
      client.close();
      process.exit(0);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  console.log(`TIMEOUT ${JSON.stringify({ presses: desk.getState().presses, chain: null })}`);
  process.exit(3);
}

void main();
