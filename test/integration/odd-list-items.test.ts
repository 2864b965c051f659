// Issue 10 item 8: one odd item no longer blocks everything. Against a simulator whose lists hold
// one active callout with `status: null` and one Fixed Location without `externalReferenceId`
// (quirk `oddListItem`), in both documented shapes: the sites still sync, readiness stays ready,
// a press whose first raise answer is lost still checks the active list, adopts its callout and
// counts as sent (one callout at AURA), and the odd items land in the audit log once each.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../support/run-command';
import { DiagnosticsLog } from '../../electron/core/diagnostics/log';
import { DeskHost } from '../../electron/core/desk-host';
import { reportSkippedItems } from '../../electron/core/host/report-skipped-items';
import { memoryVault } from '../fakes/vault';
import { openFileStore } from '../harness/file-store';
import { startSimulator } from '../../electron/simulator/server';
import { until } from '../support/until';
import { deskAgainstSimulator } from '../support/sim-desk';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A desk against a simulator giving one odd list item, not started: skipped items are reported from its start. */
async function deskAgainst(shape: 'a' | 'b') {
  const world = await deskAgainstSimulator({
    sim: { shape, quirks: ['oddListItem'] },
    client: { timeoutMs: 2000, raiseDefaults: shape === 'a' ? { responseTypeId: 2 } : {} },
    desk: { timing: { retryDelaysMs: [20, 40], settleAfterTimeoutMs: 50, movingMs: 50, settledMs: 50 } },
    start: false,
  });
  const warnings: string[] = [];
  reportSkippedItems(world.client, world.desk, (line) => warnings.push(line));
  cleanup.push(() => world.close());
  return { ...world, warnings };
}

describe.each(['a', 'b'] as const)('shape %s: one odd list item', (shape) => {
  it('is skipped and reported; sites sync, readiness stays ready and a checking press goes out', async () => {
    const { sim, desk, warnings } = await deskAgainst(shape);
    await desk.start();
    const started = desk.getState();
    expect(started.allSites.map((s) => s.id)).toEqual(['site_9944']);
    expect(started.readiness.level).toBe('ready');

    // The raise is handled but its answer lost: the dispatcher must read the active list (which
    // holds the odd callout) to find the press's callout instead of raising blindly.
    sim.faults.set([{ kind: 'reset', route: 'raiseCallout', times: 1, afterHandling: true }]);
    const press = desk.trigger('site_9944', 'button');
    const sent = await until(desk, (s) => s.presses.find((p) => p.id === press.id)?.status === 'sent');
    const callouts = sim.state.allCallouts().filter((c) => c.externalReferenceId === 'site_9944');
    expect(callouts).toHaveLength(1);
    expect(sent.presses.find((p) => p.id === press.id)?.calloutId).toBe(String(callouts[0]?.id));
    expect(sim.requests.filter((r) => r.op === 'listActiveCallouts' && r.status === 200).length).toBeGreaterThan(0);
    expect(desk.getState().readiness.level).toBe('ready');

    const audit = await desk.handlers['audit.list']({ text: 'cannot read', limit: 50 });
    const texts = audit.entries.map((e) => e.text);
    expect(texts.filter((t) => t.includes('GET /predefinedLocations'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('GET /callouts/activeCallouts'))).toHaveLength(1);
    expect(texts.join('\n')).toMatch(/status: .*null/);
    expect(warnings.length).toBe(texts.length);
  });
});

describe('the desk host', () => {
  it('sends skipped items to the audit log and the diagnostics log', async () => {
    const sim = await startSimulator({ clientId: 'odd', clientSecret: 'odd-secret', quirks: ['oddListItem'] });
    cleanup.push(() => sim.close());
    const warnings: string[] = [];
    const sink = { info: () => undefined, warn: (line: string) => warnings.push(line), error: () => undefined };
    const dir = mkdtempSync(join(tmpdir(), 'odd-host-'));
    const host = await DeskHost.open({
      store: await openFileStore(dir),
      dataDir: dir,
      vault: memoryVault(),
      log: new DiagnosticsLog(sink),
    });
    cleanup.push(() => host.close());
    const saved = await runCommand(host, 'setup.saveCredentials', {
      environment: 'custom',
      baseUrl: sim.baseUrl,
      clientId: 'odd',
      clientSecret: 'odd-secret',
    });
    expect(saved.ok).toBe(true);
    expect(host.getState().allSites.map((s) => s.id)).toEqual(['site_9944']);
    expect(warnings.filter((w) => w.includes('GET /predefinedLocations') && w.includes('skipped'))).toHaveLength(1);
    const audit = await host.invoke('audit.list', { text: 'cannot read', limit: 10 });
    const texts = audit.entries.map((e) => `${e.kind}: ${e.text}`);
    expect(texts.filter((t) => t.startsWith('failure: ') && t.includes('GET /predefinedLocations'))).toHaveLength(1);
  });
});
