// The token keeper: one exchange however many callers, refresh ahead of expiry without making a
// press wait, a 401 forgets only the token it was sent with, and the keep-warm timer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuraError } from '../../../../electron/core/aura/errors';
import { TokenKeeper, type TokenGrant } from '../../../../electron/core/aura/token';

function harness(lifetimeSeconds = 3600, keepWarm = false) {
  let now = 1_000_000;
  let n = 0;
  const pending: Array<(grant: TokenGrant) => void> = [];
  const exchange = vi.fn(
    () =>
      new Promise<TokenGrant>((resolve) => {
        pending.push(resolve);
      }),
  );
  // Exchanges are spaced at least 1 s apart: waiting moves this test's clock.
  const sleep = async (ms: number) => void (now += ms);
  const keeper = new TokenKeeper({ exchange, now: () => now, keepWarm, sleep });
  return {
    keeper,
    exchange,
    advance: (ms: number) => void (now += ms),
    /** Completes every exchange in flight with a new token. */
    grant: async () => {
      await new Promise((resolve) => setImmediate(resolve)); // an exchange may wait for its gap first
      for (const resolve of pending.splice(0)) resolve({ token: `t${++n}`, expiresInSeconds: lifetimeSeconds });
      await Promise.resolve();
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('TokenKeeper', () => {
  it('runs one exchange for many concurrent callers and then serves the token without one', async () => {
    const h = harness();
    const calls = Array.from({ length: 5 }, () => h.keeper.get());
    await h.grant();
    expect(await Promise.all(calls)).toEqual(['t1', 't1', 't1', 't1', 't1']);
    expect(h.exchange).toHaveBeenCalledTimes(1);
    expect(h.keeper.isWarm).toBe(true);
    expect(await h.keeper.get()).toBe('t1');
    expect(h.exchange).toHaveBeenCalledTimes(1);
  });

  it('inside the refresh margin, hands out the current token at once and refreshes behind it', async () => {
    const h = harness(3600);
    const first = h.keeper.get();
    await h.grant();
    await first;
    h.advance(3600_000 - 30_000); // 30 s before expiry: inside the 60 s margin
    expect(h.keeper.isWarm).toBe(false);
    expect(await h.keeper.get()).toBe('t1'); // no waiting
    expect(await h.keeper.get()).toBe('t1');
    expect(h.exchange).toHaveBeenCalledTimes(2); // one background refresh for both callers
    await h.grant();
    expect(await h.keeper.get()).toBe('t2');
    expect(h.keeper.isWarm).toBe(true);
  });

  it('waits for a new token once the old one is (nearly) expired', async () => {
    const h = harness(3600);
    const first = h.keeper.get();
    await h.grant();
    await first;
    h.advance(3600_000 - 1000); // 1 s left: too late to send it
    const next = h.keeper.get();
    await h.grant();
    expect(await next).toBe('t2');
  });

  it('scales the margin down for short-lived tokens instead of refreshing on every call', async () => {
    const h = harness(8); // 8 s: margin 2 s, not 60 s
    const first = h.keeper.get();
    await h.grant();
    await first;
    expect(h.keeper.isWarm).toBe(true);
    h.advance(5000);
    expect(await h.keeper.get()).toBe('t1');
    expect(h.exchange).toHaveBeenCalledTimes(1);
  });

  it('forgets only the token a 401 came back for', async () => {
    const h = harness();
    const first = h.keeper.get();
    await h.grant();
    await first;
    h.keeper.invalidate('some-older-token');
    expect(h.keeper.isWarm).toBe(true);
    h.keeper.invalidate('t1');
    expect(h.keeper.isWarm).toBe(false);
    const next = h.keeper.get();
    await h.grant();
    expect(await next).toBe('t2');
  });

  it('passes an exchange failure to every waiting caller and tries again on the next call', async () => {
    let fail = true;
    const keeper = new TokenKeeper({
      exchange: async () => {
        if (fail) throw new AuraError('network', 'Cannot reach AURA');
        return { token: 'ok', expiresInSeconds: 60 };
      },
      now: () => 0,
      keepWarm: false,
    });
    const results = await Promise.allSettled([keeper.get(), keeper.get()]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await keeper.get()).toBe('ok');
  });

  it('keeps the token warm on a timer while idle, and stops when closed', async () => {
    vi.useFakeTimers();
    let now = 0;
    let n = 0;
    const exchange = vi.fn(async (): Promise<TokenGrant> => ({ token: `w${++n}`, expiresInSeconds: 600 }));
    const keeper = new TokenKeeper({ exchange, now: () => now, keepWarm: true });
    await keeper.get();
    expect(exchange).toHaveBeenCalledTimes(1);
    now += 540_000; // the refresh point: 600 s minus the 60 s margin
    await vi.advanceTimersByTimeAsync(540_000);
    expect(exchange).toHaveBeenCalledTimes(2);
    expect(await keeper.get()).toBe('w2');
    keeper.close();
    now += 600_000;
    await vi.advanceTimersByTimeAsync(600_000);
    expect(exchange).toHaveBeenCalledTimes(2);
  });
});
