import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Desk } from '../../electron/core/desk';
import { memoryStore } from '../../electron/core/ports';
import type { Callout } from '../../electron/shared/model';
import { FakeClock } from '../support/fake-clock';

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
    expect(desk.getState().callouts.map((c) => c.id)).toEqual(['recent', 'open']);
    expect((store.get('callouts-staging') as Callout[]).map((c) => c.id)).toEqual(['recent', 'open']);
    desk.stop();
  });
});
