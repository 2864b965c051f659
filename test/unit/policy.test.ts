// The managed policy: the OS readers' parsers on sample outputs (reg.exe and plutil cannot run
// here, so the samples follow their documented output format), validation naming the bad key,
// merging, applying to settings, and the core refusing commands that change a locked setting.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergePolicy, applyPolicyToSettings, type Policy } from '../../electron/core/policy';
import { checkAgainstPolicy, PolicyRefusal } from '../../electron/core/policy-guard';
import {
  fromManagedPlistJson,
  parseRegQuery,
  policyFiles,
  readManagedPolicy,
  REGISTRY_KEY,
  type PolicyDeps,
} from '../../electron/main/policy-sources';
import { DEFAULT_SETTINGS } from '../../electron/shared/model/settings';
import type { Connection } from '../../electron/shared/model/connection';

const FIXTURES = join(__dirname, '../fixtures/policy');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function deps(
  platform: NodeJS.Platform,
  files: Record<string, string>,
  commands: Record<string, string> = {},
): PolicyDeps {
  return {
    platform,
    env: { ProgramData: 'C:\\ProgramData', USER: 'desk' },
    readFile: (path) => files[path] ?? null,
    run: async (program, args) => commands[`${program} ${args.join(' ')}`] ?? null,
  };
}

describe('policy sources', () => {
  it('parses reg query output: strings, DWORDs, booleans and REG_MULTI_SZ lists', () => {
    expect(parseRegQuery(fixture('reg-query.txt'))).toEqual({
      environment: 'production',
      clientId: 'acme-desks',
      sites: ['site_9944', 'site_1001'],
      holdMs: 1000,
      startAtLogin: true,
      notifications: false,
      controlRoomPhone: '+27 21 555 0100',
      deskName: '',
      locked: ['sites', 'hotkey', 'environment'],
      hotkey: 'CommandOrControl+Alt+Shift+P',
    });
  });

  it('reads the macOS managed plist without the profile Payload keys', () => {
    expect(fromManagedPlistJson(fixture('plutil.json'))).toEqual({
      environment: 'staging',
      hotkey: 'CommandOrControl+Alt+Shift+K',
      locked: ['hotkey'],
      trainingAllowed: false,
    });
  });

  it('Windows: the JSON file, then the registry (the registry wins; locks add up)', async () => {
    const file = 'C:\\ProgramData\\Panic Desk\\policy.json';
    expect(policyFiles({ platform: 'win32', env: { ProgramData: 'C:\\ProgramData' } })).toEqual([file]);
    const read = await readManagedPolicy(
      deps(
        'win32',
        { [file]: JSON.stringify({ environment: 'staging', holdMs: 0, locked: ['holdMs'] }) },
        { [`reg query ${REGISTRY_KEY}`]: fixture('reg-query.txt') },
      ),
    );
    expect(read).toMatchObject({
      ok: true,
      sources: [file, REGISTRY_KEY],
      policy: { environment: 'production', holdMs: 1000, locked: ['holdMs', 'sites', 'hotkey', 'environment'] },
    });
  });

  it('macOS: the JSON file, then the managed preferences plist', async () => {
    const plist = '/Library/Managed Preferences/com.panicdesk.desk.plist';
    const read = await readManagedPolicy(
      deps(
        'darwin',
        { '/Library/Application Support/Panic Desk/policy.json': '{"holdMs": 500}', [plist]: 'bplist00…' },
        { [`plutil -convert json -o - ${plist}`]: fixture('plutil.json') },
      ),
    );
    expect(read).toMatchObject({ ok: true, policy: { holdMs: 500, environment: 'staging', trainingAllowed: false } });
  });

  it('Linux: /etc/panic-desk/policy.json; none at all is an unmanaged desk', async () => {
    expect(await readManagedPolicy(deps('linux', {}))).toBeNull();
    const read = await readManagedPolicy(deps('linux', { '/etc/panic-desk/policy.json': '{"deskName": "Gate 3"}' }));
    expect(read).toMatchObject({ ok: true, policy: { deskName: 'Gate 3' } });
  });

  it('a policy that fails its schema is rejected as a whole, naming the bad key', async () => {
    const bad = (values: unknown) => mergePolicy([{ name: '/etc/panic-desk/policy.json', values }]);
    expect(bad({ holdMs: 1000, hotkeySit: 'x' })).toMatchObject({ ok: false, badKey: 'hotkeySit' });
    expect(bad({ holdMs: 90_000 })).toMatchObject({ ok: false, badKey: 'holdMs' });
    expect(bad({ locked: ['hotkey', 'colour'] })).toMatchObject({ ok: false, badKey: 'locked.1' });
    expect(bad({ baseUrl: 'http://aura.example.com' })).toMatchObject({ ok: false, badKey: 'baseUrl' });
    const read = bad({ startAtLogin: 'yes' });
    expect(!read.ok && read.problem).toMatch(/policy\.json was ignored: "startAtLogin"/);
    const broken = await readManagedPolicy(deps('linux', { '/etc/panic-desk/policy.json': '{"holdMs": ' }));
    expect(broken).toMatchObject({ ok: false });
  });
});

describe('applying a policy', () => {
  const policy: Policy = { holdMs: 0, hotkey: 'Alt+F9', sites: ['b', 'a'], locked: ['hotkey', 'sites'] };

  it('sets new values, always enforces locked ones, and leaves an operator change to an unlocked one alone', () => {
    const first = applyPolicyToSettings(DEFAULT_SETTINGS, policy, {});
    expect(first).toMatchObject({ holdMs: 0, hotkey: 'Alt+F9', shownSiteIds: ['b', 'a'] });
    const applied = { holdMs: 0, hotkey: 'Alt+F9', shownSiteIds: ['b', 'a'] };
    const operator = { ...first, holdMs: 2000, hotkey: 'Alt+F1', shownSiteIds: ['a'] };
    expect(applyPolicyToSettings(operator, policy, applied)).toMatchObject({
      holdMs: 2000,
      hotkey: 'Alt+F9',
      shownSiteIds: ['b', 'a'],
    });
    expect(applyPolicyToSettings(operator, { ...policy, holdMs: 300 }, applied).holdMs).toBe(300);
  });

  it('sets the stale-press limit the dispatcher reads, and keeps it when locked', () => {
    const stale: Policy = { stalePressMinutes: 3, locked: ['stalePressMinutes'] };
    const first = applyPolicyToSettings(DEFAULT_SETTINGS, stale, {});
    expect(first.stalePressMinutes).toBe(3);
    const operator = { ...first, stalePressMinutes: 30 };
    expect(applyPolicyToSettings(operator, stale, { stalePressMinutes: 3 }).stalePressMinutes).toBe(3);
  });
});

describe('locked settings are refused in core', () => {
  const connection: Connection = {
    environment: 'production',
    baseUrl: 'https://panic.aura.services/panic-api/v2',
    clientId: 'acme-desks',
    hasSecret: true,
  };
  const policy: Policy = {
    environment: 'production',
    clientId: 'acme-desks',
    hotkey: 'Alt+F9',
    trainingAllowed: false,
    locked: ['hotkey', 'sites', 'environment', 'clientId'],
  };
  const current = { settings: { ...DEFAULT_SETTINGS, hotkey: 'Alt+F9', shownSiteIds: ['a'] }, connection };
  const check = (name: Parameters<typeof checkAgainstPolicy>[1], input: unknown) => () =>
    checkAgainstPolicy(policy, name, input, current);

  it('refuses a change to a locked setting and lets unlocked ones and unchanged values through', () => {
    expect(check('settings.update', { hotkey: 'Alt+F1' })).toThrow(PolicyRefusal);
    expect(check('settings.update', { hotkey: 'Alt+F1' })).toThrow(/Set by your organisation: "hotkey"/);
    expect(check('settings.update', { hotkey: 'Alt+F9', holdMs: 0 })).not.toThrow();
    expect(check('sites.choose', { shownSiteIds: ['a', 'b'] })).toThrow(PolicyRefusal);
    expect(check('sites.choose', { shownSiteIds: ['a'] })).not.toThrow();
    expect(check('sites.delete', { siteId: 'a' })).toThrow(PolicyRefusal);
  });

  it('refuses another environment or client, and Training when the policy turns it off', () => {
    const save = { environment: 'production', baseUrl: null, clientId: 'acme-desks', clientSecret: 's' };
    expect(check('setup.saveCredentials', save)).not.toThrow();
    expect(check('setup.saveCredentials', { ...save, clientId: 'other' })).toThrow(/"clientId"/);
    expect(check('setup.saveCredentials', { ...save, environment: 'staging' })).toThrow(/"environment"/);
    expect(check('setup.saveCredentials', { ...save, environment: 'training' })).toThrow(/Training is turned off/);
    expect(check('training.autoplay', { on: true })).toThrow(/Training is turned off/);
  });
});
