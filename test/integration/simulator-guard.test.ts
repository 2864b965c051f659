// Finding 5 of the second security review, as attacks on the Training simulator: a web page or
// local process that finds the port POSTs text/plain with a foreign Origin to install a fault, reads
// the request log, or reaches it through a DNS-rebound name. Each is refused and changes nothing;
// the holder of the control token (the desk's Training panel, the tests) still gets through.
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorControl } from '../../electron/core/desk/training-control';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ clientId: 'desk', clientSecret: 'desk-secret' });
});
afterAll(async () => {
  await sim.close();
});

function send(path: string, method: string, headers: Record<string, string>, body?: string) {
  const port = Number(new URL(sim.origin).port);
  return new Promise<{ status: number; body: string }>((ok, fail) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

const FAULT = JSON.stringify({ faults: [{ kind: 'error500', route: '*' }] });

describe('the simulator control routes', () => {
  it('refuse a text/plain POST from another origin, without the token', async () => {
    const answer = await send(
      '/__sim/faults',
      'POST',
      { 'content-type': 'text/plain', origin: 'http://evil.example' },
      FAULT,
    );
    expect(answer.status).toBe(401);
    expect(sim.faults.list()).toEqual([]);
  });

  it('refuse a guessed token, a non-JSON body and a foreign origin even with the token', async () => {
    const auth = sim.controlHeaders.authorization ?? '';
    const attempts: Array<[Record<string, string>, number]> = [
      [{ 'content-type': 'application/json', authorization: 'Bearer guessed-guessed-guessed' }, 401],
      [{ 'content-type': 'text/plain', authorization: auth }, 415],
      [{ 'content-type': 'application/x-www-form-urlencoded', authorization: auth }, 415],
      [{ 'content-type': 'application/json', authorization: auth, origin: 'http://evil.example' }, 403],
    ];
    for (const [headers, status] of attempts) {
      expect((await send('/__sim/faults', 'POST', headers, FAULT)).status).toBe(status);
    }
    expect(sim.faults.list()).toEqual([]);
    expect((await send('/__sim/requests', 'GET', {})).status).toBe(401);
  });

  it('refuse every route to a DNS-rebound Host', async () => {
    const port = new URL(sim.origin).port;
    const headers = { ...sim.controlHeaders, host: `evil.example:${port}` };
    expect((await send('/__sim/faults', 'POST', headers, FAULT)).status).toBe(403);
    const token = await send(
      '/panic-api/v2/oauth/token',
      'POST',
      { host: `evil.example:${port}`, 'content-type': 'application/json' },
      '{}',
    );
    expect(token.status).toBe(403);
    expect(sim.faults.list()).toEqual([]);
  });

  it('obey the holder of the control token', async () => {
    await simulatorControl(sim.origin, sim.controlToken).setFault('error500');
    expect(sim.faults.list()).toHaveLength(1);
    await expect(simulatorControl(sim.origin, 'not-the-token').setFault(null)).rejects.toThrow(/refused/);
    expect(sim.faults.list()).toHaveLength(1);
    await simulatorControl(sim.origin, sim.controlToken).setFault(null);
    expect(sim.faults.list()).toEqual([]);
  });

  it('draw a different token for each simulator', async () => {
    const other = await startSimulator();
    try {
      expect(other.controlToken).not.toBe(sim.controlToken);
      expect(other.controlToken.length).toBeGreaterThanOrEqual(24);
    } finally {
      await other.close();
    }
  });
});
