import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeskStore } from '../../../../electron/core/desk/store';
import { memoryStore } from '../../../fakes/store';
import { DEFAULT_SETTINGS } from '../../../../electron/shared/model/settings';

function open(values: Record<string, unknown>) {
  const store = memoryStore(values);
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-store-'));
  const reports: Array<{ level: string; problem: string }> = [];
  const desk = new DeskStore({
    store,
    environment: 'staging',
    dataDir,
    now: () => Date.UTC(2026, 10, 26, 3, 0, 0),
    report: (level, problem) => reports.push({ level, problem }),
  });
  return { desk, store, reports };
}

describe('desk store', () => {
  it('reads sites and callouts under keys of its environment only', () => {
    const site = { id: 's1', name: 'Gate', address: null, auraId: 1 };
    const { desk } = open({ 'sites-staging': [site], 'sites-production': [{ ...site, id: 'other' }] });
    expect(desk.sites.map((s) => s.id)).toEqual(['s1']);
    expect(desk.callouts.all()).toEqual([]);
  });

  it('refuses a stored value that fails its schema: default used, original backed up, operator told', () => {
    const { desk, store, reports } = open({ settings: { holdMs: 'soon' }, 'sites-staging': [{ name: 42 }] });
    expect(desk.settings).toEqual(DEFAULT_SETTINGS);
    expect(desk.sites).toEqual([]);
    expect(store.get('sites-staging')).toEqual([]);
    expect(reports).toHaveLength(2);
    const problem = reports[1]?.problem ?? '';
    expect(reports[1]?.level).toBe('warning');
    expect(problem).toMatch(
      /^Saved "sites-staging" could not be read \(.+\)\. Defaults are in use; the old value is kept at /,
    );
    const backup = problem.slice(problem.indexOf('kept at ') + 'kept at '.length, -1);
    expect(existsSync(backup)).toBe(true);
    expect(JSON.parse(readFileSync(backup, 'utf8'))).toEqual([{ name: 42 }]);
  });
});
