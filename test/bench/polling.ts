// Bench section "polling": what following callouts costs, counted by the simulator, for one desk
// following 1, 10 and 50 callouts (half moving, half settled, the moving ones changing stage at
// random moments), and how soon a stage change at AURA reaches the desk's state event.
//
// Each desk runs its real schedule on a clock sped up SPEED times. A change's delay is the wait
// for the next cycle's list read (timer-driven: converted back by SPEED) plus the reads and the
// state event (real work: counted as it took). Scaling that work SPEED times too, as a plain
// conversion would, is printed beside it ("all scaled"); on this shared 2-core machine it adds a
// few hundred ms. The longest phase (80 changes) runs at SPEED_STAGES, a slower clock.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuraClient } from '../../electron/core/aura/client';
import { Desk } from '../../electron/core/desk/desk';
import { POLL_DEFAULTS } from '../../electron/core/dispatch/poll-timing';
import { memoryStore } from '../fakes/store';
import { ScaledClock } from '../support/scaled-clock';
import { deskPortFor } from '../../electron/core/aura/port';
import type { Stage } from '../../electron/shared/stages';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';

const SPEED = 10;
const SPEED_STAGES = 5;
/** Simulated length of each measured window. */
const WINDOW_MS = 6 * 60_000;

const sleep = (simulatedMs: number, speed = SPEED) => new Promise((r) => setTimeout(r, simulatedMs / speed));
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
  speed: number;
  close(): Promise<void>;
}

/** A desk following `n` callouts it raised: the first ceil(n/2) moving, the rest completed. */
async function deskFollowing(n: number, settled = Math.floor(n / 2), speed = SPEED): Promise<Following> {
  const sim = await startSimulator({ clientId: 'bench', clientSecret: 'bench-secret' });
  const refs = Array.from({ length: n }, (_, i) => `bench-${i}`);
  for (const ref of refs) {
    sim.state.addLocation({ externalReferenceId: ref, locationIdentifier: ref, latitude: '-26.1', longitude: '28.1' });
  }
  // The client's request-rate cap and token lifetimes run on the desk's sped-up clock too: on
  // real time the cap would count several simulated minutes of reads as one and hold reads back.
  const clock = new ScaledClock(speed);
  const client = new AuraClient({
    baseUrl: sim.baseUrl,
    clientId: 'bench',
    getSecret: async () => 'bench-secret',
    now: () => clock.now(),
    monotonic: () => clock.monotonic(),
    sleep: clock.sleep,
  });
  const desk = new Desk({
    environment: 'staging',
    api: deskPortFor(client),
    store: memoryStore(),
    dataDir: mkdtempSync(join(tmpdir(), 'bench-polling-')),
    clock,
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
  return { sim, desk, moving: ids.slice(0, n - settled), speed, close };
}

/**
 * Dispatches each of `ids` at a random moment of the window; returns the delays (simulated ms)
 * from each change at AURA to the desk's state event showing it, and the requests AURA received.
 */
async function changeAtRandom(
  f: Following,
  ids: string[],
): Promise<{ delays: number[]; allScaled: number[]; requests: number }> {
  /** Per changed callout: when it changed, and when the first list read after that arrived. */
  const waiting = new Map<string, { changedAt: number; listedAt: number | null }>();
  const delays: number[] = [];
  const allScaled: number[] = [];
  const offRequests = f.sim.onRequest((entry) => {
    if (!entry.path.endsWith('/callouts/activeCallouts')) return;
    const at = performance.now();
    for (const w of waiting.values()) w.listedAt ??= at;
  });
  const off = f.desk.onChange((state) => {
    const now = performance.now();
    for (const [id, w] of waiting) {
      if (state.callouts.find((c) => c.id === id)?.stage !== ('dispatched' satisfies Stage)) continue;
      waiting.delete(id);
      const listedAt = w.listedAt ?? w.changedAt;
      delays.push((listedAt - w.changedAt) * f.speed + (now - listedAt));
      allScaled.push((now - w.changedAt) * f.speed);
    }
  });
  const before = f.sim.requests.length;
  const timers = ids.map((id) =>
    setTimeout(
      () => {
        f.sim.state.advance(Number(id), 'dispatch');
        waiting.set(id, { changedAt: performance.now(), listedAt: null });
      },
      (Math.random() * WINDOW_MS * 0.9) / f.speed,
    ),
  );
  await sleep(WINDOW_MS, f.speed);
  const requests = f.sim.requests.slice(before).filter((r) => r.op !== null).length;
  for (const t of timers) clearTimeout(t);
  off();
  offRequests();
  return { delays, allScaled, requests };
}

export async function runPollingBench(): Promise<void> {
  const perMinute: Record<number, number> = {};
  const delays: number[] = [];
  const allScaled: number[] = [];
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
      allScaled.push(...run.allScaled);
      console.log(
        `polling: following ${n} (${f.moving.length} moving): ${perMinute[n]?.toFixed(1)} requests/min, ` +
          `stage_to_event_ms median=${median(run.delays).toFixed(0)} (n=${run.delays.length})`,
      );
    } finally {
      await f.close();
    }
  }
  // More stage changes, all while the desk is moving: 80 callouts changing, one never (the pace).
  const f = await deskFollowing(81, 0, SPEED_STAGES);
  try {
    const run = await changeAtRandom(f, f.moving.slice(1));
    delays.push(...run.delays);
    allScaled.push(...run.allScaled);
    console.log(`polling: 80 stage changes: stage_to_event_ms median=${median(run.delays).toFixed(0)}`);
  } finally {
    await f.close();
  }
  const m = POLL_DEFAULTS.movingMs;
  console.log(
    `polling: list reads/min while moving (50 followed): ${listPerMinute50.toFixed(1)} ` +
      `(a cycle at most every ${m} ms, at a random 60-100 % of it); ` +
      `stage changes measured: ${delays.length}; clock x${SPEED} (x${SPEED_STAGES} for the 80 changes)`,
  );
  console.log(
    `polling: stage_to_event_ms median=${median(delays).toFixed(0)}; ` +
      `with the reads' real time scaled by the clock too: ${median(allScaled).toFixed(0)}`,
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
