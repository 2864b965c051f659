// The managed policy: the OS readers' parsers on sample outputs (reg.exe and plutil cannot run
// here, so the samples follow their documented output format), validation naming the bad key,
// merging, applying to settings, and the core refusing commands that change a locked setting.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergePolicy, applyPolicyToSettings, type Policy } from '../../../../electron/core/policy/policy';
import { checkAgainstPolicy, PolicyRefusal } from '../../../../electron/core/policy/policy-guard';
import {
  fromManagedPlistJson,
  managedPlists,
  policyFiles,
  readManagedPolicy,
  REGISTRY_KEY,
  safeUserName,
  systemPolicyDeps,
  type PolicyDeps,
} from '../../../../electron/main/policy-sources';
import { policyFromRegistry, type RegistryValue } from '../../../../electron/main/registry-values';
import { nativeRegistry, type RegistryPort } from '../../../../electron/main/windows-registry';
import { DEFAULT_SETTINGS } from '../../../../electron/shared/model/settings';
import type { Connection } from '../../../../electron/shared/model/connection';

const FIXTURES = join(__dirname, '../../../fixtures/policy');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

/** What native-reg hands back for HKLM\SOFTWARE\Policies\Panic Desk (UTF-16 from the API: no code page). */
const REGISTRY: Record<string, RegistryValue> = {
  environment: { type: 'string', value: 'production' },
  clientId: { type: 'string', value: 'acme-desks' },
  sites: { type: 'list', value: ['site_9944', 'site_1001'] },
  holdMs: { type: 'number', value: 1000 },
  startAtLogin: { type: 'number', value: 1 },
  notifications: { type: 'string', value: 'false' },
  deskName: { type: 'string', value: 'Réception — 東京' },
  locked: { type: 'list', value: ['sites', 'hotkey', 'environment'] },
  hotkey: { type: 'string', value: 'CommandOrControl+Alt+Shift+P' },
};

const registryOf = (values: Record<string, RegistryValue> | null | Error): RegistryPort => ({
  readLocalMachineKey: async (subKey) => {
    if (values instanceof Error) throw values;
    return subKey === 'SOFTWARE\\Policies\\Panic Desk' ? values : null;
  },
});

function deps(
  platform: NodeJS.Platform,
  files: Record<string, string>,
  more: Partial<PolicyDeps> & { commands?: Record<string, string> } = {},
): PolicyDeps {
  const { commands = {}, ...rest } = more;
  return {
    platform,
    override: null,
    programData: 'C:\\ProgramData',
    user: 'desk',
    readFile: (path) => files[path] ?? null,
    trust: async () => null,
    registry: platform === 'win32' ? registryOf(null) : null,
    // reg.exe is gone; a leftover call finds nothing, as a blocked reg.exe did.
    run: async (program, args) => commands[`${program} ${args.join(' ')}`] ?? null,
    ...rest,
  };
}

describe('policy sources', () => {
  it("reads registry values as the policy's types, Unicode intact", () => {
    expect(policyFromRegistry(REGISTRY)).toEqual({
      environment: 'production',
      clientId: 'acme-desks',
      sites: ['site_9944', 'site_1001'],
      holdMs: 1000,
      startAtLogin: true,
      notifications: false,
      deskName: 'Réception — 東京',
      locked: ['sites', 'hotkey', 'environment'],
      hotkey: 'CommandOrControl+Alt+Shift+P',
    });
    expect(policyFromRegistry({ cancelCodes: { type: 'string', value: '{"cancel": ["x"]}' } })).toEqual({
      cancelCodes: { cancel: ['x'] },
    });
    expect(policyFromRegistry({ holdMs: { type: 'other', value: 'registry type 3' } })).toEqual({
      holdMs: 'registry type 3',
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
    expect(policyFiles({ platform: 'win32', override: null, programData: 'C:\\ProgramData' })).toEqual([file]);
    const read = await readManagedPolicy(
      deps(
        'win32',
        { [file]: JSON.stringify({ environment: 'staging', holdMs: 0, locked: ['holdMs'] }) },
        { registry: registryOf(REGISTRY) },
      ),
    );
    expect(read).toMatchObject({
      ok: true,
      sources: [file, REGISTRY_KEY],
      policy: {
        environment: 'production',
        holdMs: 1000,
        deskName: 'Réception — 東京',
        locked: ['holdMs', 'sites', 'hotkey', 'environment'],
      },
    });
  });

  it('macOS: the JSON file, then the managed preferences plist, by /usr/bin/plutil', async () => {
    const plist = '/Library/Managed Preferences/com.panicdesk.desk.plist';
    const read = await readManagedPolicy(
      deps(
        'darwin',
        { '/Library/Application Support/Panic Desk/policy.json': '{"holdMs": 500}', [plist]: 'bplist00…' },
        { commands: { [`/usr/bin/plutil -convert json -o - ${plist}`]: fixture('plutil.json') } },
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

  it('a policy file with a UTF-8 byte-order mark (PowerShell 5.1) is the same JSON (issue 22 item 2)', async () => {
    const file = 'C:\\ProgramData\\Panic Desk\\policy.json';
    const read = await readManagedPolicy(
      deps('win32', { [file]: '\uFEFF{"deskName": "Réception", "locked": ["deskName"]}' }),
    );
    expect(read).toMatchObject({ ok: true, policy: { deskName: 'Réception', locked: ['deskName'] } });
  });
});

describe('native-reg behind the registry port (issue 22 item 2)', () => {
  // native-reg loads on Linux but its native calls assert Windows: the key calls are faked, its
  // own pure decoders (UTF-16 strings and lists) are used as they are.
  const real = createRequire(__filename)('native-reg') as typeof import('native-reg');
  const raw = (type: number, data: Buffer) => Object.assign(data, { type });
  const values: Record<string, ReturnType<typeof raw>> = {
    deskName: raw(real.ValueType.SZ, real.formatString('Réception — 東京')),
    holdMs: raw(real.ValueType.DWORD, real.formatDWORD(1000)),
    sites: raw(real.ValueType.MULTI_SZ, real.formatMultiString(['site_9944', 'Ü-1'])),
    blob: raw(real.ValueType.BINARY, Buffer.from([1, 2])),
  };
  const opened: Array<{ subKey: string; access: number }> = [];
  const fake = {
    ...real,
    openKey: (_hkey: number, subKey: string, access: number) => {
      opened.push({ subKey, access });
      return subKey === 'SOFTWARE\\Policies\\Panic Desk' ? (1 as unknown as ReturnType<typeof real.openKey>) : null;
    },
    enumValueNames: () => Object.keys(values),
    queryValueRaw: (_key: unknown, name: string | null) => values[name ?? ''] ?? null,
    closeKey: () => undefined,
  } as typeof real;

  it('reads HKLM only, Unicode intact, and is loaded only when first read', async () => {
    let loads = 0;
    const port = nativeRegistry(() => {
      loads += 1;
      return fake;
    });
    expect(loads).toBe(0);
    expect(await port.readLocalMachineKey('SOFTWARE\\Policies\\Panic Desk')).toEqual({
      deskName: { type: 'string', value: 'Réception — 東京' },
      holdMs: { type: 'number', value: 1000 },
      sites: { type: 'list', value: ['site_9944', 'Ü-1'] },
      blob: { type: 'other', value: 'registry type 3' },
    });
    expect(await port.readLocalMachineKey('SOFTWARE\\Other')).toBeNull();
    expect(loads).toBe(1);
    expect(opened.every((o) => (o.access & real.Access.WOW64_64KEY) !== 0)).toBe(true);
  });
});

describe('who may set policy (issue 21 findings 1 to 3)', () => {
  const file = 'C:\\ProgramData\\Panic Desk\\policy.json';
  const planted = JSON.stringify({ sites: [], hotkey: '', locked: ['sites', 'hotkey', 'controlRoomPhone'] });

  it('ignores a policy file other users can change, with a warning naming it and what to fix', async () => {
    const trust = async (path: string) =>
      path === file ? `${path} is owned by S-1-5-21-1-2-3-1001, not SYSTEM or Administrators` : null;
    const read = await readManagedPolicy(deps('win32', { [file]: planted }, { trust }));
    expect(read).toMatchObject({ ok: false });
    expect(!read?.ok && read?.problem).toMatch(
      /policy\.json was ignored: .*not SYSTEM or Administrators.*Only administrators/,
    );
    const plist = '/Library/Managed Preferences/desk/com.panicdesk.desk.plist';
    const mac = await readManagedPolicy(
      deps('darwin', { [plist]: 'bplist00…' }, { trust: async (p) => (p === plist ? 'owned by user 501' : null) }),
    );
    expect(mac).toMatchObject({ ok: false });
  });

  it('a packaged app takes nothing from the environment: not PANIC_DESK_POLICY, ProgramData, USER', async () => {
    const env = { PANIC_DESK_POLICY: '/tmp/missing.json', ProgramData: 'D:\\Users\\op\\x', USER: '../../tmp/x' };
    const win = await systemPolicyDeps({ packaged: true, env, platform: 'win32' });
    expect(policyFiles(win)).toEqual(['C:\\ProgramData\\Panic Desk\\policy.json']);
    const linux = await systemPolicyDeps({ packaged: true, env, platform: 'linux' });
    expect(policyFiles(linux)).toEqual(['/etc/panic-desk/policy.json']);
    // Unpacked runs and the web harness keep the variable the checks rely on.
    const dev = await systemPolicyDeps({ packaged: false, env, platform: 'linux' });
    expect(policyFiles(dev)).toEqual(['/tmp/missing.json']);
    // The macOS user comes from os.userInfo(); a name that could leave the folder is refused.
    expect(managedPlists({ platform: 'darwin', override: null, user: '../../tmp/x' })).toEqual([
      '/Library/Managed Preferences/com.panicdesk.desk.plist',
    ]);
    for (const bad of ['..', '.', 'a/b', '', null]) expect(safeUserName(bad)).toBeNull();
    expect(safeUserName('reception')).toBe('reception');
  });

  it('a registry that cannot be read keeps the last good policy with a warning; a missing key is unmanaged', async () => {
    const blocked = await readManagedPolicy(
      deps('win32', {}, { registry: registryOf(new Error('Access is denied.')) }),
    );
    expect(blocked).toMatchObject({ ok: false });
    expect(!blocked?.ok && blocked?.problem).toMatch(
      /HKLM\\SOFTWARE\\Policies\\Panic Desk could not be read \(Access is denied\.\)/,
    );
    expect(await readManagedPolicy(deps('win32', {}, { registry: registryOf(null) }))).toBeNull();
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
