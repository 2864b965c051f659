// The crash test: a desk in a child process is killed with SIGKILL at chosen and random points of
// a dispatch (before the send, during it, after AURA's answer but before it is recorded, and at a
// random moment), then started again on the same data folder. Every acknowledged press must end
// as exactly one callout. The simulator's de-duplication is OFF, so a blind resend would show.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../electron/simulator/server';
import { PressSchema, type Press } from '../../electron/shared/model';

const RUNS = 52;
const POINTS = ['beforeSend', 'duringSend', 'afterResponse', 'random'] as const;
type Point = (typeof POINTS)[number];

let childJs = '';
beforeAll(async () => {
  // Bundled once, so each start of the child costs a Node start, not a TypeScript compile.
  childJs = join(mkdtempSync(join(tmpdir(), 'crash-child-')), 'child.cjs');
  await build({
    entryPoints: [join(__dirname, '../reliability/crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: childJs,
    logLevel: 'silent',
  });
}, 60_000);

type ChildResult = { lines: string[]; signal: NodeJS.Signals | null };

function runChild(env: Record<string, string>, killAfterPressMs: number | null): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [childJs], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line.startsWith('PRESSED') && killAfterPressMs !== null) {
          setTimeout(() => child.kill('SIGKILL'), killAfterPressMs);
        }
      }
    });
    child.on('exit', (_code, signal) => resolve({ lines, signal }));
  });
}

async function oneRun(point: Point): Promise<{ acknowledged: boolean; lost: number; duplicated: number }> {
  const sim = await startSimulator({ clientId: 'crash', clientSecret: 'crash-secret', dedupeActive: false });
  // A slow raise, so that "during the send" is a real window.
  sim.faults.set([{ kind: 'latency', route: 'raiseCallout', latencyMs: 40 }]);
  const dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
  try {
    const env = { SIM_BASE_URL: sim.baseUrl, DATA_DIR: dataDir };
    const first = await runChild(
      { ...env, PRESS: '1', CRASH_AT: point === 'random' ? 'none' : point },
      point === 'random' ? Math.random() * 80 : null,
    );
    const pressed = first.lines.find((l) => l.startsWith('PRESSED '))?.slice(8) ?? null;
    const second = await runChild(env, null);
    const done = second.lines.find((l) => l.startsWith('DONE ') || l.startsWith('TIMEOUT '));
    const presses: Press[] = done ? PressSchema.array().parse(JSON.parse(done.slice(done.indexOf(' ') + 1))) : [];
    const callouts = sim.state.allCallouts().filter((c) => c.externalReferenceId === 'site_9944');
    const press = presses.find((p) => p.id === pressed);
    const delivered = press?.status === 'sent' && callouts.some((c) => String(c.id) === press.calloutId);
    return {
      acknowledged: pressed !== null,
      lost: pressed !== null && !delivered ? 1 : 0,
      duplicated: Math.max(0, callouts.length - 1),
    };
  } finally {
    await sim.close();
  }
}

describe('reliability across crashes', () => {
  it(`loses and duplicates no press when killed at any point (${RUNS} runs)`, async () => {
    const results: Array<{ point: Point; acknowledged: boolean; lost: number; duplicated: number }> = [];
    const queue = Array.from({ length: RUNS }, (_, i) => POINTS[i % POINTS.length] as Point);
    await Promise.all(
      [0, 1].map(async () => {
        for (let point = queue.shift(); point; point = queue.shift()) results.push({ point, ...(await oneRun(point)) });
      }),
    );
    const lost = results.reduce((n, r) => n + r.lost, 0);
    const duplicated = results.reduce((n, r) => n + r.duplicated, 0);
    console.log(`reliability crash: runs=${results.length} lost=${lost} duplicated=${duplicated}`);
    for (const r of results.filter((x) => x.lost || x.duplicated || !x.acknowledged))
      console.log('  ', JSON.stringify(r));
    expect(results.every((r) => r.acknowledged)).toBe(true);
    expect(lost).toBe(0);
    expect(duplicated).toBe(0);
  }, 600_000);
});
