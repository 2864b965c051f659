// Issue 11 item 3: the conformance check (`npm run aura:check`) against the simulator in both
// shapes, against a deliberately odd server, and its refusals; the report never holds the secret
// or a token.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderReport } from '../../electron/core/conformance/report';
import { RefusedError, runCheck, type CheckOptions } from '../../electron/core/conformance/walk';
import { startSimulator } from '../../electron/simulator/server';
import { runAuraCheck as runCli } from '../support/aura-check-cli';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const SECRET = 'check-secret-5f2a9c';

/** A fetch that remembers every token a server hands out, to prove none reaches the report. */
function tokenSpy(): { fetch: typeof fetch; tokens: string[] } {
  const tokens: string[] = [];
  return {
    tokens,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).endsWith('/oauth/token')) {
        const body = (await response.clone().json()) as Record<string, unknown>;
        for (const v of Object.values(body)) if (typeof v === 'string' && v.length > 20) tokens.push(v);
      }
      return response;
    },
  };
}

function expectClean(text: string, tokens: string[]): void {
  expect(text).not.toContain(SECRET);
  for (const token of tokens) expect(text).not.toContain(token);
}

describe.each(['a', 'b'] as const)('aura:check against the simulator, shape %s', (shape) => {
  it('walks the quickstart, raises on a test location, and reports the shapes as documented', async () => {
    const sim = await startSimulator({ clientId: 'check', clientSecret: SECRET, shape });
    cleanup.push(() => sim.close());
    const spy = tokenSpy();
    const options: CheckOptions = {
      baseUrl: sim.baseUrl,
      clientId: 'check',
      environment: 'custom',
      getSecret: async () => SECRET,
      raise: true,
      raiseBody: shape === 'a' ? { responseTypeId: 2 } : {},
      pollSeconds: 0.3,
      pollEveryMs: 100,
      fetch: spy.fetch,
    };
    const { result, redactor } = await runCheck(options);
    expect(result.steps.map((s) => [s.title, s.ok])).toEqual([
      ['Token exchange', true],
      ['List Fixed Locations', true],
      ['List active callouts', true],
      ['Register a test Fixed Location', true],
      ['Raise a callout on "panic-desk-conformance-check"', true],
      [`Read callout ${result.testCalloutId} back`, true],
      [`Poll callout ${result.testCalloutId} for 0 s`, true],
      [`Read the events of callout ${result.testCalloutId}`, true],
    ]);
    expect(result.passed).toBe(true);
    expect(sim.state.locationByRef('panic-desk-conformance-check')).toBeDefined();
    const report = renderReport(result, redactor);
    const docSet = shape.toUpperCase();
    expect(report.summary).toMatch(/^PASSED: 8 steps/);
    expect(report.summary).toContain(`doc set matched per object: ${docSet} ×`);
    expect(report.summary).toContain('unknown fields: none; missing fields: none; type differences: none');
    expect(report.summary).toContain('status strings seen: "created"');
    expect(report.markdown).toContain(`Close the test callout ${result.testCalloutId} now`);
    expect(spy.tokens.length).toBeGreaterThan(0);
    expectClean(report.markdown + report.json, spy.tokens);
    expect(JSON.parse(report.json)).toMatchObject({ passed: true, testCalloutId: result.testCalloutId });
  });
});

/** A server that answers every route in an odd but plausible way, and echoes secrets in one error. */
async function oddServer(): Promise<string> {
  const token = 'odd-token-0123456789abcdef';
  const routes: Record<string, (req: IncomingMessage) => [number, unknown]> = {
    'POST /oauth/token': () => [200, { token, scope: 'panic' }],
    'GET /predefinedLocations': () => [
      200,
      {
        data: [
          {
            id: '7',
            externalReferenceId: 'X7',
            locationIdentifier: 'X7',
            locationDescription: 'Odd Branch',
            latitude: -26.1,
            longitude: 28,
            region: 'north',
          },
          { id: 8, locationIdentifier: 'no reference' },
        ],
      },
    ],
    'GET /callouts/activeCallouts': () => [
      200,
      [{ calloutId: 55, status: 'Not dispatched', predefinedLocationId: '7' }],
    ],
    'GET /callouts/55': () => [200, { callout: { id: 55, status: 'Pending', priority: 'high' } }],
    'GET /callouts/55/events': () => [400, { message: [`client ${SECRET} may not read events`, `Bearer ${token}`] }],
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').replace(/^\/panic-api\/v2/, '');
    const route = routes[`${req.method} ${path}`];
    const [status, body] = route ? route(req) : [404, { message: 'no route' }];
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanup.push(() => new Promise<void>((r) => server.close(() => r())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/panic-api/v2`;
}

describe('aura:check against a deliberately odd server', () => {
  it('reads what the desk tolerates, reports every difference, and redacts what the server echoes', async () => {
    const baseUrl = await oddServer();
    const { result, redactor } = await runCheck({
      baseUrl,
      clientId: 'odd',
      environment: 'custom',
      getSecret: async () => SECRET,
    });
    expect(result.steps.map((s) => s.ok)).toEqual([true, true, true, true, false]);
    expect(result.steps[1]?.outcome).toBe('1 Fixed Location');
    expect(result.passed).toBe(false);
    const report = renderReport(result, redactor);
    expect(report.summary).toMatch(/^FAILED: 5 steps, 5 answers .*; failed: Read the events of callout 55/);
    expect(report.summary).toContain('none (closest B)');
    for (const field of ['token', 'scope', 'region', 'calloutId', 'priority']) {
      expect(report.summary).toMatch(new RegExp(`unknown fields: [^;]*\\b${field}\\b`));
    }
    expect(report.summary).toMatch(/missing fields: [^;]*accessToken/);
    expect(report.summary).toMatch(/type differences: [^;]*id: string \(documented number\)/);
    expect(report.summary).toContain('status strings seen: "Not dispatched", "Pending"');
    expect(report.markdown).toContain('object with the list under "data", 2 items');
    expect(report.markdown).toContain('[redacted] may not read events');
    expectClean(report.markdown + report.json, ['odd-token-0123456789abcdef']);
  });
});

describe('aura:check refusals and the command line', () => {
  it('refuses to raise or register on Production before any request', async () => {
    let requests = 0;
    const counting: typeof fetch = async () => {
      requests += 1;
      return new Response('{}');
    };
    for (const options of [
      { environment: 'production', baseUrl: 'https://panic.aura.services/panic-api/v2', raise: true },
      { environment: 'custom', baseUrl: 'https://panic.aura.services/panic-api/v2/', register: true },
      // Issue 21 finding 9: the same host spelled another way is still Production.
      { environment: 'custom', baseUrl: 'https://panic.aura.services./panic-api/v2', raise: true },
      { environment: 'custom', baseUrl: 'https://panic.aura.services/panic-api//v2', raise: true },
      { environment: 'custom', baseUrl: 'https://PANIC.aura.services:443/panic-api/v2', raise: true },
    ]) {
      await expect(
        runCheck({ ...options, clientId: 'x', getSecret: async () => SECRET, fetch: counting }),
      ).rejects.toBeInstanceOf(RefusedError);
    }
    expect(requests).toBe(0);
  });

  it('`npm run aura:check` takes the secret on stdin, passes, writes both reports without it, and names the flag a Set A raise needs', async () => {
    const sim = await startSimulator({ clientId: 'demo', clientSecret: SECRET });
    cleanup.push(() => sim.close());
    const out = mkdtempSync(join(tmpdir(), 'aura-check-'));
    const run = await runCli(
      ['--base-url', sim.baseUrl, '--client-id', 'demo', '--raise', '--poll-seconds', '0', '--out', out],
      `  ${SECRET}\n`,
    );
    expect(run.stderr).not.toContain(SECRET);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^PASSED: 8 steps/m);
    expect(run.stdout).toContain('Close the test callout');
    const files = readdirSync(out).sort();
    expect(files.map((f) => f.replace(/^aura-check-.*\./, ''))).toEqual(['json', 'md']);
    for (const f of files) expect(readFileSync(join(out, f), 'utf8')).not.toContain(SECRET);

    const setA = await startSimulator({ clientId: 'demo', clientSecret: SECRET, shape: 'a' });
    cleanup.push(() => setA.close());
    const args = ['--base-url', setA.baseUrl, '--client-id', 'demo', '--raise', '--poll-seconds', '0', '--out', out];
    const noType = await runCli(args, SECRET);
    expect(noType.status).toBe(1);
    expect(noType.stdout).toContain('run again with --response-type-id N');
    const typed = await runCli([...args, '--response-type-id', '2'], SECRET);
    expect(typed.stdout).toMatch(/^PASSED: 8 steps/m);
    expect(typed.stdout).not.toContain('--response-type-id');

    const refused = await runCli(['--env', 'production', '--client-id', 'x', '--raise'], SECRET);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('refused for Production');
  }, 120_000);
});
