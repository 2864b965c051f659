// What keeps a fleet from hammering AURA: the readiness probe backs off after failures and is
// jittered (so 200 desks do not return at once after an outage), and the simulator's per-client
// rate limit the fleet bench runs against answers 429 with a Retry-After that fits its refill.
import { describe, expect, it } from 'vitest';
import { AuraError } from '../../../../electron/core/aura/errors';
import { ReadinessTracker } from '../../../../electron/core/connection/readiness';
import { RateLimiter } from '../../../../electron/simulator/rate-limit';
import { FakeClock } from '../../../support/fake-clock';

function tracker(random?: () => number) {
  const clock = new FakeClock();
  let failing = false;
  const t = new ReadinessTracker({
    environment: 'staging',
    clock,
    configProblem: null,
    probe: async () => {
      if (failing) throw new AuraError('server', 'AURA answered 502');
    },
    retrying: () => false,
    onChange: () => undefined,
    ...(random ? { random } : {}),
  });
  return { t, clock, setFailing: (f: boolean) => (failing = f) };
}

describe('readiness probe spread', () => {
  it('backs off after failures, 10 s doubling up to the probe interval, and starts over after contact', async () => {
    const { t, clock, setFailing } = tracker(() => 0.5);
    t.start();
    await clock.advance(0);
    expect(clock.pendingDelays()).toEqual([66_000]); // 60 s × 1.1
    setFailing(true);
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await clock.advance(clock.pendingDelays()[0] ?? 0);
      delays.push(clock.pendingDelays()[0] ?? -1);
    }
    expect(delays).toEqual([10_000, 20_000, 40_000, 60_000, 60_000]);
    setFailing(false);
    await clock.advance(60_000);
    expect(t.current.level).toBe('ready');
    setFailing(true);
    await clock.advance(clock.pendingDelays()[0] ?? 0);
    expect(clock.pendingDelays()).toEqual([10_000]);
    t.stop();
  });

  it('spreads desks: the same failure leaves them due at different moments', async () => {
    const due: number[] = [];
    for (const r of [0, 0.25, 0.5, 0.75, 1]) {
      const { t, clock } = tracker(() => r);
      t.recordFailure(new AuraError('network', 'Cannot reach AURA'));
      due.push(clock.pendingDelays()[0] ?? -1);
      t.stop();
    }
    expect(due).toEqual([8000, 9000, 10_000, 11_000, 12_000]);
  });
});

describe('simulator rate limit', () => {
  it('lets a burst through, then answers with Retry-After until the bucket refills', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 600 }, () => now);
    const answers = Array.from({ length: 101 }, () => limiter.take('fleet'));
    expect(answers.filter((a) => a.ok)).toHaveLength(100);
    expect(answers[100]).toEqual({ ok: false, retryAfterSeconds: 1 });
    now += 100; // 10 a second
    expect(limiter.take('fleet')).toEqual({ ok: true });
    expect(limiter.take('fleet').ok).toBe(false);
    expect(limiter.take('another client').ok).toBe(true);
  });
});
