import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuraError } from '../../../../electron/core/aura/errors';
import { Desk } from '../../../../electron/core/desk/desk';
import { memoryStore } from '../../../fakes/store';
import type { Callout } from '../../../../electron/shared/model/callout';
import { FakeClock } from '../../../support/fake-clock';

const DAY = 24 * 3600 * 1000;
const callout = (id: string, closedAt: number | null): Callout => ({
  id,
  siteId: 'site_9944',
  stage: closedAt === null ? 'dispatched' : 'closed',
  rawStatus: closedAt === null ? 'Responder Dispatched' : 'Closed',
  pressedAt: (closedAt ?? 0) - 60_000,
  silent: false,
  responder: null,
  closedAt,
  timeline: [],
});

describe('desk history', () => {
  it('keeps closed callouts for 30 days and active ones for as long as they last', async () => {
    const clock = new FakeClock();
    const now = clock.now();
    const store = memoryStore({
      'callouts-staging': [callout('old', now - 31 * DAY), callout('recent', now - 29 * DAY), callout('open', null)],
    });
    const desk = new Desk({
      environment: 'staging',
      api: null,
      store,
      dataDir: mkdtempSync(join(tmpdir(), 'history-')),
      clock,
      configProblem: { level: 'notConfigured', message: 'Not configured' },
    });
    await desk.start();
    // State updates carry recent work; the history is asked for (issue 25 item 8).
    // 'recent' rides along only as its site's newest callout (its card).
    expect(desk.getState().callouts.map((c) => c.id)).toEqual(['recent', 'open']);
    expect(desk.getState().historyCount).toBe(0);
    expect((await desk.handlers['history.list']({})).callouts.map((c) => c.id)).toEqual(['recent']);
    expect((store.get('calloutHistory-staging') as Callout[]).map((c) => c.id)).toEqual(['recent']);
    expect((store.get('callouts-staging') as Callout[]).map((c) => c.id)).toEqual(['open']);
    desk.stop();
  });
});

describe('desk audit of failures', () => {
  it('logs the first failure and changes of reason, not every retry', async () => {
    const clock = new FakeClock();
    const down = new AuraError('network', 'Cannot reach AURA (POST /x): ECONNREFUSED');
    let error: AuraError = down;
    const fail = async (): Promise<never> => {
      throw error;
    };
    const api = {
      raiseCallout: fail,
      listActiveCallouts: fail,
      getCallout: fail,
      listCalloutEvents: fail,
      sendCalloutEvent: fail,
      listCancelReasons: fail,
      cancelCallout: fail,
      listSites: fail,
      registerSite: fail,
      editSite: fail,
      deleteSite: fail,
    };
    const desk = new Desk({
      environment: 'staging',
      api,
      store: memoryStore({ 'sites-staging': [{ id: 'site_9944', name: 'Downtown Branch', address: null, auraId: 1 }] }),
      dataDir: mkdtempSync(join(tmpdir(), 'audit-failures-')),
      clock,
      random: () => 0.5,
    });
    desk.trigger('site_9944', 'button');
    await clock.advance(60_000); // about ten attempts, all refused the same way
    error = new AuraError('server', 'AURA had a server error 502 (POST /x)', { status: 502 });
    await clock.advance(20_000);
    const { entries } = await desk.handlers['audit.list']({ text: 'not sent', limit: 100 });
    expect(desk.getState().presses[0]?.attempts).toBeGreaterThan(8);
    expect(entries.map((e) => e.text).reverse()).toEqual([
      'Panic for Downtown Branch not sent: Cannot reach AURA (POST /x): ECONNREFUSED',
      'Panic for Downtown Branch not sent: AURA had a server error 502 (POST /x)',
    ]);
    desk.stop();
  });
});
