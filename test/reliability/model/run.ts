// One model run: a fresh machine, the commands in order (each followed by the step checks), then
// the end: faults cleared, disk and network healthy, time run on, and the end checks.
import fc from 'fast-check';
import type { Real } from './commands';
import { INVARIANTS, Ledger, type Counts } from './ledger';
import { Machine } from './machine';

/** How long time runs on at the end, in one-minute steps, with every fault cleared. */
const END_MINUTES = 8;

export class ModelViolation extends Error {}

/** Ends the run at the first violation: shrinking then looks for the shortest way there. */
export function stopIfFound(ledger: Ledger): void {
  if (INVARIANTS.some((k) => ledger.counts[k] > 0)) throw new ModelViolation(ledger.found.join('\n'));
}

export interface RunOutcome {
  counts: Counts;
  steps: number;
}

export async function modelRun(commands: Iterable<fc.AsyncCommand<object, Real>>): Promise<RunOutcome> {
  const m = new Machine();
  const ledger = new Ledger(m);
  try {
    await m.open();
    ledger.checkStep();
    stopIfFound(ledger);
    await fc.asyncModelRun(() => ({ model: {}, real: { m, ledger } }), commands);
    for (const sim of m.net.sims.values()) sim.faults.clear();
    m.disk.full = false;
    m.net.latencyMs = 0;
    if (!m.host) await m.open();
    for (let i = 0; i < END_MINUTES; i++) {
      await m.time.advance(60_000);
      ledger.resolvePending();
      ledger.checkStep();
      stopIfFound(ledger);
    }
    ledger.checkEnd();
    stopIfFound(ledger);
    return { counts: ledger.counts, steps: ledger.steps };
  } catch (error) {
    if (error instanceof ModelViolation) throw Object.assign(error, { counts: ledger.counts, steps: ledger.steps });
    throw new Error(`${error instanceof Error ? error.stack : String(error)}\nnotes: ${m.notes.join(' | ')}`, {
      cause: error,
    });
  } finally {
    m.dispose();
  }
}
