// The randomized fault matrix: 200 presses, each against a simulator that misbehaves on the
// raise, read, events and active-callouts routes (resets before and after handling, 500s, 502
// HTML pages, 429s, truncated JSON, expired tokens, delays around the client's timeout).
// The simulator's own de-duplication is OFF, so any blind retry would show as a duplicate: the
// desk's check-before-resend is the only guard. Every press must raise exactly one callout, and
// the desk must still follow that callout to closed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuraClient } from '../../electron/core/aura/client';
import { Desk } from '../../electron/core/desk';
import { memoryStore } from '../../electron/core/ports';
import { deskApiFor } from '../../electron/core/session';
import type { FaultRuleInput } from '../../electron/simulator/faults';
import { startSimulator } from '../../electron/simulator/server';

const RUNS = 200;
const PARALLEL = 8;
const CLIENT_TIMEOUT_MS = 300;

/** A small seeded generator, so a failing run can be replayed from its printed seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomFaults(random: () => number): FaultRuleInput[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const rules: FaultRuleInput[] = [];
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const route = pick([
      'raiseCallout',
      'raiseCallout',
      'getCallout',
      'listCalloutEvents',
      'listActiveCallouts',
    ] as const);
    const kind = pick([
      'latency',
      'reset',
      'reset',
      'error500',
      'error502',
      'rateLimited',
      'truncated',
      'tokenExpiry',
    ] as const);
    rules.push({
      kind,
      route,
      skip: Math.floor(random() * 2),
      times: 1 + Math.floor(random() * 3),
      // Delays around the client's timeout: some answers arrive just in time, some just too late.
      latencyMs: Math.round(CLIENT_TIMEOUT_MS * (0.6 + random() * 0.8)),
      retryAfterSeconds: 0,
      afterHandling: random() < 0.5,
    });
  }
  return rules;
}

async function until(ok: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}

type Outcome = { lost: number; duplicated: number; followed: boolean; seed: number; faults: string };

async function oneRun(seed: number): Promise<Outcome> {
  const random = rng(seed);
  const sim = await startSimulator({ clientId: 'matrix', clientSecret: 'matrix-secret', dedupeActive: false });
  const client = new AuraClient({
    baseUrl: sim.baseUrl,
    clientId: 'matrix',
    getSecret: async () => 'matrix-secret',
    timeoutMs: CLIENT_TIMEOUT_MS,
  });
  const desk = new Desk({
    environment: 'staging',
    api: deskApiFor(client),
    store: memoryStore(),
    dataDir: mkdtempSync(join(tmpdir(), 'matrix-')),
    random,
    timing: {
      retryDelaysMs: [20, 40, 80],
      // Scaled like the app's default (2 s after a 10 s timeout would be too coarse here).
      settleAfterTimeoutMs: CLIENT_TIMEOUT_MS,
      movingMs: 30,
      settledMs: 30,
      readinessEveryMs: 600_000,
    },
  });
  const faults = randomFaults(random);
  try {
    await desk.start(); // sites synced before the faults begin
    sim.faults.set(faults);
    const press = desk.trigger('site_9944', 'button');
    await until(() => desk.getState().presses.find((p) => p.id === press.id)?.status === 'sent', 20_000);
    const sent = desk.getState().presses.find((p) => p.id === press.id);
    const created = sim.state.allCallouts().filter((c) => c.externalReferenceId === 'site_9944');
    const lost = sent?.status === 'sent' && created.some((c) => String(c.id) === sent.calloutId) ? 0 : 1;
    const duplicated = Math.max(0, created.length - 1);
    // The desk keeps following the callout through the same faults, to closed.
    let followed = false;
    if (lost === 0 && sent?.calloutId) {
      sim.state.advance(Number(sent.calloutId), 'close');
      followed = await until(() => desk.getState().callouts.some((c) => c.stage === 'closed'), 20_000);
    }
    return { lost, duplicated, followed, seed, faults: JSON.stringify(faults) };
  } finally {
    desk.stop();
    client.close();
    await sim.close();
  }
}

describe('reliability under faults', () => {
  it(`loses and duplicates no press in ${RUNS} randomized runs`, async () => {
    const outcomes: Outcome[] = [];
    const seeds = Array.from({ length: RUNS }, (_, i) => 1000 + i);
    const workers = Array.from({ length: PARALLEL }, async () => {
      for (let seed = seeds.shift(); seed !== undefined; seed = seeds.shift()) outcomes.push(await oneRun(seed));
    });
    await Promise.all(workers);
    const lost = outcomes.reduce((n, o) => n + o.lost, 0);
    const duplicated = outcomes.reduce((n, o) => n + o.duplicated, 0);
    const unfollowed = outcomes.filter((o) => o.lost === 0 && !o.followed);
    console.log(`reliability faults: runs=${outcomes.length} lost=${lost} duplicated=${duplicated}`);
    for (const bad of outcomes.filter((o) => o.lost || o.duplicated || (o.lost === 0 && !o.followed))) {
      console.log(
        `  seed ${bad.seed}: lost=${bad.lost} duplicated=${bad.duplicated} followed=${bad.followed} ${bad.faults}`,
      );
    }
    expect(outcomes).toHaveLength(RUNS);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
    expect(unfollowed).toEqual([]);
  }, 600_000);
});
