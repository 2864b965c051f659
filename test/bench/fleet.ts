// Bench section "fleet" (issue 15): 200 desk cores in this one process against one simulator that
// rate-limits its client (600 requests a minute, 429 + Retry-After beyond), as a bank's 200
// reception desks would share one AURA account. Each desk shows its own site (as IT's policy sets).
//
// What is simulated, honestly: every desk runs its real core (readiness probe, poll cycle,
// dispatcher) on a clock sped up SPEED times, and the simulator keeps time on the same clock, so
// the idle minutes and the two-minute outages take seconds. Network and CPU time are real and so
// count SPEED times over while sped up; the presses therefore run at real speed (clock x1) and
// their latency is real. The desks are switched on at random over the first minute, as a fleet's
// computers are. An outage is the gateway answering 502 to everything. Token refreshes (once an
// hour per desk, on the real clock) fall outside the run: +1/55 request a minute per desk.
//
// Phases: warm-up; idle (2 min); outage A (2 min) and its recovery (2 min, no presses: the peak
// is the desks coming back); outage B (2 min), then in real time 50 presses on 50 desks within
// 20 s of AURA's return while another system on the same client uses half the limit, so that the
// limit bites (loss, duplicates, press-to-AURA). BENCH_FLEET_DEBUG=1 prints the requests by kind.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuraClient } from '../../electron/core/aura/client';
import { Desk } from '../../electron/core/desk/desk';
import { type Clock } from '../../electron/core/ports';
import { memoryStore } from '../fakes/store';
import { deskPortFor } from '../../electron/core/aura/port';
import { startSimulator, type RequestLogEntry } from '../../electron/simulator/server';
import { UNMANAGED } from '../../electron/shared/model/desk-state';

const SPEED = Number(process.env.BENCH_FLEET_SPEED ?? 10);
const DESKS = 200;
const PRESSES = 50;
const LIMIT_PER_MIN = 600;
const MIN = 60_000;
/** The presses come within this much of AURA's return: a fleet-wide incident, dense enough that the limit bites. */
const NEIGHBOUR_RPS = Number(process.env.BENCH_FLEET_NEIGHBOUR_RPS ?? 5);
const PRESS_WINDOW_MS = Number(process.env.BENCH_FLEET_PRESS_WINDOW_MS ?? 20_000);

/** A clock running `speed` times faster than the wall; the speed can change (timers keep theirs). */
function switchableClock(initialSpeed: number): Clock & { setSpeed(speed: number): void } {
  let speed = initialSpeed;
  let wall0 = Date.now();
  let perf0 = performance.now();
  let now0 = wall0;
  let mono0 = perf0;
  const now = () => now0 + (Date.now() - wall0) * speed;
  const monotonic = () => mono0 + (performance.now() - perf0) * speed;
  return {
    now,
    monotonic,
    setTimeout(fn, ms) {
      const handle = setTimeout(fn, ms / speed);
      return () => clearTimeout(handle);
    },
    setSpeed(next) {
      now0 = now();
      mono0 = monotonic();
      wall0 = Date.now();
      perf0 = performance.now();
      speed = next;
    },
  };
}

const sleepReal = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))] ?? NaN;

export interface FleetFigures {
  idleReqPerMin: number;
  recoveryPeakRps: number;
  lost: number;
  duplicated: number;
  p95PressToAuraMs: number;
}

export async function runFleetBench(): Promise<FleetFigures> {
  const clock = switchableClock(SPEED);
  let speed = SPEED;
  const sleep = (simulatedMs: number) => sleepReal(simulatedMs / speed);
  const sim = await startSimulator({
    clientId: 'fleet',
    clientSecret: 'fleet-secret',
    now: () => clock.now(),
    tokenTtlSeconds: 86_400,
    rateLimit: { perMinute: LIMIT_PER_MIN },
  });
  const log: RequestLogEntry[] = [];
  sim.onRequest((entry) => void log.push(entry));
  const between = (from: number, to: number) => log.filter((e) => e.at >= from && e.at < to && e.op !== null);

  // One Fixed Location per desk (site_fleet_000 … 199), registered before the desks start.
  const siteOf = (i: number) => `site_fleet_${String(i).padStart(3, '0')}`;
  const locations = Array.from({ length: DESKS }, (_, i) =>
    sim.state.addLocation({
      externalReferenceId: siteOf(i),
      locationIdentifier: `Desk ${i}`,
      latitude: '-33.9',
      longitude: '18.4',
    }),
  );

  const clients: AuraClient[] = [];
  const desks: Desk[] = [];
  for (let i = 0; i < DESKS; i++) {
    const client = new AuraClient({ baseUrl: sim.baseUrl, clientId: 'fleet', getSecret: async () => 'fleet-secret' });
    clients.push(client);
    desks.push(
      new Desk({
        environment: 'staging',
        api: deskPortFor(client),
        store: memoryStore(),
        dataDir: mkdtempSync(join(tmpdir(), 'bench-fleet-')),
        clock,
        // Each desk shows its own site, as IT's policy sets it (otherwise every desk would follow
        // every other desk's callouts as "raised elsewhere").
        policy: { policy: { sites: [siteOf(i)], locked: ['sites'] }, view: UNMANAGED },
      }),
    );
  }
  try {
    // Switched on over the first minute; a minute and a half more to settle.
    for (const desk of desks) clock.setTimeout(() => void desk.start(), Math.random() * MIN);
    await sleep(2.5 * MIN);

    const idleFrom = clock.now();
    await sleep(2 * MIN);
    const idleLog = between(idleFrom, idleFrom + 2 * MIN);
    const idle = idleLog.length / 2;
    const idleSeconds = new Array<number>(120).fill(0);
    for (const e of idleLog) idleSeconds[Math.min(119, Math.floor((e.at - idleFrom) / 1000))]! += 1;

    // Outage A, then the desks come back (no presses).
    sim.faults.set([{ kind: 'error502', route: '*' }]);
    await sleep(2 * MIN);
    sim.faults.clear();
    const backA = clock.now();
    await sleep(2 * MIN);
    const recovery = between(backA, backA + 2 * MIN);
    const perSecond = new Array<number>(120).fill(0);
    for (const e of recovery) perSecond[Math.min(119, Math.floor((e.at - backA) / 1000))]! += 1;
    const window10 = perSecond.map((_, s) => perSecond.slice(s, s + 10).reduce((a, b) => a + b, 0) / 10);
    const peak10 = Math.max(...window10.slice(0, 111));
    const peak1 = Math.max(...perSecond);

    // Outage B, then 50 presses on 50 desks over the first minute of the recovery.
    sim.faults.set([{ kind: 'error502', route: '*' }]);
    await sleep(2 * MIN);
    sim.faults.clear();
    // The presses run in real time: their latency is then real, not network time × SPEED.
    clock.setSpeed(1);
    speed = 1;
    const backB = clock.now();
    // Another system on the same AURA client (say, the control room's dashboard) uses half the
    // limit meanwhile, so that the limit bites while the presses are sent.
    let neighbourRequests = 0;
    let neighbourLimited = 0;
    const neighbour = new AuraClient({
      baseUrl: sim.baseUrl,
      clientId: 'fleet',
      getSecret: async () => 'fleet-secret',
    });
    let neighbourOn = true;
    const neighbourLoop = (async () => {
      while (neighbourOn) {
        neighbourRequests++;
        await neighbour.listActiveCallouts().catch((error: unknown) => {
          if (error instanceof Error && /slow down|wait/i.test(error.message)) neighbourLimited++;
        });
        await sleepReal(1000 / NEIGHBOUR_RPS);
      }
    })();
    const chosen = [...desks.keys()].sort(() => Math.random() - 0.5).slice(0, PRESSES);
    const pressedAt = new Map<number, number>();
    for (const i of chosen) {
      clock.setTimeout(() => {
        pressedAt.set(i, clock.now());
        desks[i]!.trigger(siteOf(i), 'button');
      }, Math.random() * PRESS_WINDOW_MS);
    }
    const deadline = clock.now() + 5 * MIN;
    const allSent = () =>
      pressedAt.size === PRESSES && chosen.every((i) => desks[i]!.getState().presses.every((p) => p.status === 'sent'));
    while (!allSent() && clock.now() < deadline) await sleep(1000);
    neighbourOn = false;
    await neighbourLoop;
    neighbour.close();
    const recoveryB = between(backB, clock.now());
    const limited = recoveryB.filter((e) => e.status === 429).length - neighbourLimited;
    if (process.env.BENCH_FLEET_DEBUG) {
      const by = new Map<string, number>();
      for (const e of recoveryB) by.set(`${e.op} ${e.status}`, (by.get(`${e.op} ${e.status}`) ?? 0) + 1);
      console.log(`fleet debug: ${(clock.now() - backB) / 1000} s after outage B:`, Object.fromEntries(by));
      for (const i of chosen) {
        for (const p of desks[i]!.getState().presses) {
          if (p.status !== 'sent') console.log(`fleet debug: desk ${i} press`, JSON.stringify(p));
        }
      }
    }

    // Against AURA's own record: every press a callout, none twice, and when it was raised.
    const latencies: number[] = [];
    let lost = 0;
    let duplicated = 0;
    for (const i of chosen) {
      const raised = sim.state.allCallouts().filter((c) => c.predefinedLocationId === locations[i]!.id);
      if (raised.length === 0) lost++;
      duplicated += Math.max(0, raised.length - 1);
      const first = raised[0];
      const at = pressedAt.get(i);
      if (first && at !== undefined) latencies.push(Date.parse(first.createdAt) - at);
    }
    const p95 = percentile(latencies, 0.95);

    const idleRps = idle / 60;
    console.log(
      `fleet: ${DESKS} desks, limit ${LIMIT_PER_MIN}/min per client, clock x${SPEED}; ` +
        `idle ${idle.toFixed(0)} req/min (${(idle / DESKS).toFixed(2)} per desk, ${idleRps.toFixed(2)} req/s)`,
    );
    console.log(
      `fleet: recovery after a 2-min outage: peak ${peak10.toFixed(1)} req/s over 10 s ` +
        `(${(peak10 / idleRps).toFixed(2)}x idle; busiest single second ${peak1} requests, ` +
        `idle's busiest ${Math.max(...idleSeconds)})`,
    );
    console.log(
      `fleet: ${PRESSES} presses over ${PRESS_WINDOW_MS / 1000} s of a recovery, in real time, beside another ` +
        `system using ${NEIGHBOUR_RPS} req/s of the limit (${neighbourLimited} of its ${neighbourRequests} refused): ` +
        `the desks got ${limited} answers 429 meanwhile; ` +
        `press_to_aura_ms median=${percentile(latencies, 0.5).toFixed(0)} p95=${p95.toFixed(0)} max=${Math.max(...latencies).toFixed(0)}`,
    );
    const goals = [
      idle / DESKS <= 1 ? null : 'idle above 1 request a minute per desk',
      peak10 <= 2 * idleRps ? null : 'recovery peak above 2x the idle rate',
      lost === 0 && duplicated === 0 ? null : 'a press lost or duplicated',
      p95 < 5000 ? null : 'p95 press-to-AURA not under 5 s',
      limited > 0 ? null : 'the rate limit never bit during the presses',
    ].filter(Boolean);
    console.log(`fleet: goals ${goals.length === 0 ? 'met' : `NOT met: ${goals.join('; ')}`}`);
    console.log(
      `bench fleet: desks=${DESKS} idle_req_per_min=${idle.toFixed(0)} recovery_peak_rps=${peak10.toFixed(1)} ` +
        `presses=${PRESSES} lost=${lost} duplicated=${duplicated} p95_press_to_aura_ms=${p95.toFixed(0)}`,
    );
    if (goals.length > 0) process.exitCode = 1;
    return { idleReqPerMin: idle, recoveryPeakRps: peak10, lost, duplicated, p95PressToAuraMs: p95 };
  } finally {
    for (const desk of desks) desk.stop();
    for (const client of clients) client.close();
    await sim.close();
  }
}

if (require.main === module) void runFleetBench();
