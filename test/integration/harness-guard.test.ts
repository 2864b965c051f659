// Finding 2 (and the harness half of 6) of the second security review, as attacks on a running
// web harness: another web page (foreign Origin), a DNS-rebound name (foreign Host), a text/plain
// "simple" POST, a socket without the run's token, and a deeply nested command name that used to
// crash it. Each must now get nothing, and the harness must keep serving its own page.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness, type RunningHarness } from '../harness/server';

const built = existsSync(resolve(__dirname, '../../out/renderer/index.html'));
let PORT = 0;
let OWN = '';

/** A port free right now on 127.0.0.1 (the harness needs to know its port before it listens). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((ok) => probe.listen(0, '127.0.0.1', () => ok()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((ok) => probe.close(() => ok()));
  return port;
}
let harness: RunningHarness;
let dataDir: string;

interface Answer {
  status: number;
  body: string;
}

/** A raw HTTP request, so that Host and Origin can be anything an attacker would send. */
function send(path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<Answer>((ok, fail) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: PORT, path, method: init.method ?? 'GET', headers: init.headers },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', fail);
    req.end(init.body);
  });
}

/** Opens a socket; resolves once it is open, or rejects with why it was refused. */
function socket(query: string, origin: string | undefined, host?: string): Promise<{ ws: WebSocket }> {
  return new Promise((ok, fail) => {
    const headers: Record<string, string> = host ? { host } : {};
    const ws = new WebSocket(`ws://127.0.0.1:${PORT}/__harness/ws${query}`, { origin, headers });
    ws.once('open', () => ok({ ws }));
    ws.once('unexpected-response', (_req, res) => fail(new Error(`refused ${res.statusCode}`)));
    ws.once('error', fail);
  });
}

const bearer = () => ({ authorization: `Bearer ${harness.token}` });

describe.skipIf(!built)('the web harness answers only its own page (needs `npx electron-vite build`)', () => {
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'panic-desk-guard-'));
    PORT = await freePort();
    OWN = `http://127.0.0.1:${PORT}`;
    harness = await startHarness(PORT, dataDir);
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('returns and prints its full URL, token included', () => {
    expect(harness.url).toBe(`${OWN}/?token=${encodeURIComponent(harness.token)}`);
    expect(harness.token.length).toBeGreaterThanOrEqual(24);
  });

  it('serves the page only with the token', async () => {
    expect((await send('/')).status).toBe(403);
    expect((await send('/?token=wrong-token-wrong-token')).status).toBe(403);
    expect((await send(`/?token=${harness.token}`)).status).toBe(200);
    // A reload (no token in the address any more) opens with this harness's cookie, and only that.
    const cookie = (value: string, port = PORT) => ({ headers: { cookie: `panic-desk-harness-${port}=${value}` } });
    expect((await send('/', cookie(harness.token))).status).toBe(200);
    expect((await send('/', cookie('wrong-token-wrong-token'))).status).toBe(403);
    expect((await send('/', cookie(harness.token, PORT + 1))).status).toBe(403);
  });

  it('refuses a DNS-rebound Host even with the token', async () => {
    const rebound = await send(`/?token=${harness.token}`, { headers: { host: `evil.example:${PORT}` } });
    expect(rebound.status).toBe(403);
    const info = await send('/__harness/info', { headers: { host: `evil.example:${PORT}`, ...bearer() } });
    expect(info.status).toBe(403);
    expect(info.body).not.toContain(dataDir);
  });

  it('refuses control routes to other origins, text/plain bodies and missing tokens', async () => {
    const attacks: Array<Record<string, string>> = [
      { 'content-type': 'text/plain', origin: 'http://evil.example' },
      { 'content-type': 'text/plain', ...bearer() },
      { 'content-type': 'application/x-www-form-urlencoded', ...bearer() },
      { 'content-type': 'application/json' },
      { 'content-type': 'application/json', origin: 'http://evil.example', ...bearer() },
    ];
    for (const headers of attacks) {
      const answer = await send('/__harness/stop', { method: 'POST', headers, body: '{}' });
      expect(answer.status, JSON.stringify(headers)).toBeGreaterThanOrEqual(400);
      // The global-shortcut hook (issue 24) could raise a panic: the same wall.
      const shortcut = await send('/__harness/shortcut?accelerator=F13', { method: 'POST', headers, body: '{}' });
      expect(shortcut.status, JSON.stringify(headers)).toBeGreaterThanOrEqual(400);
    }
    expect((await send('/__harness/info')).status).toBe(401);
    // The desk is still running: its own page still gets its state.
    // (As in the app, the page asks for the state; the harness pushes nothing on connect.)
    const { ws } = await socket(`?token=${harness.token}`, OWN);
    const first = new Promise<string>((ok) => ws.once('message', (data) => ok(String(data))));
    ws.send('{"id":1,"name":"state.get","payload":{}}');
    expect(JSON.parse(await first)).toMatchObject({ id: 1, result: { ok: true, value: { environment: 'training' } } });
    ws.close();
  });

  it('answers its own token-bearing JSON calls', async () => {
    const info = await send('/__harness/info', { headers: bearer() });
    expect(info.status).toBe(200);
    const parsed = JSON.parse(info.body) as {
      dataDir: string;
      simulatorOrigin: string;
      simulatorControlHeaders: Record<string, string>;
    };
    expect(parsed).toMatchObject({ dataDir });
    // Specs reach the Training simulator's control routes with the headers the harness hands out.
    const faults = await fetch(`${parsed.simulatorOrigin}/__sim/faults`, { headers: parsed.simulatorControlHeaders });
    expect(faults.status).toBe(200);
    expect((await fetch(`${parsed.simulatorOrigin}/__sim/faults`)).status).toBe(401);
  });

  it('gives no socket (and so no event) to another origin or to a socket without the token', async () => {
    await expect(socket(`?token=${harness.token}`, 'http://evil.example')).rejects.toThrow(/refused/);
    await expect(socket(`?token=${harness.token}`, undefined)).rejects.toThrow(/refused/);
    await expect(socket('', OWN)).rejects.toThrow(/refused/);
    await expect(socket(`?token=${harness.token}`, OWN, `evil.example:${PORT}`)).rejects.toThrow(/refused/);
  });

  it('survives a deeply nested command name and keeps answering', async () => {
    const { ws } = await socket(`?token=${harness.token}`, OWN);
    const replies: Array<{ id?: number; result?: { ok: boolean; error?: { message: string } } }> = [];
    ws.on('message', (data) => replies.push(JSON.parse(String(data)) as (typeof replies)[number]));
    const nested = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    ws.send(`{"id":1,"name":${nested},"payload":{}}`);
    ws.send('null');
    ws.send('{"id":2,"name":"state.get","payload":{}}');
    await expect.poll(() => replies.filter((r) => r.id !== undefined).length, { timeout: 10_000 }).toBe(2);
    const [bad, good] = [replies.find((r) => r.id === 1), replies.find((r) => r.id === 2)];
    expect(bad?.result).toMatchObject({ ok: false, error: { message: 'Unknown command (a object)' } });
    expect(good?.result?.ok).toBe(true);
    ws.close();
  });
});
