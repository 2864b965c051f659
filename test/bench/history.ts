// Bench section "history" (issue 25 item 8): a desk holding 30 days of history (10,000 sent
// presses and 10,000 closed callouts) beside an empty desk, both against one simulator on
// 127.0.0.1, presses alternating between them. Figures: the size of a state update as the wire
// sends it (JSON), and press_to_aura_ms, from the press to AURA's answer recorded on the press
// (the desk's whole press path: ledger write, state updates serialised as the host does, raise).
// Run alone: `npx tsx test/bench/history.ts`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuraClient } from '../../electron/core/aura/client';
import { Desk } from '../../electron/core/desk/desk';
import { deskPortFor } from '../../electron/core/aura/port';
import { systemClock } from '../../electron/core/ports';
import type { Callout } from '../../electron/shared/model/callout';
import type { DeskState } from '../../electron/shared/model/desk-state';
import { NEW_PRESS_STATE, type Press } from '../../electron/shared/model/press';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { memoryStore } from '../fakes/store';

const HISTORY = 10_000;
const PRESSES = 25;
const SITE = 'site_9944';
const DAY = 24 * 3600_000;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** 30 days of history: HISTORY sent presses (presses.json) and their closed callouts (the store). */
function history(dataDir: string, now: number): Record<string, unknown> {
  const presses: Press[] = [];
  const callouts: Callout[] = [];
  for (let i = 0; i < HISTORY; i++) {
    const pressedAt = now - DAY - Math.floor((i / HISTORY) * 28 * DAY);
    const id = String(500_000 + i);
    presses.push({
      id: `history-${i}`,
      siteId: SITE,
      source: 'button',
      pressedAt,
      dismissed: false,
      ...NEW_PRESS_STATE,
      status: 'sent',
      attempts: 1,
      calloutId: id,
      via: 'raised',
      outcome: `AURA raised callout ${id}`,
      target: { environment: 'staging', baseUrl: null, clientId: null },
    });
    const stage = (at: number, s: Callout['stage'], text: string) => ({
      at,
      kind: 'stage' as const,
      stage: s,
      text,
      auraAt: null,
    });
    callouts.push({
      id,
      siteId: SITE,
      stage: 'closed',
      rawStatus: 'Closed',
      pressedAt,
      silent: false,
      responder: { name: 'Armed response 7', phone: '+27 82 555 0101', supplier: null },
      closedAt: pressedAt + 1800_000,
      raisedElsewhere: false,
      unfollowedAt: null,
      timeline: [
        stage(pressedAt, 'created', 'Panic button pressed'),
        stage(pressedAt + 60_000, 'dispatched', 'Responder dispatched'),
        stage(pressedAt + 600_000, 'arrived', 'Responder arrived'),
        stage(pressedAt + 1200_000, 'completed', 'Responder completed'),
        stage(pressedAt + 1800_000, 'closed', 'Closed'),
      ],
    });
  }
  writeFileSync(join(dataDir, 'presses.json'), JSON.stringify(presses));
  return { 'callouts-staging': callouts };
}

interface BenchDesk {
  desk: Desk;
  client: AuraClient;
  /** Bytes of every state update since the last `take`. */
  sizes: number[];
  last: DeskState | null;
}

async function openDesk(sim: RunningSimulator, withHistory: boolean): Promise<BenchDesk> {
  const dataDir = mkdtempSync(join(tmpdir(), `bench-history-${withHistory ? 'full' : 'empty'}-`));
  const initial = withHistory ? history(dataDir, Date.now()) : {};
  const client = new AuraClient({ baseUrl: sim.baseUrl, clientId: 'bench', getSecret: async () => 'bench-secret' });
  const desk = new Desk({
    environment: 'staging',
    api: deskPortFor(client),
    store: memoryStore(initial),
    dataDir,
    clock: systemClock,
  });
  const out: BenchDesk = { desk, client, sizes: [], last: null };
  // What the host does with every update: the wire serialises it whole.
  desk.onChange((state) => {
    out.sizes.push(Buffer.byteLength(JSON.stringify({ event: 'state.changed', payload: state })));
    out.last = state;
  });
  await desk.start();
  return out;
}

/**
 * One press, timed until the state update that says AURA has it: what the app's page waits for
 * (main pushes each update; nothing polls the desk).
 */
function pressOnce(b: BenchDesk): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    let pressId: string | null = null;
    const timer = setTimeout(() => {
      stop();
      reject(new Error('bench history: a press was not sent within 10 s'));
    }, 10_000);
    const stop = b.desk.onChange((state) => {
      if (!state.presses.some((p) => p.id === pressId && p.status === 'sent')) return;
      clearTimeout(timer);
      stop();
      resolve(performance.now() - started);
    });
    pressId = b.desk.trigger(SITE, 'button').id;
  });
}

export async function runHistoryBench(): Promise<{ updateBytes: number; pressMs: number; emptyPressMs: number }> {
  const sim = await startSimulator({ clientId: 'bench', clientSecret: 'bench-secret', dedupeActive: false });
  const empty = await openDesk(sim, false);
  const full = await openDesk(sim, true);
  try {
    for (const b of [empty, full]) for (let i = 0; i < 3; i++) await pressOnce(b); // token and JIT warm
    const times = { empty: [] as number[], full: [] as number[] };
    for (const b of [empty, full]) b.sizes.length = 0;
    for (let i = 0; i < PRESSES; i++) {
      for (const [name, b] of [
        ['empty', empty],
        ['full', full],
      ] as const) {
        times[name].push(await pressOnce(b));
        await sleep(20);
      }
    }
    const bytes = (b: BenchDesk) => Math.max(...b.sizes);
    const pressMs = median(times.full);
    const emptyPressMs = median(times.empty);
    const historyCount = full.last?.historyCount ?? 0;
    console.log(
      `history: empty desk update_bytes=${bytes(empty)} press_to_aura_ms=${emptyPressMs.toFixed(2)}; ` +
        `desk with ${HISTORY} presses (${historyCount} closed callouts left off the wire) ` +
        `update_bytes=${bytes(full)} press_to_aura_ms=${pressMs.toFixed(2)} (median of ${PRESSES})`,
    );
    console.log(
      `bench history: presses=${HISTORY} update_bytes=${bytes(full)} press_to_aura_ms=${pressMs.toFixed(2)} ` +
        `empty_update_bytes=${bytes(empty)} empty_press_to_aura_ms=${emptyPressMs.toFixed(2)} ` +
        `vs_empty=${(pressMs / emptyPressMs).toFixed(2)}`,
    );
    return { updateBytes: bytes(full), pressMs, emptyPressMs };
  } finally {
    for (const b of [empty, full]) {
      b.desk.stop();
      b.client.close();
    }
    await sim.close();
  }
}

// `npx tsx test/bench/history.ts` runs this section alone.
if (process.argv[1]?.endsWith('history.ts')) void runHistoryBench();
