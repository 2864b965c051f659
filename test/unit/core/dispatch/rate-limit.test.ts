// A press under a rate limit (issue 15, fleets): a 429 is refused before handling, so a press that
// only ever got 429s raises again at once (one request, not a check and a raise) as soon as
// AURA's Retry-After allows, without a growing backoff; any failure whose outcome is unknown makes
// it check AURA's active callouts first again.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuraError } from '../../../../electron/core/aura/errors';
import { snapshotOf, type DispatchPort } from '../../../../electron/core/aura/port';
import { Dispatcher } from '../../../../electron/core/dispatch/dispatcher';
import { Outbox } from '../../../../electron/core/dispatch/outbox';
import { NEW_PRESS_STATE, PressSchema, type Press } from '../../../../electron/shared/model/press';
import { FakeClock } from '../../../support/fake-clock';

const limited = () => new AuraError('rateLimited', 'AURA asked us to slow down', { retryAfterMs: 1000 });
const created = snapshotOf({
  id: '7',
  status: 'created',
  predefinedLocationId: 99001,
  createdAt: null,
  incidents: [],
});

function run(raises: Array<Error | 'ok'>) {
  const clock = new FakeClock();
  const { outbox } = Outbox.open(join(mkdtempSync(join(tmpdir(), 'dispatch-429-')), 'outbox.json'), clock.now());
  const calls: string[] = [];
  const api: DispatchPort = {
    async raiseCallout() {
      calls.push('raise');
      const step = raises.shift();
      if (step instanceof Error) throw step;
      return created;
    },
    async listActiveCallouts() {
      calls.push('active');
      return [];
    },
    async sendCalloutEvent() {
      calls.push('event');
    },
    async listCalloutEvents() {
      calls.push('events');
      return [];
    },
  };
  const dispatcher = new Dispatcher({
    outbox,
    clock,
    api,
    random: () => 0.5,
    auraIdOf: async () => 99001,
    follows: () => false,
    againMessage: () => 'Panic pressed again',
    staleAfterMs: () => 600_000,
    onStale: () => undefined,
    onSent: () => undefined,
    onFailure: () => undefined,
    onContact: () => undefined,
    onChange: () => undefined,
  });
  const press: Press = PressSchema.parse({
    id: 'p1',
    siteId: 'site_9944',
    source: 'button',
    pressedAt: clock.now(),
    ...NEW_PRESS_STATE,
  });
  outbox.add(press);
  dispatcher.dispatch(press.id);
  return { clock, calls, outbox, dispatcher };
}

describe('a press under a rate limit', () => {
  it('raises again after each 429, at Retry-After, without checking first or backing off further', async () => {
    const { clock, calls, outbox } = run([limited(), limited(), limited(), limited(), 'ok']);
    const delays: number[] = [];
    await clock.advance(0);
    for (let i = 0; i < 4; i++) {
      delays.push(clock.pendingDelays()[0] ?? -1);
      await clock.advance(clock.pendingDelays()[0] ?? 0);
    }
    expect(calls).toEqual(['raise', 'raise', 'raise', 'raise', 'raise']);
    expect(delays).toEqual([1000, 1000, 1000, 1000]);
    expect(outbox.get('p1')?.status).toBe('sent');
  });

  it('checks first again once an attempt may have reached AURA', async () => {
    const timeout = new AuraError('timeout', 'AURA did not answer in time');
    const { clock, calls } = run([limited(), timeout, limited(), 'ok']);
    for (let i = 0; i < 6; i++) await clock.advance(clock.pendingDelays()[0] ?? 0);
    // 429 (refused before handling), timeout (unknown: check, nothing found, so raise again),
    // 429 on that raise (refused before handling again), then a raise at once that is sent.
    expect(calls).toEqual(['raise', 'raise', 'active', 'raise', 'raise']);
  });
});
