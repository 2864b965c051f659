// A followed callout's details and events are applied independently (issue 20 item 2): one
// failing read never hides what the other brought.
import { describe, expect, it } from 'vitest';
import type { Callout } from '../../../../electron/shared/model/callout';
import { AuraError } from '../../../../electron/core/aura/errors';
import { CalloutFollower, type FollowHost } from '../../../../electron/core/dispatch/follow';
import type { CalloutSnapshot } from '../../../../electron/core/aura/port';
import { FakeClock } from '../../../support/fake-clock';

const snapshot = (status: string): CalloutSnapshot => ({
  id: '7',
  status,
  predefinedLocationId: 1,
  createdAt: null,
  dispatchedAt: null,
  arrivedAt: null,
  completedAt: null,
  responder: null,
});

function follower(api: NonNullable<FollowHost['api']>) {
  let callouts: Callout[] = [
    {
      id: '7',
      siteId: 's',
      stage: 'created',
      rawStatus: 'created',
      pressedAt: 0,
      silent: false,
      responder: null,
      closedAt: null,
      timeline: [],
    },
  ];
  const host: FollowHost = {
    api,
    clock: new FakeClock(),
    callout: (id) => callouts.find((c) => c.id === id),
    put: (c) => void (callouts = callouts.map((x) => (x.id === c.id ? c : x))),
    audit: () => undefined,
    siteName: () => 'Site',
    sites: () => [],
    raiseOnItsWay: () => false,
    onContact: () => undefined,
    emit: () => undefined,
    hasDuressView: () => false,
    onRead: () => undefined,
    sentTexts: () => new Set(),
  };
  return { follow: new CalloutFollower(host), shown: () => callouts[0] as Callout };
}

describe('reading a followed callout', () => {
  it('applies the stage when the events route fails, and says the events failed', async () => {
    const broken = new AuraError('server', 'AURA had a problem', { status: 500 });
    const { follow, shown } = follower({
      getCallout: async () => ({ callout: snapshot('Responder Dispatched'), closed: false }),
      listCalloutEvents: async () => {
        throw broken;
      },
    });
    const outcome = await follow.read('7', { details: true, events: true });
    expect(outcome).toMatchObject({ stage: 'dispatched', closed: false, eventsError: broken });
    expect(shown().stage).toBe('dispatched');
  });

  it('applies the events when the callout route fails, then reports that failure', async () => {
    const { follow, shown } = follower({
      getCallout: async () => {
        throw new AuraError('badResponse', 'cut body');
      },
      listCalloutEvents: async () => [{ at: '2026-11-26T03:00:00Z', text: 'aura: Unit 12 on the way' }],
    });
    await expect(follow.read('7', { details: true, events: true })).rejects.toThrow('cut body');
    expect(shown().timeline.map((e) => e.text)).toEqual(['aura: Unit 12 on the way']);
  });
});
