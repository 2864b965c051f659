// Corrupt and hand-edited files: the outbox, the settings file and a single settings value.
// Nothing is silently dropped: files are moved aside, what can be recovered is, and the
// operator is told where the original went.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Outbox } from '../../../../electron/core/dispatch/outbox';
import { memoryStore } from '../../../fakes/store';
import { readValidated, setAsideUnreadableJson } from '../../../../electron/core/storage/validated';
import { PressSchema, type Press } from '../../../../electron/shared/model/press';
import { DEFAULT_SETTINGS, SettingsSchema } from '../../../../electron/shared/model/settings';

const NOW = Date.UTC(2026, 10, 26, 3, 0, 0);
const press = (id: string, status: Press['status'] = 'notSent'): Press =>
  PressSchema.parse({
    id,
    siteId: 'site_9944',
    source: 'button',
    pressedAt: NOW - 1000,
    status,
    attempts: 1,
    lastError: null,
    calloutId: null,
    dismissed: false,
  });

describe('outbox file', () => {
  it('keeps presses across a reopen', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'outbox.json');
    const first = Outbox.open(path, NOW).outbox;
    first.add(press('a'));
    first.update('a', { status: 'sending', attempts: 2 });
    const again = Outbox.open(path, NOW);
    expect(again.problem).toBeNull();
    expect(again.outbox.pending()).toEqual([{ ...press('a'), status: 'sending', attempts: 2 }]);
  });

  it('recovers the presses of a truncated file and keeps the original', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    const path = join(dir, 'outbox.json');
    const text = JSON.stringify([press('a'), press('b'), press('c')], null, 1);
    writeFileSync(path, text.slice(0, text.lastIndexOf('"calloutId"'))); // torn inside the third press
    const { outbox, problem } = Outbox.open(path, NOW);
    expect(outbox.pending().map((p) => p.id)).toEqual(['a', 'b']);
    expect(problem).toContain('2 press(es) were recovered');
    const backup = readdirSync(dir).find((f) => f.startsWith('outbox.json.unreadable-'));
    expect(backup).toBeDefined();
    expect(problem).toContain(backup);
    expect(readFileSync(join(dir, backup ?? ''), 'utf8')).toContain('"id": "c"'); // nothing thrown away
    expect(Outbox.open(path, NOW).problem).toBeNull(); // the recovered file is whole again
  });

  it('keeps the readable presses of a hand-edited file and counts the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-'));
    const path = join(dir, 'outbox.json');
    writeFileSync(path, JSON.stringify([press('a'), { ...press('b'), status: 'maybe' }]));
    const { outbox, problem } = Outbox.open(path, NOW);
    expect(outbox.pending().map((p) => p.id)).toEqual(['a']);
    expect(problem).toContain('1 could not be read');
  });

  it('forgets sent presses after 30 days but never an unsent one', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'outbox-')), 'outbox.json');
    const old = NOW - 31 * 24 * 3600 * 1000;
    writeFileSync(
      path,
      JSON.stringify([
        { ...press('sent', 'sent'), pressedAt: old },
        { ...press('unsent'), pressedAt: old },
      ]),
    );
    expect(
      Outbox.open(path, NOW)
        .outbox.all()
        .map((p) => p.id),
    ).toEqual(['unsent']);
  });
});

describe('settings file', () => {
  it('moves an unreadable settings file aside and says where', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const path = join(dir, 'panic-desk.json');
    writeFileSync(path, '{"settings": {"holdMs": 1500,');
    const problem = setAsideUnreadableJson(path, NOW);
    expect(existsSync(path)).toBe(false);
    const backup = readdirSync(dir).find((f) => f.startsWith('panic-desk.json.unreadable-'));
    expect(problem).toContain(backup);
    expect(readFileSync(join(dir, backup ?? ''), 'utf8')).toBe('{"settings": {"holdMs": 1500,');
  });

  it('leaves a readable settings file alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const path = join(dir, 'panic-desk.json');
    writeFileSync(path, '{"settings": {}}');
    expect(setAsideUnreadableJson(path, NOW)).toBeNull();
    expect(existsSync(path)).toBe(true);
  });

  it('replaces a hand-edited value by defaults, keeps it in a backup and reports it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settings-'));
    const store = memoryStore({ settings: { ...DEFAULT_SETTINGS, holdMs: 99_999 } });
    const problems: string[] = [];
    const value = readValidated(store, 'settings', SettingsSchema, DEFAULT_SETTINGS, dir, NOW, (p) => problems.push(p));
    expect(value).toEqual(DEFAULT_SETTINGS);
    expect(store.get('settings')).toEqual(DEFAULT_SETTINGS);
    expect(problems[0]).toContain('holdMs');
    const [backup] = readdirSync(dir);
    expect(JSON.parse(readFileSync(join(dir, backup ?? ''), 'utf8')).holdMs).toBe(99_999);
  });
});
