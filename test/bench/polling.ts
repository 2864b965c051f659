// Bench section "polling": what following callouts costs, counted by the simulator, for one desk
// following 1, 10 and 50 callouts (half moving, half settled, the moving ones changing stage at
// random moments), and how soon a stage change at AURA reaches the desk's state event.
//
// Each desk runs its real schedule on a clock sped up SPEED times (figures converted back to real
// time), so request latency counts SPEED times over: the stage_to_event figure errs on the slow side.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuraClient } from '../../electron/core/aura/client';
import { Desk } from '../../electron/core/desk';
import { POLL_DEFAULTS } from '../../electron/core/dispatch/poller';
import { memoryStore, type Clock } from '../../electron/core/ports';
import { deskApiFor } from '../../electron/core/session';
import type { Stage } from '../../electron/shared/model';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';

const SPEED = 10;
/** Simulated length of each measured window. */
const WINDOW_MS = 6 * 60_000;

function fastClock(): Clock {
  const start = Date.now();
  return {
    now: () => start + (Date.now() - start) * SPEED,
    monotonic: () => performance.now() * SPEED,
    setTimeout(fn, ms) {
      const handle = setTimeout(fn, ms / SPEED);
      return () => clearTimeout(handle);
    },
  };
}

const sleep = (simulatedMs: number) => new Promise((r) => setTimeout(r, simulatedMs / SPEED));
async function waitFor(ok: () => boolean, what: string, simulatedMs = 120_000): Promise<void> {
  const deadline = Date.now() + simulatedMs / SPEED;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`bench polling: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

interface Following {
  sim: RunningSimulator;
  desk: Desk;
  /** AURA ids of the callouts, moving ones first. */
  moving: string[];
  close(): Promise<void>;
}

/** A desk following `n` callouts it raised: the first ceil(n/2) moving, the rest completed. */
async function deskFollowing(n: number, settled = Math.floor(n / 2)): Promise<Following> {
  const sim = await startSimulator({ clientId: 'bench', clientSecret: 'bench-secret' });
  const refs = Array.from({ length: n }, (_, i) => `bench-${i}`);
  for (const ref of refs) {
    sim.state.addLocation({ externalReferenceId: ref, locationIdentifier: ref, latitude: '-26.1', longitude: '28.1' });
  }
  const client = new AuraClient({ baseUrl: sim.baseUrl, clientId: 'bench', getSecret: async () => 'bench-secret' });
  const desk = new Desk({
    environment: 'staging',
    api: deskApiFor(client),
    store: memoryStore(),
    dataDir: mkdtempSync(join(tmpdir(), 'bench-polling-')),
    clock: fastClock(),
  });
  const close = async () => {
    desk.stop();
    client.close();
    await sim.close();
  };
  await desk.start();
  for (const ref of refs) desk.trigger(ref, 'button');
  await waitFor(() => desk.getState().presses.every((p) => p.status === 'sent'), 'the presses');
  const ids = refs.map((ref) => desk.getState().presses.find((p) => p.siteId === ref)?.calloutId ?? '');
  const done = ids.slice(n - settled);
  for (const id of done) sim.state.advance(Number(id), 'complete');
  await waitFor(
    () => done.every((id) => desk.getState().callouts.find((c) => c.id === id)?.stage === 'completed'),
    'the settled callouts',
  );
  return { sim, desk, moving: ids.slice(0, n - settled), close };
}

/**
 * Dispatches each of `ids` at a random moment of the window; returns the delays (simulated ms)
 * from each change at AURA to the desk's state event showing it, and the requests AURA received.
 */
async function changeAtRandom(f: Following, ids: string[]): Promise<{ delays: number[]; requests: number }> {
  const waiting = new Map<string, number>();
  const delays: number[] = [];
  const off = f.desk.onChange((state) => {
    for (const [id, changedAt] of waiting) {
      if (state.callouts.find((c) => c.id === id)?.stage !== ('dispatched' satisfies Stage)) continue;
      waiting.delete(id);
      delays.push((performance.now() - changedAt) * SPEED);
    }
  });
  const before = f.sim.requests.length;
  const timers = ids.map((id) =>
    setTimeout(
      () => {
        f.sim.state.advance(Number(id), 'dispatch');
        waiting.set(id, performance.now());
      },
      (Math.random() * WINDOW_MS * 0.9) / SPEED,
    ),
  );
  await sleep(WINDOW_MS);
  const requests = f.sim.requests.slice(before).filter((r) => r.op !== null).length;
  for (const t of timers) clearTimeout(t);
  off();
  return { delays, requests };
}

export async function runPollingBench(): Promise<void> {
  const perMinute: Record<number, number> = {};
  const delays: number[] = [];
  let listPerMinute50 = 0;
  for (const n of [1, 10, 50]) {
    const f = await deskFollowing(n);
    try {
      await sleep(40_000); // past the first events reads of the fresh callouts
      const listsBefore = f.sim.requests.length;
      const run = await changeAtRandom(f, f.moving);
      perMinute[n] = run.requests / (WINDOW_MS / 60_000);
      if (n === 50) {
        const lists = f.sim.requests.slice(listsBefore).filter((r) => r.op === 'listActiveCallouts').length;
        listPerMinute50 = lists / (WINDOW_MS / 60_000);
      }
      delays.push(...run.delays);
      console.log(
        `polling: following ${n} (${f.moving.length} moving): ${perMinute[n]?.toFixed(1)} requests/min, ` +
          `stage_to_event_ms median=${median(run.delays).toFixed(0)} (n=${run.delays.length})`,
      );
    } finally {
      await f.close();
    }
  }
  // More stage changes, all while the desk is moving: 80 callouts changing, one never (the pace).
  const f = await deskFollowing(81, 0);
  try {
    const run = await changeAtRandom(f, f.moving.slice(1));
    delays.push(...run.delays);
    console.log(`polling: 80 stage changes: stage_to_event_ms median=${median(run.delays).toFixed(0)}`);
  } finally {
    await f.close();
  }
  const m = POLL_DEFAULTS.movingMs;
  console.log(
    `polling: list reads/min while moving (50 followed): ${listPerMinute50.toFixed(1)} ` +
      `(a cycle at most every ${m} ms, at a random 60-100 % of it); ` +
      `stage changes measured: ${delays.length}; clock x${SPEED}`,
  );
  const a = perMinute[1] ?? NaN;
  const c = perMinute[50] ?? NaN;
  console.log(
    `polling: goals C <= 2A: ${c <= 2 * a ? 'met' : 'NOT met'} (C/A=${(c / a).toFixed(2)}); ` +
      `D <= M/2: ${median(delays) <= m / 2 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `bench polling: req_per_min_1=${a.toFixed(1)} req_per_min_10=${(perMinute[10] ?? NaN).toFixed(1)} ` +
      `req_per_min_50=${c.toFixed(1)} stage_to_event_ms_median=${median(delays).toFixed(0)} moving_interval_ms=${m}`,
  );
}

if (require.main === module) void runPollingBench();
