// Issue 10, bounds: every timer is capped at 2^31-1 ms. A longer delay overflows a JavaScript
// timer and fires after about 1 ms (`Retry-After: 999999999` once made one press send about
// 1,260 requests in 5 s). Vitest's fake timers overflow the same way, which the first line proves.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TokenKeeper, type TokenGrant } from '../../../electron/core/aura/token';
import { systemClock } from '../../../electron/core/ports';

afterEach(() => {
  vi.useRealTimers();
});

const HUGE_MS = 999_999_999 * 1000;

describe('timers capped at 2^31-1 ms', () => {
  it('the desk clock holds a huge delay instead of firing at once', () => {
    vi.useFakeTimers();
    const raw = vi.fn();
    setTimeout(raw, HUGE_MS);
    const held = vi.fn();
    systemClock.setTimeout(held, HUGE_MS);
    vi.advanceTimersByTime(60_000);
    expect(raw).toHaveBeenCalled(); // what an uncapped timer does
    expect(held).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2 ** 31);
    expect(held).toHaveBeenCalledTimes(1);
  });

  it('the token keep-warm timer does not refresh at once for a token that lives for years', async () => {
    vi.useFakeTimers();
    const exchange = vi.fn(async (): Promise<TokenGrant> => ({ token: 't', expiresInSeconds: 999_999_999 }));
    const keeper = new TokenKeeper({ exchange, now: () => Date.now(), keepWarm: true });
    await keeper.get();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(exchange).toHaveBeenCalledTimes(1);
    keeper.close();
  });
});
