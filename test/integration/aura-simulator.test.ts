// The simulator itself, as a strict AURA: auth, request checks per shape, the documented quirks,
// the /__sim/ control routes, TrainingControl, autoplay, persistence and `npm run sim`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuraClient } from '../../electron/core/aura/client';
import { PRACTICE_FAULTS, simulatorControl } from '../../electron/core/desk/training-control';
import { FAULT_KINDS } from '../../electron/shared/model/desk-state';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../electron/simulator/server';
import { until } from '../support/until';

const sims: RunningSimulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

async function start(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = await startSimulator({ clientId: 'desk', clientSecret: 'desk-secret', ...options });
  sims.push(sim);
  return sim;
}

type Answer = { status: number; body: unknown; headers: Headers };

async function call(
  sim: RunningSimulator,
  method: string,
  path: string,
  body?: unknown,
  token?: string | null,
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  // Control routes take the simulator's own control token, given by startSimulator.
  if (path.startsWith('/__sim') && token === undefined) Object.assign(headers, sim.controlHeaders);
  const url = path.startsWith('/__sim') ? sim.origin + path : sim.baseUrl + path;
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, headers: response.headers };
}

async function tokenOf(sim: RunningSimulator): Promise<string> {
  const { body } = await call(sim, 'POST', '/oauth/token', { clientId: 'desk', clientSecret: 'desk-secret' });
  const b = body as { accessToken?: string; access_token?: string };
  return (b.accessToken ?? b.access_token) as string;
}

describe('auth', () => {
  it('issues tokens for the right credentials only, and refuses missing, unknown and expired bearers', async () => {
    let now = 1_000_000;
    const sim = await start({ tokenTtlSeconds: 60, now: () => now });
    expect((await call(sim, 'POST', '/oauth/token', { clientId: 'desk', clientSecret: 'nope' })).status).toBe(401);
    expect((await call(sim, 'POST', '/oauth/token', { clientId: 'desk' })).status).toBe(400);
    expect((await call(sim, 'POST', '/oauth/token', '{"clientId":')).status).toBe(400);
    const grant = await call(sim, 'POST', '/oauth/token', { clientId: 'desk', clientSecret: 'desk-secret' });
    expect(grant.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 60 });
    const token = await tokenOf(sim);
    expect((await call(sim, 'GET', '/predefinedLocations', undefined, null)).status).toBe(401);
    expect((await call(sim, 'GET', '/predefinedLocations', undefined, 'made-up')).status).toBe(401);
    expect((await call(sim, 'GET', '/predefinedLocations', undefined, token)).status).toBe(200);
    now += 60_000;
    expect((await call(sim, 'GET', '/predefinedLocations', undefined, token)).status).toBe(401);
  });

  it('answers Set A token fields with --shape a', async () => {
    const sim = await start({ shape: 'a', tokenTtlSeconds: 90 });
    const grant = await call(sim, 'POST', '/oauth/token', { clientId: 'desk', clientSecret: 'desk-secret' });
    expect(grant.body).toMatchObject({ token_type: 'Bearer', expires_in: 90 });
  });
});

describe('strict request checks per shape', () => {
  it('Set B wants string coordinates and locationIdentifier; Set A wants name; both check ranges', async () => {
    const b = await start();
    const tb = await tokenOf(b);
    const base = { externalReferenceId: 'S1', locationIdentifier: 'Shop' };
    expect(
      (await call(b, 'POST', '/predefinedLocations', { ...base, latitude: -33.9, longitude: 18.4 }, tb)).body,
    ).toEqual({
      message: 'latitude: must be a number written as a string',
    });
    expect(
      (await call(b, 'POST', '/predefinedLocations', { ...base, latitude: '-95', longitude: '18' }, tb)).status,
    ).toBe(400);
    const created = await call(
      b,
      'POST',
      '/predefinedLocations',
      { ...base, latitude: '-33.9', longitude: '18.4' },
      tb,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      locationIdentifier: 'Shop',
      'calloutLocationType.id': null,
      latitude: '-33.9',
    });

    const a = await start({ shape: 'a' });
    const ta = await tokenOf(a);
    expect((await call(a, 'POST', '/predefinedLocations', { ...base, latitude: '1', longitude: '1' }, ta)).status).toBe(
      400,
    );
    const createdA = await call(
      a,
      'POST',
      '/predefinedLocations',
      { name: 'Shop', externalReferenceId: 'S1', latitude: 1.5, longitude: 2 },
      ta,
    );
    expect(createdA.body).toMatchObject({ name: 'Shop', latitude: 1.5, longitude: 2 });
    expect((await call(a, 'POST', '/predefinedLocations/externalRef/S1/callouts', {}, ta)).status).toBe(400);
  });

  it('pages the location list only when asked', async () => {
    const sim = await start();
    const token = await tokenOf(sim);
    for (const ref of ['A', 'B', 'C'])
      sim.state.addLocation({ externalReferenceId: ref, locationIdentifier: ref, latitude: '0', longitude: '0' });
    expect(((await call(sim, 'GET', '/predefinedLocations', undefined, token)).body as unknown[]).length).toBe(4);
    const page = (await call(sim, 'GET', '/predefinedLocations?page=2&limit=3', undefined, token)).body as Array<{
      externalReferenceId: string;
    }>;
    expect(page.map((l) => l.externalReferenceId)).toEqual(['C']);
  });
});

describe('documented quirks', () => {
  it('answers 400 (not 404) for an unknown reference and returns the active callout when raised twice', async () => {
    const sim = await start();
    const token = await tokenOf(sim);
    const unknown = await call(sim, 'POST', '/predefinedLocations/externalRef/STORE-999/callouts', {}, token);
    expect(unknown).toMatchObject({
      status: 400,
      body: { message: 'No predefined location found for externalReferenceId STORE-999' },
    });
    const first = await call(sim, 'POST', '/predefinedLocations/externalRef/site_9944/callouts', {}, token);
    const second = await call(sim, 'POST', '/predefinedLocations/externalRef/site_9944/callouts', {}, token);
    expect([first.status, second.status]).toEqual([201, 200]);
    expect((second.body as { callout: { id: number } }).callout.id).toBe(
      (first.body as { callout: { id: number } }).callout.id,
    );
  });

  it('opens a new callout per raise when de-duplication is off (to expose blind retries)', async () => {
    const sim = await start({ dedupeActive: false });
    const token = await tokenOf(sim);
    await call(sim, 'POST', '/predefinedLocations/externalRef/site_9944/callouts', {}, token);
    await call(sim, 'POST', '/predefinedLocations/externalRef/site_9944/callouts', {}, token);
    expect(sim.state.allCallouts()).toHaveLength(2);
  });

  it('answers 285 with the latest state to location updates once closed; GET stays 200 by default', async () => {
    const sim = await start();
    const token = await tokenOf(sim);
    const { id } = sim.state.raise(sim.state.locationByRef('site_9944')!, {}).callout;
    const where = { latitude: -26.1, longitude: 28.1, accuracy: 5 };
    expect(await call(sim, 'POST', `/callouts/${id}/location`, where, token)).toMatchObject({
      status: 200,
      body: { message: 'Request completed successfully.' },
    });
    sim.state.advance(id, 'close');
    const closed = await call(sim, 'POST', `/callouts/${id}/location`, where, token);
    expect(closed).toMatchObject({ status: 285, body: { callout: { id, status: 'Closed' } } });
    expect((await call(sim, 'POST', `/callouts/${id}/updateLocationAndReturnCallout`, where, token)).status).toBe(285);
    expect((await call(sim, 'GET', `/callouts/${id}`, undefined, token)).status).toBe(200);
  });

  it('serves report and map only after close', async () => {
    const sim = await start();
    const token = await tokenOf(sim);
    const { id } = sim.state.raise(sim.state.locationByRef('site_9944')!, {}).callout;
    expect((await call(sim, 'GET', `/callouts/${id}/maps`, undefined, token)).status).toBe(404);
    expect((await call(sim, 'GET', `/callouts/${id}/resolutionReport`, undefined, token)).status).toBe(404);
    sim.state.advance(id, 'cancel');
    sim.state.advance(id, 'close');
    expect((await call(sim, 'GET', `/callouts/${id}/maps`, undefined, token)).status).toBe(200);
    expect((await call(sim, 'GET', `/callouts/${id}/resolutionReport`, undefined, token)).body).toMatchObject({
      report: { calloutId: id, outcome: 'Cancelled' },
    });
  });
});

describe('control routes under /__sim', () => {
  it('steps a callout forward only, cancels, and refuses to move a closed one', async () => {
    const sim = await start();
    const { id } = sim.state.raise(sim.state.locationByRef('site_9944')!, {}).callout;
    const step = (s: string) => call(sim, 'POST', `/__sim/callouts/${id}/advance`, { step: s });
    expect(await step('arrive')).toMatchObject({ status: 200, body: { status: 'Responder Arrived' } });
    expect(sim.state.callout(id)?.dispatchedAt).toBeTruthy(); // a skipped stage gets the same time
    expect((await step('dispatch')).status).toBe(409);
    expect((await step('teleport')).status).toBe(400);
    expect(await step('cancel')).toMatchObject({ status: 200, body: { status: 'Responder Cancelled' } });
    expect((await step('complete')).status).toBe(409);
    expect((await step('close')).status).toBe(200);
    expect((await step('close')).status).toBe(409);
    expect((await call(sim, 'POST', '/__sim/callouts/1/advance', { step: 'close' })).status).toBe(404);
  });

  it('sets, lists and clears fault rules, validates them, and expires tokens on demand', async () => {
    const sim = await start();
    const token = await tokenOf(sim);
    expect((await call(sim, 'POST', '/__sim/faults', { faults: [{ kind: 'meteor' }] })).status).toBe(400);
    const set = await call(sim, 'POST', '/__sim/faults', {
      faults: [{ kind: 'error500', route: 'listFixedLocations', times: 1 }],
    });
    expect(set.status).toBe(200);
    expect((await call(sim, 'GET', '/predefinedLocations', undefined, token)).status).toBe(500);
    expect((await call(sim, 'GET', '/predefinedLocations', undefined, token)).status).toBe(200);
    expect((await call(sim, 'GET', '/__sim/faults')).body).toMatchObject({
      faults: [{ kind: 'error500', seen: 2, fired: 1 }],
    });
    await call(sim, 'DELETE', '/__sim/faults');
    expect(sim.faults.list()).toEqual([]);
    expect((await call(sim, 'POST', '/__sim/tokens/expire')).status).toBe(200);
    expect((await call(sim, 'GET', '/predefinedLocations', undefined, token)).status).toBe(401);
  });

  it('answers 502 with an HTML page and 429 with Retry-After', async () => {
    const sim = await start({
      faults: [
        { kind: 'error502', route: 'token', times: 1 },
        { kind: 'rateLimited', route: 'token', retryAfterSeconds: 9 },
      ],
    });
    const page = await fetch(`${sim.baseUrl}/oauth/token`, { method: 'POST', body: '{}' });
    expect(page.status).toBe(502);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('<title>502 Bad Gateway</title>');
    const limited = await call(sim, 'POST', '/oauth/token', {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('9');
  });

  it('seeds locations, reports itself, keeps a request log and tells listeners', async () => {
    const sim = await start();
    const seen: string[] = [];
    sim.onRequest((r) => seen.push(`${r.method} ${r.path}`));
    expect(
      (
        await call(sim, 'POST', '/__sim/locations', {
          externalReferenceId: 'GATE-1',
          locationIdentifier: 'Gate',
          latitude: 1,
          longitude: 2,
        })
      ).status,
    ).toBe(201);
    expect(sim.state.locationByRef('GATE-1')?.latitude).toBe('1');
    const info = (await call(sim, 'GET', '/__sim')).body as { shape: string; api: string[] };
    expect(info.shape).toBe('b');
    expect(info.api).toContain('POST /predefinedLocations/externalRef/{externalReferenceId}/callouts');
    expect(seen).toEqual(['POST /__sim/locations', 'GET /__sim']);
    expect(((await call(sim, 'GET', '/__sim/requests')).body as unknown[]).length).toBe(3);
  });
});

describe('TrainingControl', () => {
  it('steps callouts, turns autoplay on and off, and sets each practice fault', async () => {
    const sim = await start();
    const control = simulatorControl(sim.origin, sim.controlToken);
    const { id } = sim.state.raise(sim.state.locationByRef('site_9944')!, {}).callout;
    await control.advance(String(id), 'dispatch');
    await control.advance(String(id), 'cancel');
    expect(sim.state.callout(id)?.phase).toBe('cancelled');
    await expect(control.advance(String(id), 'arrive')).rejects.toThrow(/refused "arrive".*can only be closed/);

    await control.setAutoplay(true);
    expect(sim.state.autoplay.on).toBe(true);
    await control.setAutoplay(false);
    expect(sim.state.autoplay.on).toBe(false);

    for (const fault of FAULT_KINDS) {
      await control.setFault(fault);
      expect(sim.faults.list()).toMatchObject([{ ...PRACTICE_FAULTS[fault], route: '*' }]);
    }
    await control.setFault(null);
    expect(sim.faults.list()).toEqual([]);
  });

  it('practising token expiry hits every third request, so the client still gets through', async () => {
    const sim = await start();
    await simulatorControl(sim.origin, sim.controlToken).setFault('tokenExpiry');
    const client = new AuraClient({
      baseUrl: sim.baseUrl,
      clientId: 'desk',
      getSecret: async () => 'desk-secret',
      keepWarm: false,
    });
    for (let i = 0; i < 6; i++) await client.listFixedLocations();
    expect(sim.requests.filter((r) => r.status === 401).length).toBeGreaterThan(0);
  });
});

describe('autoplay', () => {
  it('plays a callout through to closed, and a cancelled one to closed', async () => {
    const sim = await start({
      autoplay: true,
      autoplayTimings: { dispatchMs: 5, arriveMs: 5, completeMs: 5, closeMs: 5 },
    });
    const loc = sim.state.locationByRef('site_9944')!;
    const { id } = sim.state.raise(loc, {}).callout;
    await until(() => sim.state.callout(id)?.phase === 'closed');
    const c = sim.state.callout(id)!;
    expect([c.dispatchedAt, c.arrivedAt, c.completedAt, c.closedAt].every(Boolean)).toBe(true);

    sim.setAutoplay(true, { dispatchMs: 60_000, closeMs: 5 });
    const second = sim.state.raise(loc, {}).callout.id;
    sim.state.advance(second, 'cancel');
    await until(() => sim.state.callout(second)?.phase === 'closed');
    expect(sim.state.callout(second)?.arrivedAt).toBeNull();
  });
});

describe('persistence', () => {
  it('keeps the world across a restart: the callout, its stage and events, the next ids, autoplay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const stateFile = join(dir, 'world.json');
    const first = await start({ stateFile });
    const { id } = first.state.raise(first.state.locationByRef('site_9944')!, {}).callout;
    first.state.advance(id, 'dispatch');
    first.state.addEvent(id, 'On my way');
    first.state.setAutoplay({ on: true, timings: { arriveMs: 3_600_000 } });
    await first.close();
    sims.splice(sims.indexOf(first), 1);
    expect(readdirSync(dir)).toEqual(['world.json']); // no temporary file left behind

    const second = await start({ stateFile });
    expect(second.state.callout(id)).toMatchObject({ phase: 'dispatched', status: 'Responder Dispatched' });
    expect(second.state.eventsOf(id).map((e) => e.message)).toEqual(['On my way']);
    expect(second.state.autoplay).toMatchObject({ on: true, timings: { arriveMs: 3_600_000 } });
    const token = await tokenOf(second);
    const again = await call(second, 'POST', '/predefinedLocations/externalRef/site_9944/callouts', {}, token);
    expect(again.status).toBe(200); // still the same active callout
    second.state.addLocation({ externalReferenceId: 'N', locationIdentifier: 'N', latitude: '0', longitude: '0' });
    expect(second.state.locationByRef('N')?.id).toBe(99002);
  });

  it('moves an unreadable state file aside and starts fresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sim-'));
    const stateFile = join(dir, 'world.json');
    writeFileSync(stateFile, '{"version":1,"locations":[');
    const lines: string[] = [];
    const sim = await start({ stateFile, log: (l) => lines.push(l) });
    expect(sim.state.activeLocations().map((l) => l.externalReferenceId)).toEqual(['site_9944']);
    expect(lines.join()).toContain('moved to');
    expect(readdirSync(dir).some((f) => f.startsWith('world.json.invalid-'))).toBe(true);
    expect(existsSync(stateFile)).toBe(true);
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ version: 1 });
  });
});

describe('npm run sim', () => {
  it('answers --help with its usage and the demo pair it runs with by default, exit 0', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/simulator/cli.ts', '--help'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('usage: npm run sim --');
    expect(run.stdout).toContain('client ID "demo", client secret "demo"');
    expect(run.stderr).not.toContain('Unknown option');
  });

  it('prints the base URL, the routes and the control routes, never the secret', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'electron/simulator/cli.ts',
        '--port',
        '0',
        '--client-id',
        'demo',
        '--client-secret',
        'cli-s3cret-canary',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    try {
      await until(() => out.includes('Press Ctrl+C'), 15_000);
    } finally {
      child.kill('SIGTERM');
    }
    expect(out).toMatch(/API base URL: +http:\/\/127\.0\.0\.1:\d+\/panic-api\/v2/);
    expect(out).toContain('POST /predefinedLocations/externalRef/{externalReferenceId}/callouts');
    expect(out).toContain('/__sim/callouts/{id}/advance');
    expect(out).not.toContain('cli-s3cret-canary');
  });
});
