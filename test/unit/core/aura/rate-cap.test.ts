// The request-rate cap: a 429 storm answered with "Retry-After: 0", hammered by many callers at
// once, never gets more than REQUESTS_PER_MINUTE requests out of the client in any rolling minute,
// and the last slots of each minute stay free for a panic's POST.
import { describe, expect, it } from 'vitest';
import { AuraClient } from '../../../../electron/core/aura/client';
import { REQUESTS_PER_MINUTE } from '../../../../electron/core/aura/rate-cap';
import { FakeClock, flush } from '../../../support/fake-clock';

describe('request-rate cap', () => {
  it(`a 429 storm cannot push the client past ${REQUESTS_PER_MINUTE} requests a minute`, async () => {
    const clock = new FakeClock();
    const sent: Array<{ at: number; method: string }> = [];
    const fetch = (async (url: string | URL, init?: RequestInit) => {
      sent.push({ at: clock.monotonic(), method: init?.method ?? 'GET' });
      if (String(url).endsWith('/oauth/token')) {
        return new Response(JSON.stringify({ accessToken: 't', tokenType: 'Bearer', expiresIn: 3600 }), {
          status: 200,
        });
      }
      return new Response('{"message":"slow down"}', { status: 429, headers: { 'retry-after': '0' } });
    }) as typeof globalThis.fetch;
    const client = new AuraClient({
      baseUrl: 'http://127.0.0.1:9/panic-api/v2',
      clientId: 'c',
      getSecret: async () => 's',
      fetch,
      keepWarm: false,
      now: () => clock.now(),
      monotonic: () => clock.monotonic(),
      sleep: (ms) => new Promise((resolve) => clock.setTimeout(resolve, ms)),
    });
    let running = true;
    const callers = Array.from({ length: 20 }, async () => {
      while (running) await client.listActiveCallouts().catch(() => undefined);
    });
    for (let s = 0; s < 180; s++) await clock.advance(1000);
    // A panic's raise still gets out while polling is held at the cap.
    const raise = client.raiseCallout('site_9944').catch(() => undefined);
    await flush();
    running = false;
    for (let s = 0; s < 70; s++) await clock.advance(1000);
    await Promise.all([...callers, raise]);
    let worst = 0;
    for (const { at } of sent) worst = Math.max(worst, sent.filter((x) => x.at >= at && x.at < at + 60_000).length);
    expect(worst).toBeLessThanOrEqual(REQUESTS_PER_MINUTE);
    expect(sent.length).toBeGreaterThan(2 * REQUESTS_PER_MINUTE); // it did keep sending, at the cap
    expect(sent.some((x) => x.method === 'POST' && x.at >= 180_000 && x.at < 180_001)).toBe(true);
    client.close();
  });
});
