// The crash test (issue 10): a desk in a child process presses one to three times (same site or
// not) while writing its files every few milliseconds, and is killed with SIGKILL at a uniformly
// random instant over the whole life of its presses (so some kills land mid-write); while it is down, the simulator's control room closes some callouts. It is started
// again on the same data folder until every press is through. De-duplication is on in half the
// runs and off in the other half, so any blind resend would show. Counted at the end:
//   lost: an acknowledged press for which nothing reached AURA; swallowed: a press AURA recorded
//   as neither a raise nor an event; duplicated: callouts beyond one per raising press that no
//   allowed re-raise accounts for; reraised: the allowed ones. The audit chain must verify.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { pressedAgainMessage } from '../../electron/core/dispatch/press-words';
import { PressSchema, type Press } from '../../electron/shared/model/press';
import { startSimulator } from '../../electron/simulator/server';
import { addSitesLikeDemo, fastTmp } from '../reliability/world';

const RUNS = Number(process.env.RELIABILITY_CRASH_RUNS ?? 100);
const PARALLEL = 4;
const SITES = ['site_9944', 'site_north'] as const;

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

type ChildResult = { lines: string[]; killed: boolean };

/** Runs the child; kills it `killAfterReadyMs` after READY (null: lets it finish). */
function runChild(env: Record<string, string>, killAfterReadyMs: number | null): Promise<ChildResult> {
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
        if (line === 'READY' && killAfterReadyMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterReadyMs);
      }
    });
    child.stderr.resume();
    child.on('exit', (_code, signal) => resolve({ lines, killed: signal === 'SIGKILL' }));
  });
}

type Result = {
  lost: number;
  swallowed: number;
  duplicated: number;
  reraised: number;
  chainOk: boolean;
  /** The kill tore a file: a temporary file never renamed, or an audit tail set aside. */
  tornByKill: boolean;
  notes: string[];
};

async function oneRun(i: number): Promise<Result> {
  const dedupe = i % 2 === 0;
  const sim = await startSimulator({ clientId: 'crash', clientSecret: 'crash-secret', dedupeActive: dedupe });
  addSitesLikeDemo(sim, SITES.slice(1));
  // A slow raise, so that "during the send" is a real window.
  sim.faults.set([{ kind: 'latency', route: 'raiseCallout', latencyMs: 40 }]);
  const dataDir = mkdtempSync(join(fastTmp(), 'crash-'));
  const notes: string[] = [`run ${i} dedupe=${dedupe}`];
  try {
    const env = { SIM_BASE_URL: sim.baseUrl, DATA_DIR: dataDir };
    const count = 1 + Math.floor(Math.random() * 3);
    const plan = Array.from({ length: count }, () => ({
      afterMs: Math.round(Math.random() * 300),
      site: Math.random() < 0.7 ? SITES[0] : SITES[1],
    }));
    const acknowledged = new Set<string>();
    // The kill lands anywhere from before the first press to after the last one is through.
    let life = await runChild({ ...env, PRESS_PLAN: JSON.stringify(plan), STAY: '1' }, Math.random() * 700);
    for (;;) {
      for (const l of life.lines) if (l.startsWith('PRESSED ')) acknowledged.add(l.slice(8));
      if (!life.killed) break;
      // While the desk is down, the control room closes some callouts.
      for (const c of sim.state.allCallouts())
        if (c.phase !== 'closed' && Math.random() < 0.5) sim.state.advance(c.id, 'close');
      life = await runChild(env, null);
    }
    const done = life.lines.find((l) => l.startsWith('DONE ') || l.startsWith('TIMEOUT '));
    const body = done
      ? (JSON.parse(done.slice(done.indexOf(' ') + 1)) as {
          presses: unknown;
          chain: { ok: boolean; problem: string | null } | null;
        })
      : null;
    const presses: Press[] = body ? PressSchema.array().parse(body.presses) : [];
    const all = sim.state.allCallouts();
    let lost = 0;
    let swallowed = 0;
    const claimed = new Set<string>();
    for (const p of presses) {
      const callout = all.find((c) => String(c.id) === p.calloutId);
      if (p.status !== 'sent' || !callout) {
        if (acknowledged.has(p.id) || p.status !== 'sent') {
          lost++;
          notes.push(`lost ${p.id}: ${p.status} ${p.lastError ?? ''}`);
        }
        continue;
      }
      if (p.via === 'event') {
        const message = pressedAgainMessage(p, 'crash-child');
        if (!sim.state.eventsOf(callout.id).some((e) => e.message === message)) {
          swallowed++;
          notes.push(`swallowed ${p.id}: no event on ${callout.id}`);
        }
      } else if (p.via === null || claimed.has(String(callout.id))) {
        swallowed++;
        notes.push(`swallowed ${p.id}: callout ${callout.id} claimed twice (${p.via})`);
      } else claimed.add(String(callout.id));
    }
    for (const id of acknowledged) {
      if (!presses.some((p) => p.id === id)) {
        lost++;
        notes.push(`lost ${id}: not in the outbox after the restart`);
      }
    }
    let duplicated = 0;
    let reraised = 0;
    for (const site of SITES) {
      const extra = all.filter((c) => c.externalReferenceId === site && !claimed.has(String(c.id))).length;
      const allowed = presses.filter((p) => p.siteId === site).reduce((n, p) => n + p.extraCallouts, 0);
      reraised += Math.min(extra, allowed);
      duplicated += Math.max(0, extra - allowed);
      if (extra > allowed) {
        notes.push(`duplicated at ${site}: ${extra} unclaimed, ${allowed} allowed`);
        notes.push(
          `presses ${presses.map((p) => `${p.siteId}:${p.via}:${p.calloutId}:${p.attempts}:${p.mayHoldTwo}`).join(',')}`,
        );
        notes.push(`callouts ${all.map((c) => `${c.externalReferenceId}:${c.id}:${c.phase}`).join(',')}`);
        notes.push(
          `requests ${sim.requests
            .filter((r) => r.op !== 'getCallout' && r.op !== 'listCalloutEvents')
            .map((r) => `${r.op}:${r.status}`)
            .join(',')}`,
        );
      }
    }
    const chainOk = body?.chain?.ok === true;
    if (!chainOk) notes.push(`audit chain: ${body?.chain?.problem ?? 'no answer'}`);
    const tornByKill = readdirSync(dataDir).some((f) => f.endsWith('.tmp') || f.includes('.torn-'));
    return { lost, swallowed, duplicated, reraised, chainOk, tornByKill, notes };
  } finally {
    await sim.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('reliability across crashes', () => {
  it(`loses, swallows and duplicates no press when killed at random instants (${RUNS} runs)`, async () => {
    const results: Result[] = [];
    const queue = Array.from({ length: RUNS }, (_, i) => i);
    await Promise.all(
      Array.from({ length: PARALLEL }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) results.push(await oneRun(i));
      }),
    );
    const sum = (k: 'lost' | 'swallowed' | 'duplicated' | 'reraised') => results.reduce((n, r) => n + r[k], 0);
    console.log(
      `reliability crash: runs=${results.length} lost=${sum('lost')} swallowed=${sum('swallowed')} duplicated=${sum('duplicated')} reraised=${sum('reraised')}`,
    );
    console.log(`  kills that landed inside a file write: ${results.filter((r) => r.tornByKill).length}`);
    for (const r of results.filter((x) => x.lost || x.swallowed || x.duplicated || !x.chainOk))
      console.log(`  ${r.notes.join(' | ')}`);
    expect(results).toHaveLength(RUNS);
    expect({ lost: sum('lost'), swallowed: sum('swallowed'), duplicated: sum('duplicated') }).toEqual({
      lost: 0,
      swallowed: 0,
      duplicated: 0,
    });
    expect(results.filter((r) => !r.chainOk).map((r) => r.notes)).toEqual([]);
  }, 900_000);
});
