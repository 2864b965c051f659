// The randomized fault matrix (issue 10): 500 runs, each with three sites and one to four presses
// (same site and different sites, second presses on completed-not-closed callouts), the
// simulator's de-duplication on in half the runs and off in the other half, callouts advanced
// and closed at random moments, every fault kind the simulator has (resets before and after
// handling, 500s, 502 HTML, 429s with normal and huge Retry-After, truncated JSON, expired
// tokens, latency around the client's timeout) plus token-route refusals and errors, wall-clock
// jumps of ±1 h, and disk faults (ENOSPC, EIO, short writes) through the storage port.
// Everything is counted at the end of each run, after a settle period:
//   lost: a press for which nothing reached AURA; swallowed: a press AURA recorded as neither a
//   raise nor an event; stalled: a followed, unclosed callout not polled for three intervals (or
//   never seen closed); duplicated: two callouts for one press outside the allowed re-raise;
//   reraised: the allowed ones ("AURA may hold two callouts for this press").
// The desk runs on a clock 50x faster than real time, so its own delays are the app's defaults.
import { describe, expect, it } from 'vitest';
import type { FaultRuleInput } from '../../electron/simulator/faults';
import { FAULT_KINDS } from '../../electron/shared/model/desk-state';
import { pressedAgainMessage } from '../../electron/core/dispatch/press-words';
import type { Press } from '../../electron/shared/model/press';
import {
  addSitesLikeDemo,
  CLIENT_TIMEOUT_MS,
  openWorld,
  sleep,
  until,
  type DiskFault,
  type World,
} from '../reliability/world';
import { rng } from '../support/rng';

const RUNS = Number(process.env.RELIABILITY_RUNS ?? 500);
const PARALLEL = 24;
const FACTOR = 50;
/** The desk polls every 30 s here (twice the settled pace: fewer requests on a busy CI box), i.e. 600 ms real. */
const POLL_MS = 30_000;
const POLL_REAL_MS = POLL_MS / FACTOR;
/** The poller's longest backoff after errors (60 s), in real ms: the settle period outlasts it. */
const MAX_POLL_BACKOFF_REAL_MS = 60_000 / FACTOR;
const SITES = ['site_9944', 'site_north', 'site_south'] as const;

const PRESS_ROUTES = ['raiseCallout', 'raiseCallout', 'listActiveCallouts', 'sendCalloutEvent', 'token'] as const;
const POLL_ROUTES = ['getCallout', 'listCalloutEvents'] as const;
/** Every kind the simulator has (a kind added later joins the matrix), `reset` twice: the unknown outcome. */
const KINDS = [...FAULT_KINDS, 'reset'] as const;

function randomFaults(random: () => number): FaultRuleInput[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const rules: FaultRuleInput[] = [];
  const count = 1 + Math.floor(random() * 4);
  for (let i = 0; i < count; i++) {
    const route = random() < 0.75 ? pick(PRESS_ROUTES) : pick(POLL_ROUTES);
    // One refusal of the token route is a hiccup, never "credentials rejected".
    const kind = route === 'token' && random() < 0.4 ? pick(['refuse401', 'refuse400'] as const) : pick(KINDS);
    // Huge Retry-After on the press-only routes (capped at 30 s). The active list is also the
    // poll cycle's read, whose own cap (5 min) is the poller's and would outlast the settle period.
    const huge = (route === 'raiseCallout' || route === 'sendCalloutEvent' || route === 'token') && random() < 0.3;
    rules.push({
      kind,
      route,
      skip: Math.floor(random() * 3),
      times: kind === 'refuse401' || kind === 'refuse400' ? 1 : 1 + Math.floor(random() * 3),
      latencyMs: Math.round(CLIENT_TIMEOUT_MS * (0.6 + random() * 0.8)),
      retryAfterSeconds: huge ? 999_999_999 : Math.floor(random() * 3),
      afterHandling: random() < 0.5,
    });
  }
  return rules;
}

type Outcome = {
  seed: number;
  lost: number;
  swallowed: number;
  stalled: number;
  duplicated: number;
  reraised: number;
  notes: string[];
};

/** Random moves of the world while presses are on their way: AURA, the disk and the clock. */
async function chaos(w: World, random: () => number, until: () => boolean): Promise<void> {
  const disks: DiskFault[] = ['ENOSPC', 'EIO', 'short'];
  while (!until()) {
    await sleep(20 + random() * 60);
    const r = random();
    const open = w.sim.state.allCallouts().filter((c) => c.phase !== 'closed');
    const c = open[Math.floor(random() * open.length)];
    if (r < 0.25 && c)
      w.sim.state.advance(c.id, (['dispatch', 'arrive', 'complete'] as const)[Math.floor(random() * 3)] as 'dispatch');
    else if (r < 0.33 && c) w.sim.state.advance(c.id, 'close');
    else if (r < 0.45) w.storage.fault = w.storage.fault ? null : (disks[Math.floor(random() * disks.length)] ?? null);
    else if (r < 0.52) w.clock.jumpWall(random() < 0.5 ? -3600_000 : 3600_000);
  }
}

async function oneRun(seed: number): Promise<Outcome> {
  const random = rng(seed);
  const notes: string[] = [];
  const dedupe = seed % 2 === 0;
  const w = await openWorld({
    sim: { dedupeActive: dedupe },
    factor: FACTOR,
    random,
    desk: {
      timing: {
        movingMs: POLL_MS,
        settledMs: POLL_MS,
        settleAfterTimeoutMs: CLIENT_TIMEOUT_MS * FACTOR,
        readinessEveryMs: 60_000,
      },
    },
  });
  addSitesLikeDemo(w.sim, SITES.slice(1));
  try {
    await w.desk.start(); // sites synced before the faults begin
    await w.desk.handlers['settings.update']({ stalePressMinutes: 60 });
    const faults = randomFaults(random);
    notes.push(`dedupe=${dedupe} faults=${JSON.stringify(faults)}`);
    if (random() < 0.5) w.client.forgetToken(); // the first press then needs an exchange
    w.sim.faults.set(faults);

    const presses: Press[] = [];
    let thrown = 0;
    let pressing = true;
    const moving = chaos(w, random, () => !pressing);
    const count = 1 + Math.floor(random() * 4);
    for (let i = 0; i < count; i++) {
      const same = presses.length > 0 && random() < 0.6;
      const site = same ? (presses[presses.length - 1] as Press).siteId : SITES[Math.floor(random() * SITES.length)];
      if (same && random() < 0.5) {
        // A second press on a completed-not-closed callout (AURA Staging never closes on its own).
        const prev = presses[presses.length - 1] as Press;
        await until(() => w.desk.getState().presses.find((p) => p.id === prev.id)?.status === 'sent', 3000);
        const id = Number(w.desk.getState().presses.find((p) => p.id === prev.id)?.calloutId);
        if (w.sim.state.callout(id)?.phase !== 'closed') w.sim.state.advance(id, 'complete');
      }
      try {
        presses.push(w.desk.trigger(site as string, random() < 0.3 ? 'hotkey' : 'button'));
      } catch (error) {
        thrown++; // the operator pressed and the desk threw: nothing of this press can be counted on
        notes.push(`lost: trigger threw ${String(error)}`);
      }
      await sleep(random() * 150);
    }
    await sleep(200 + random() * 400);
    pressing = false;
    await moving;

    // Settle: the faults end, the disk works; every press must get through.
    w.sim.faults.clear();
    w.storage.fault = null;
    const state = () => w.desk.getState();
    await until(() => state().presses.every((p) => p.status === 'sent' || p.status === 'failed'), 20_000);
    await sleep(MAX_POLL_BACKOFF_REAL_MS + 3 * POLL_REAL_MS);

    const final = state().presses.filter((p) => presses.some((x) => x.id === p.id));
    const all = w.sim.state.allCallouts();
    let lost = thrown;
    let swallowed = 0;
    const claimed = new Map<string, string>();
    for (const p of final) {
      const callout = all.find((c) => String(c.id) === p.calloutId);
      if (p.status !== 'sent' || !callout) {
        lost++;
        notes.push(`lost ${p.id}: ${p.status} ${p.lastError ?? ''}`);
        continue;
      }
      if (p.via === 'event') {
        const message = pressedAgainMessage(p, 'Gate 2');
        if (!w.sim.state.eventsOf(callout.id).some((e) => e.message === message)) {
          swallowed++;
          notes.push(`swallowed ${p.id}: no event on ${callout.id}`);
        }
      } else if (p.via === null || claimed.has(String(callout.id))) {
        swallowed++;
        notes.push(`swallowed ${p.id}: callout ${callout.id} is another press's (${p.via})`);
      } else claimed.set(String(callout.id), p.id);
    }
    let duplicated = 0;
    let reraised = 0;
    for (const site of SITES) {
      const extra = all.filter((c) => c.externalReferenceId === site && !claimed.has(String(c.id))).length;
      const allowed = final.filter((p) => p.siteId === site).reduce((n, p) => n + p.extraCallouts, 0);
      reraised += Math.min(extra, allowed);
      duplicated += Math.max(0, extra - allowed);
      if (extra > allowed) {
        notes.push(`duplicated at ${site}: ${extra} unclaimed, ${allowed} allowed`);
        if (process.env.RELIABILITY_DEBUG) {
          notes.push(
            `presses ${final.map((p) => `${p.siteId}:${p.via}:${p.calloutId}:${p.attempts}:${p.mayHoldTwo}`).join(',')}`,
          );
          notes.push(`callouts ${all.map((c) => `${c.externalReferenceId}:${c.id}:${c.phase}`).join(',')}`);
          notes.push(
            `raises ${w.sim.requests
              .filter((r) => r.op === 'raiseCallout' || r.op === 'listActiveCallouts' || r.op === 'sendCalloutEvent')
              .map((r) => `${r.op}:${r.status}:${r.fault}`)
              .join(',')}`,
          );
        }
      }
    }

    // Stalled: every followed callout still open in AURA was polled within three intervals, and
    // once the control room closes them all, the desk sees every one closed.
    let stalled = 0;
    // Three intervals of the desk's time: where the test's own load stalls the event loop (24
    // desks and simulators share one thread), the desk could not run either, so that lag is added.
    const windowStart = Date.now() - 3 * POLL_REAL_MS - 2 * recentLag();
    const followed = state().callouts.filter((c) => c.stage !== 'closed');
    for (const c of followed) {
      if (w.sim.state.callout(Number(c.id))?.phase === 'closed') continue;
      // The poll cycle reads AURA's active list for every followed callout at once, and a
      // callout in full when it moved: either counts as polling it.
      const polled = w.sim.requests.some(
        (r) =>
          r.at >= windowStart &&
          r.status === 200 &&
          (r.op === 'listActiveCallouts' || (r.op === 'getCallout' && r.path.endsWith(`/callouts/${c.id}`))),
      );
      if (!polled) {
        if (process.env.RELIABILITY_DEBUG) {
          const polls = w.sim.requests
            .filter((r) => r.path.includes(`/callouts/${c.id}`))
            .map((r) => `${r.op}@${Date.now() - r.at}ms:${r.status}`);
          notes.push(`polls of ${c.id}: ${polls.slice(-6).join(' ')} stage=${c.stage} lag=${maxLag}ms`);
        }
        stalled++;
        notes.push(`stalled ${c.id}: not polled in three intervals`);
      }
    }
    for (const c of w.sim.state.allCallouts()) if (c.phase !== 'closed') w.sim.state.advance(c.id, 'close');
    const ids = new Set(final.map((p) => p.calloutId));
    const seen = await until(
      () =>
        state()
          .callouts.filter((c) => ids.has(c.id))
          .every((c) => c.stage === 'closed'),
      10_000,
    );
    if (!seen && stalled === 0) {
      stalled++;
      notes.push('stalled: a callout closed in AURA was never seen closed');
    }
    return { seed, lost, swallowed, stalled, duplicated, reraised, notes };
  } finally {
    await w.close();
  }
}

/** Event-loop lag samples (at, ms), for the stall window. */
let maxLag = 0;
const lags: Array<{ at: number; ms: number }> = [];
function recentLag(): number {
  const since = Date.now() - 3 * POLL_REAL_MS - 2000;
  return lags.filter((l) => l.at >= since).reduce((m, l) => Math.max(m, l.ms), 0);
}

describe('reliability under faults', () => {
  it(`loses, swallows, stalls and duplicates no press in ${RUNS} randomized runs`, async () => {
    const outcomes: Outcome[] = [];
    let last = Date.now();
    const lagWatch = setInterval(() => {
      const lag = Date.now() - last - 10;
      maxLag = Math.max(maxLag, lag);
      if (lag > 20) lags.push({ at: Date.now(), ms: lag });
      if (lags.length > 5000) lags.splice(0, 2500);
      last = Date.now();
    }, 10);
    // RELIABILITY_SEEDS=5023,5036 replays chosen runs.
    const chosen = process.env.RELIABILITY_SEEDS?.split(',').map(Number);
    const seeds = chosen ? [...chosen] : Array.from({ length: RUNS }, (_, i) => 5000 + i);
    const workers = Array.from({ length: PARALLEL }, async () => {
      for (let seed = seeds.shift(); seed !== undefined; seed = seeds.shift()) outcomes.push(await oneRun(seed));
    });
    await Promise.all(workers);
    clearInterval(lagWatch);
    const sum = (k: 'lost' | 'swallowed' | 'stalled' | 'duplicated' | 'reraised') =>
      outcomes.reduce((n, o) => n + o[k], 0);
    console.log(
      `reliability faults: runs=${outcomes.length} lost=${sum('lost')} swallowed=${sum('swallowed')} stalled=${sum('stalled')} duplicated=${sum('duplicated')} reraised=${sum('reraised')}`,
    );
    for (const bad of outcomes.filter((o) => o.lost || o.swallowed || o.stalled || o.duplicated)) {
      console.log(`  seed ${bad.seed}: ${bad.notes.join(' | ')}`);
    }
    expect(outcomes).toHaveLength(chosen?.length ?? RUNS);
    expect({
      lost: sum('lost'),
      swallowed: sum('swallowed'),
      stalled: sum('stalled'),
      duplicated: sum('duplicated'),
    }).toEqual({
      lost: 0,
      swallowed: 0,
      stalled: 0,
      duplicated: 0,
    });
  }, 900_000);
});
