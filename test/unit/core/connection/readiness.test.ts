import { describe, expect, it } from 'vitest';
import { AuraError } from '../../../../electron/core/aura/errors';
import { KeychainUnavailableError } from '../../../../electron/core/connection/connection';
import { ReadinessTracker, type ReadinessOptions } from '../../../../electron/core/connection/readiness';
import { FakeClock } from '../../../support/fake-clock';

function tracker(overrides: Partial<ReadinessOptions> = {}) {
  const clock = new FakeClock();
  let probes = 0;
  let fail: unknown = null;
  let retrying = false;
  const t = new ReadinessTracker({
    environment: 'staging',
    clock,
    configProblem: null,
    probe: async () => {
      probes++;
      if (fail) throw fail;
    },
    retrying: () => retrying,
    onChange: () => undefined,
    ...overrides,
  });
  return {
    t,
    clock,
    probes: () => probes,
    setFail: (e: unknown) => (fail = e),
    setRetrying: (r: boolean) => (retrying = r),
  };
}

describe('readiness', () => {
  it('says why a press cannot be attempted at all', () => {
    const { t } = tracker({
      configProblem: { level: 'notConfigured', message: 'Not configured — presses will be queued' },
    });
    expect(t.current).toMatchObject({ level: 'notConfigured', message: 'Not configured — presses will be queued' });
  });

  it('is ready after a probe, with the time of last contact, and probes about once a minute', async () => {
    const { t, clock, probes } = tracker();
    t.start();
    await clock.advance(0);
    expect(t.current).toEqual({ level: 'ready', message: 'AURA Staging', lastContactAt: clock.now() });
    await clock.advance(60_000);
    expect(probes()).toBe(2);
  });

  it('goes offline on a failure, keeps the last contact, and checks again soon', async () => {
    const { t, clock, probes, setFail } = tracker();
    t.start();
    await clock.advance(0);
    const contact = clock.now();
    setFail(new AuraError('network', 'Cannot reach AURA (GET /x): ECONNREFUSED'));
    await clock.advance(60_000);
    expect(t.current.level).toBe('offline');
    expect(t.current.message).toContain('Presses will be queued');
    expect(t.current.lastContactAt).toBe(contact);
    setFail(null);
    await clock.advance(10_000);
    expect(probes()).toBe(3);
    expect(t.current.level).toBe('ready');
  });

  it('tells rejected credentials apart, and is degraded while a press is retried', async () => {
    const { t, clock, setFail, setRetrying } = tracker();
    t.start();
    await clock.advance(0);
    setRetrying(true);
    expect(t.current.level).toBe('degraded');
    setRetrying(false);
    setFail(new AuraError('credentialsRejected', 'AURA rejected the client ID or secret'));
    await clock.advance(60_000);
    expect(t.current.level).toBe('credentialsRejected');
  });
});

describe('readiness riding on the poll cycle', () => {
  it("takes the cycle's request latency, not the time spent waiting for the cycle", async () => {
    const clock = new FakeClock();
    const t = new ReadinessTracker({
      environment: 'staging',
      clock,
      configProblem: null,
      // Joins a cycle due 12 s later, whose list read took 40 ms.
      probe: () => new Promise<number>((resolve) => clock.setTimeout(() => resolve(40), 12_000)),
      retrying: () => false,
      onChange: () => undefined,
    });
    t.start();
    await clock.advance(12_000);
    expect(t.current.level).toBe('ready');
    expect(t.current.message).toBe('AURA Staging');
  });
});

describe('readiness when the keychain fails mid-run', () => {
  it('says the keychain is unavailable, with what to install', async () => {
    const { t, clock, setFail } = tracker();
    t.start();
    await clock.advance(0);
    setFail(new KeychainUnavailableError('No Secret Service is running', 'Install gnome-keyring'));
    await clock.advance(60_000);
    expect(t.current).toMatchObject({
      level: 'keychainUnavailable',
      message: expect.stringContaining('Install gnome-keyring'),
    });
  });
});

describe('readiness when AURA refuses one request', () => {
  it('stays ready: AURA answered, so a press elsewhere would arrive', async () => {
    const { t, clock } = tracker();
    t.start();
    await clock.advance(0);
    t.recordFailure(new AuraError('unknownSite', 'AURA does not know site "x"'));
    expect(t.current.level).toBe('ready');
    t.recordFailure(new AuraError('network', 'Cannot reach AURA'));
    expect(t.current.level).toBe('offline');
  });
});
