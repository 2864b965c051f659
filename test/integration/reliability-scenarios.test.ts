// One scenario per failure an adversarial review found (issue 10; item 8, list parsing, lives
// with the fidelity tests), each against the real simulator over real sockets, with the desk's
// time scaled so that its own retry and poll delays run fast.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditLog } from '../../electron/core/audit/audit-log';
import { pressedAgainMessage } from '../../electron/core/dispatch/press-words';
import { appendLineDurably, writeFileDurably } from '../../electron/core/storage/durable-file';
import { PressSchema, type Press } from '../../electron/shared/model/press';
import { FaultyStorage, ops, pressOf, sentOk, sleep, until, type World, worldsPerTest } from '../reliability/world';

const SITE = 'site_9944';
const { world, restart } = worldsPerTest();

describe('1. a second press reaches AURA as a raise and an event', () => {
  it('on a completed-not-closed callout: raises, posts "Panic pressed again", counts it sent only once AURA took the event', async () => {
    const w = await world();
    const first = w.desk.trigger(SITE, 'button');
    expect(await until(sentOk(w, first.id), 10_000)).toBe(true);
    const calloutId = pressOf(w, first.id)?.calloutId as string;
    w.sim.state.advance(Number(calloutId), 'complete'); // staging never closes on its own
    expect(await until(() => w.desk.getState().callouts[0]?.stage === 'completed', 10_000)).toBe(true);

    // AURA refuses the first two events: the press must not count as sent until one is taken.
    w.sim.faults.set([{ kind: 'error500', route: 'sendCalloutEvent', times: 2 }]);
    const raisesBefore = ops(w, 'raiseCallout').length;
    const second = w.desk.trigger(SITE, 'button');
    await until(() => ops(w, 'sendCalloutEvent').length >= 1, 10_000);
    expect(pressOf(w, second.id)?.status).not.toBe('sent');
    expect(await until(sentOk(w, second.id), 15_000)).toBe(true);

    expect(ops(w, 'raiseCallout').length).toBe(raisesBefore + 1);
    const press = pressOf(w, second.id) as Press;
    const expected = pressedAgainMessage(press, 'Gate 2');
    expect(expected).toMatch(/^Panic pressed again at \d\d:\d\d:\d\d — Gate 2$/);
    expect(w.sim.state.eventsOf(Number(calloutId)).map((e) => e.message)).toEqual([expected]);
    expect(press).toMatchObject({ via: 'event', calloutId });
    expect(press.outcome).toMatch(
      new RegExp(`^AURA added this press to callout ${calloutId}, still open since \\d\\d:\\d\\d$`),
    );
    expect(w.sim.state.allCallouts()).toHaveLength(1);
  });
});

describe('2. the network never waits for the disk', () => {
  it('a press that cannot be saved (disk full) is sent from memory, said so, and saved once the disk works', async () => {
    const w = await world();
    w.storage.fault = 'ENOSPC';
    const press = w.desk.trigger(SITE, 'button');
    expect(await until(sentOk(w, press.id), 10_000)).toBe(true);
    expect(w.sim.state.allCallouts()).toHaveLength(1);
    const notices = w.desk.getState().notices.map((n) => n.text);
    expect(notices).toContain(
      'Panic sent, but this desk cannot save its records (disk full). It keeps trying to save them.',
    );
    w.storage.fault = null;
    const file = join(w.dataDir, 'presses.json');
    expect(
      await until(() => {
        try {
          return readFileSync(file, 'utf8').includes('"sent"');
        } catch {
          return false;
        }
      }, 10_000),
    ).toBe(true);
    expect(await until(() => !w.desk.getState().notices.some((n) => n.text.includes('cannot save')), 5000)).toBe(true);
  });

  it('a storage error during retries leaks nothing: the press is sent once disk and network recover', async () => {
    const w = await world();
    w.sim.faults.set([{ kind: 'error500', route: 'raiseCallout' }]);
    const press = w.desk.trigger(SITE, 'button');
    await until(() => ops(w, 'raiseCallout').length >= 1, 5000);
    w.storage.fault = 'EIO';
    await until(() => ops(w, 'raiseCallout').length >= 3, 10_000);
    expect(pressOf(w, press.id)?.status).not.toBe('sent');
    w.sim.faults.clear();
    w.storage.fault = null;
    expect(await until(sentOk(w, press.id), 15_000)).toBe(true);
    expect(w.desk.getState().notices.some((n) => n.text.includes('disk error'))).toBe(false);
  });

  it('the hotkey path never throws, whatever the disk does', async () => {
    const w = await world();
    await w.desk.handlers['settings.update']({ hotkeySiteId: SITE });
    w.storage.fault = 'EIO';
    expect(() => w.desk.hotkeyPressed()).not.toThrow();
    expect(await until(() => w.sim.state.allCallouts().length === 1, 10_000)).toBe(true);
  });

  it('a short write fails the write and never replaces a good file', () => {
    const storage = new FaultyStorage();
    const dir = mkdtempSync(join(tmpdir(), 'short-'));
    const file = join(dir, 'outbox.json');
    writeFileDurably(file, '["good"]', storage);
    storage.fault = 'short';
    expect(() => writeFileDurably(file, '["a longer, newer content"]', storage)).toThrow(/Short write/);
    expect(readFileSync(file, 'utf8')).toBe('["good"]');
    // An append that is cut short is cut back: the next line is never glued onto a torn one.
    appendLineDurably(join(dir, 'log'), 'one', new FaultyStorage());
    expect(() => appendLineDurably(join(dir, 'log'), 'two-two-two', storage)).toThrow(/Short write/);
    expect(readFileSync(join(dir, 'log'), 'utf8')).toBe('one\n');
  });
});

describe('3. a clock change does not stall polling', () => {
  it('with the wall clock set back an hour, the desk still follows its callout to closed', async () => {
    const w = await world();
    const press = w.desk.trigger(SITE, 'button');
    expect(await until(sentOk(w, press.id), 10_000)).toBe(true);
    const id = Number(pressOf(w, press.id)?.calloutId);
    await sleep(300);
    w.clock.jumpWall(-3600_000);
    await sleep(300);
    w.sim.state.advance(id, 'close');
    // 5 s polls at 20x: closed within a few polls, not after an hour.
    expect(await until(() => w.desk.getState().callouts[0]?.stage === 'closed', 5000)).toBe(true);
  });
});

describe('4. one hiccup on the token exchange parks nothing', () => {
  for (const kind of ['refuse401', 'refuse400', 'error500'] as const) {
    it(`a single ${kind} from /oauth/token: the press is sent, credentials are not called rejected`, async () => {
      const w = await world();
      w.client.forgetToken(); // the press needs a fresh exchange
      w.sim.faults.set([{ kind, route: 'token', times: 1 }]);
      // Not even for a moment: a press parked on "credentials rejected" is resumed by the next
      // contact and would end up sent anyway, so every state on the way is looked at.
      const rejected: string[] = [];
      w.desk.onChange((s) => {
        if (s.readiness.level === 'credentialsRejected') rejected.push('readiness');
        for (const p of s.presses) if (p.lastError?.includes('Fix the credentials')) rejected.push('press');
      });
      const press = w.desk.trigger(SITE, 'button');
      expect(await until(sentOk(w, press.id), 10_000)).toBe(true);
      expect(rejected).toEqual([]);
    });
  }

  it('two refusals park the press (never failed); a later successful AURA contact resumes it', async () => {
    const w = await world();
    w.client.forgetToken();
    w.sim.faults.set([{ kind: 'refuse401', route: 'token', times: 2 }]);
    const press = w.desk.trigger(SITE, 'button');
    expect(await until(() => pressOf(w, press.id)?.status === 'notSent', 10_000)).toBe(true);
    expect(w.desk.getState().readiness.level).toBe('credentialsRejected');
    expect(pressOf(w, press.id)?.lastError).toContain('Fix the credentials in Setup');
    expect(ops(w, 'token').filter((r) => r.status === 401)).toHaveLength(2);
    // The token route works again: the next contact (here a sites sync) resumes the press at once.
    await w.desk.handlers['sites.sync']({});
    expect(await until(sentOk(w, press.id), 10_000)).toBe(true);
  });
});

describe('5. a hostile answer neither floods nor freezes', () => {
  it('Retry-After: 999999999 on the raise holds the press at most 30 s and sends no flood', async () => {
    const w = await world({ factor: 100 });
    w.sim.faults.set([{ kind: 'rateLimited', route: 'raiseCallout', retryAfterSeconds: 999_999_999, times: 1 }]);
    const press = w.desk.trigger(SITE, 'button');
    // 30 s at 100x is 0.3 s; the press is sent after one capped wait, with two raises in all.
    expect(await until(sentOk(w, press.id), 5000)).toBe(true);
    expect(ops(w, 'raiseCallout')).toHaveLength(2);
  });

  it('expiresIn 0.001 does not cause a flood of token requests', async () => {
    const w = await world({ sim: { tokenTtlSeconds: 0.001 }, factor: 1 });
    w.desk.trigger(SITE, 'button');
    await sleep(3000);
    // At most one exchange a second (plus the one confirming a refusal), not hundreds.
    expect(ops(w, 'token').length).toBeLessThanOrEqual(6);
    expect(w.sim.requests.length).toBeLessThan(40);
  });
});

describe('6. no press goes out late without the operator choosing', () => {
  it('after a restart, a press from yesterday asks "Still needed?" instead of being raised; the choice is logged', async () => {
    const first = await world();
    const yesterday = PressSchema.parse({
      id: 'old-press',
      siteId: SITE,
      source: 'button',
      pressedAt: first.clock.now() - 24 * 3600_000,
      status: 'notSent',
      attempts: 3,
      lastError: 'Cannot reach AURA',
      calloutId: null,
    });
    writeFileSync(join(first.dataDir, 'outbox-staging.json'), JSON.stringify([yesterday]));
    const w = await restart(first);
    await sleep(500);
    expect(ops(w, 'raiseCallout')).toHaveLength(0);
    expect(pressOf(w, 'old-press')).toMatchObject({ status: 'notSent', stale: true });
    await w.desk.handlers['press.putAway']({ pressId: 'old-press' });
    expect(pressOf(w, 'old-press')).toMatchObject({ status: 'failed', dismissed: true, stale: false });
    const log = (await w.desk.handlers['audit.list']({ text: 'put away', limit: 10 })).entries;
    expect(log[0]?.text).toContain('put away: the operator phoned the control room');
    expect(ops(w, 'raiseCallout')).toHaveLength(0);
  });

  it('a press not sent within the limit stops retrying and asks; "Send now" sends it', async () => {
    const w = await world({ factor: 200 });
    await w.desk.handlers['settings.update']({ stalePressMinutes: 1 });
    w.sim.faults.set([{ kind: 'error500', route: 'raiseCallout' }]);
    const press = w.desk.trigger(SITE, 'button');
    expect(await until(() => pressOf(w, press.id)?.stale === true, 10_000)).toBe(true);
    const raises = ops(w, 'raiseCallout').length;
    await sleep(300);
    expect(ops(w, 'raiseCallout').length).toBe(raises);
    w.sim.faults.clear();
    await w.desk.handlers['press.sendNow']({ pressId: press.id });
    expect(await until(sentOk(w, press.id), 10_000)).toBe(true);
    const log = (await w.desk.handlers['audit.list']({ text: 'send now', limit: 10 })).entries;
    expect(log).toHaveLength(1);
  });
});

describe('7. a callout that closes before it can be found is re-raised only as "may hold two"', () => {
  it('closed between an unanswered raise and its check: raised again, shown and logged as such', async () => {
    const w = await world({ sim: { dedupeActive: false } });
    w.sim.faults.set([{ kind: 'reset', route: 'raiseCallout', afterHandling: true, times: 1 }]);
    // The control room closes the callout the moment it exists: the answer was lost on the way.
    const off = w.sim.state.onChange(() => {
      for (const c of w.sim.state.allCallouts()) if (c.phase === 'created') w.sim.state.advance(c.id, 'close');
      off();
    });
    const press = w.desk.trigger(SITE, 'button');
    expect(await until(sentOk(w, press.id), 10_000)).toBe(true);
    expect(w.sim.state.allCallouts()).toHaveLength(2);
    const sent = pressOf(w, press.id) as Press;
    expect(sent.mayHoldTwo).toBe(true);
    expect(sent.outcome).toContain('AURA may hold two callouts for this press');
    const log = (await w.desk.handlers['audit.list']({ text: 'may hold two', limit: 10 })).entries;
    expect(log).toHaveLength(1);
  });

  /** A press whose raise AURA took (its callout since closed) but whose answer never came: the desk went down. */
  async function unansweredBeforeRestart(ageMs: number): Promise<World> {
    const first = await world({ sim: { dedupeActive: false } });
    const loc = first.sim.state.locationByRef(SITE);
    const taken = first.sim.state.raise(loc!, {}).callout;
    first.sim.state.advance(taken.id, 'close');
    const unanswered = PressSchema.parse({
      id: 'down-press',
      siteId: SITE,
      source: 'button',
      pressedAt: first.clock.now() - ageMs,
      status: 'sending',
      attempts: 1,
      lastError: null,
      calloutId: null,
      uncertain: true,
    });
    writeFileSync(join(first.dataDir, 'outbox-staging.json'), JSON.stringify([unanswered]));
    return restart(first);
  }

  it('closed while the desk was down after AURA had taken the raise: re-raised within the limit, flagged', async () => {
    const w = await unansweredBeforeRestart(60_000);
    expect(await until(sentOk(w, 'down-press'), 10_000)).toBe(true);
    expect(pressOf(w, 'down-press')?.mayHoldTwo).toBe(true);
    expect(w.sim.state.allCallouts()).toHaveLength(2);
  });

  it('the same press found past the limit (10 min) is not re-raised: it asks "Still needed?"', async () => {
    const w = await unansweredBeforeRestart(2 * 3600_000);
    expect(pressOf(w, 'down-press')).toMatchObject({ status: 'notSent', stale: true });
    await sleep(500);
    expect(ops(w, 'raiseCallout')).toHaveLength(0);
    expect(w.sim.state.allCallouts()).toHaveLength(1);
  });
});

describe('9. a crash mid-append does not break the audit log for good', () => {
  it('the desk repairs a torn tail on open, logs the repair, and the chain verifies', async () => {
    const first = await world();
    const press = first.desk.trigger(SITE, 'button');
    expect(await until(sentOk(first, press.id), 10_000)).toBe(true);
    first.desk.stop();
    const path = join(first.dataDir, `audit-${new Date(first.clock.now()).toISOString().slice(0, 7)}.jsonl`);
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"seq":2,"at":17`);
    const w = await restart(first);
    const listed = await w.desk.handlers['audit.list']({ text: '', limit: 100 });
    expect(listed.chainOk).toBe(true);
    expect(listed.entries.some((e) => e.kind === 'repair')).toBe(true);
    w.desk.trigger(SITE, 'button');
    expect(new AuditLog(w.dataDir, () => 'x').chain).toEqual({ ok: true, problem: null });
  });
});
