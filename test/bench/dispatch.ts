// Bench section "dispatch": how much the desk talks to AURA when idle and while a callout is
// active, and how soon a stage change at AURA reaches the renderer-facing state event.
//
// The desk runs with its real schedule (5 s polls while moving, readiness once a minute) on a
// clock sped up SPEED times, against the simulator on 127.0.0.1; figures are converted back to
// real time. Both situations are measured in the same run.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuraClient } from '../../electron/core/aura/client';
import { Desk } from '../../electron/core/desk/desk';
import { deskPortFor } from '../../electron/core/aura/port';
import { ScaledClock } from '../support/scaled-clock';
import { memoryStore } from '../fakes/store';
import { startSimulator } from '../../electron/simulator/server';

const SPEED = 10;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function waitFor<T>(read: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('bench: timed out');
    await sleep(10);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function runDispatchBench(): Promise<void> {
  const sim = await startSimulator({ clientId: 'bench', clientSecret: 'bench-secret' });
  const clock = new ScaledClock(SPEED);
  const client = new AuraClient({ baseUrl: sim.baseUrl, clientId: 'bench', getSecret: async () => 'bench-secret' });
  const desk = new Desk({
    environment: 'staging',
    api: deskPortFor(client),
    store: memoryStore(),
    dataDir: mkdtempSync(join(tmpdir(), 'bench-dispatch-')),
    clock,
  });
  try {
    await desk.start();
    const requestsDuring = async (simulatedMs: number): Promise<number> => {
      const before = sim.requests.length;
      await sleep(simulatedMs / SPEED);
      return sim.requests.length - before;
    };
    await sleep(200);
    const idle = await requestsDuring(120_000);

    desk.trigger('site_9944', 'button');
    await sleep(200);
    const active = await requestsDuring(120_000);

    // Stage change at AURA -> state event, at random moments relative to the poll schedule:
    // four callouts, each stepped through dispatch and arrival (polled every 5 s while moving)
    // and completion and close (every 15 s once the responder is there).
    const moving: number[] = [];
    const settled: number[] = [];
    const target = { dispatch: 'dispatched', arrive: 'arrived', complete: 'completed', close: 'closed' } as const;
    for (let round = 0; round < 4; round++) {
      if (round > 0) desk.trigger('site_9944', 'button');
      const calloutId = await waitFor(() => desk.getState().callouts.find((c) => c.stage !== 'closed')?.id);
      for (const step of ['dispatch', 'arrive', 'complete', 'close'] as const) {
        await sleep(Math.random() * (5000 / SPEED));
        const seen = new Promise<number>((resolve) => {
          const off = desk.onChange((s) => {
            if (s.callouts.find((c) => c.id === calloutId)?.stage === target[step]) {
              off();
              resolve(performance.now());
            }
          });
        });
        sim.state.advance(Number(calloutId), step);
        const changedAt = performance.now();
        const latency = ((await seen) - changedAt) * SPEED;
        (step === 'dispatch' || step === 'arrive' ? moving : settled).push(latency);
      }
    }
    const perMinute = (n: number) => (n / 2).toFixed(1);
    const fmt = (xs: number[]) => `median=${median(xs).toFixed(0)} max=${Math.max(...xs).toFixed(0)}`;
    console.log(`dispatch: requests/min idle=${perMinute(idle)} one_active=${perMinute(active)} (clock x${SPEED})`);
    console.log(`dispatch: stage_to_event_ms while moving ${fmt(moving)} (poll interval 5000 ms)`);
    console.log(`dispatch: stage_to_event_ms after arrival ${fmt(settled)} (poll interval 15000 ms)`);
    console.log(
      `bench dispatch: requests_per_min_idle=${perMinute(idle)} requests_per_min_active=${perMinute(active)} ` +
        `stage_to_event_ms_median=${median(moving).toFixed(0)} vs_poll_interval=${(median(moving) / 5000).toFixed(2)}`,
    );
  } finally {
    desk.stop();
    client.close();
    await sim.close();
  }
}
