// The poll scheduler with a manual clock: intervals by stage, stop on close, backoff on errors,
// Retry-After for everyone, a cap on requests in flight, and silence when nothing is tracked.
import { describe, expect, it } from 'vitest';
import { AuraError } from '../../electron/core/aura/errors';
import { Poller, type PollOutcome } from '../../electron/core/dispatch/poller';
import type { Stage } from '../../electron/shared/model';
import { FakeClock } from '../support/fake-clock';

function setup(answer: (id: string) => PollOutcome | Error | Promise<PollOutcome>) {
  const clock = new FakeClock();
  const polls: Array<{ id: string; at: number }> = [];
  const poller = new Poller({
    clock,
    random: () => 0.5,
    poll: async (id) => {
      polls.push({ id, at: clock.now() - start });
      const a = await answer(id);
      if (a instanceof Error) throw a;
      return a;
    },
  });
  const start = clock.now();
  return { clock, poller, polls };
}

const at = (stage: Stage, closed = false): PollOutcome => ({ stage, closed });

describe('poller', () => {
  it('polls nothing when nothing is tracked', async () => {
    const { clock, polls } = setup(() => at('created'));
    await clock.advance(600_000);
    expect(polls).toEqual([]);
    expect(clock.pendingDelays()).toEqual([]);
  });

  it('polls every 5 s while moving, every 15 s after arrival, and stops when closed', async () => {
    let stage: Stage = 'created';
    const { clock, poller, polls } = setup(() => at(stage, stage === 'closed'));
    poller.track('c1', 'created');
    await clock.advance(10_000);
    expect(polls.map((p) => p.at)).toEqual([5000, 10_000]);
    stage = 'arrived';
    await clock.advance(5000); // the poll at 15 s sees "arrived"
    await clock.advance(30_000);
    expect(polls.map((p) => p.at)).toEqual([5000, 10_000, 15_000, 30_000, 45_000]);
    stage = 'closed';
    await clock.advance(15_000);
    await clock.advance(600_000);
    expect(polls).toHaveLength(6);
    expect(poller.trackedIds).toEqual([]);
  });

  it('backs off exponentially on errors and recovers to the normal interval', async () => {
    let failing = true;
    const { clock, poller, polls } = setup(() => (failing ? new AuraError('network', 'down') : at('dispatched')));
    poller.track('c1', 'dispatched', 0);
    await clock.advance(0);
    await clock.advance(10_000);
    await clock.advance(20_000);
    expect(polls.map((p) => p.at)).toEqual([0, 10_000, 30_000]);
    failing = false;
    await clock.advance(40_000); // next try after 40 s of backoff succeeds
    await clock.advance(5000);
    expect(polls.map((p) => p.at)).toEqual([0, 10_000, 30_000, 70_000, 75_000]);
  });

  it('pauses every poll for Retry-After', async () => {
    let first = true;
    const { clock, poller, polls } = setup((id) => {
      if (id === 'a' && first) {
        first = false;
        return new AuraError('rateLimited', 'slow down', { retryAfterMs: 30_000 });
      }
      return at('created');
    });
    poller.track('a', 'created', 0);
    poller.track('b', 'created', 1000);
    await clock.advance(29_000);
    expect(polls.map((p) => `${p.id}@${p.at}`)).toEqual(['a@0']);
    await clock.advance(1000);
    // b was due at 1 s but waited for the pause; a retries when the pause ends.
    expect(polls.map((p) => `${p.id}@${p.at}`)).toEqual(['a@0', 'b@30000', 'a@30000']);
  });

  it('has at most three requests in flight', async () => {
    const release: Array<() => void> = [];
    let inFlight = 0;
    let most = 0;
    const { clock, poller } = setup(
      () =>
        new Promise<PollOutcome>((resolve) => {
          inFlight++;
          most = Math.max(most, inFlight);
          release.push(() => {
            inFlight--;
            resolve(at('created'));
          });
        }),
    );
    for (const id of ['a', 'b', 'c', 'd', 'e']) poller.track(id, 'created', 0);
    await clock.advance(0);
    expect(inFlight).toBe(3);
    for (const r of release.splice(0)) r();
    await clock.advance(0);
    expect(inFlight).toBe(2);
    expect(most).toBe(3);
  });
});
