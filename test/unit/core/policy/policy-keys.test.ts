// One declaration per policy key (issue 25 item 5): a key added to the table reaches the schema,
// the lock names, the settings mapping, the registry reader, the admin templates, docs/policy.md's
// key table and the screen's lock names; the compiler refuses a key declared by halves; and the
// real table derives exactly the lists that were written by hand before it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LOCK_OF_SETTING, LOCKABLE, PolicySchema } from '../../../../electron/core/policy/policy';
import {
  lockableKeys,
  onOffKeys,
  policyKey,
  schemaOf,
  settingOfKey,
  withLocked,
} from '../../../../electron/core/policy/policy-key';
import { ALL_POLICY_KEYS, POLICY_KEYS } from '../../../../electron/core/policy/policy-keys';
import { LOCK_NAMES } from '../../../../electron/shared/model/lock-names';
import { DOCS, LOCK_NAMES as LOCK_NAMES_FILE, policyFiles } from '../../../../scripts/policy-templates/docs';

const ROOT = join(__dirname, '../../../..');

/** The table with one key more, added the documented way: one entry. */
const GROWN = withLocked(
  {
    ...POLICY_KEYS,
    compactFrom: policyKey({
      schema: z.number().int().min(2).max(1000),
      title: 'Compact layout from',
      description: 'From this many sites shown, the desk lays its cards out compact (2 to 1000).',
      example: 12,
      registry: 'number',
      lockable: true,
      setting: 'compactFrom',
    }),
  },
  ['environment', 'clientId', 'compactFrom'],
);

describe('a key added to the table', () => {
  it('is in the schema, lockable, and sets its desk setting', () => {
    const schema = schemaOf(GROWN);
    expect(Object.keys(schema.shape)).toContain('compactFrom');
    expect(schema.safeParse({ compactFrom: 12, locked: ['compactFrom'] }).success).toBe(true);
    expect(schema.safeParse({ compactFrom: 1 }).success).toBe(false);
    expect(lockableKeys(GROWN)).toContain('compactFrom');
    expect(settingOfKey(GROWN)).toContainEqual(['compactFrom', 'compactFrom']);
    // The real schema refuses it: it is not in the real table.
    expect(PolicySchema.safeParse({ compactFrom: 12 }).success).toBe(false);
  });

  it('is in docs/policy.md’s key table, the templates and the screen’s lock names', async () => {
    const files = await policyFiles(ROOT, GROWN);
    expect(files[DOCS]).toMatch(/^\| `compactFrom` +\| 2 – 1000 +\| REG_DWORD +\| yes +\| From this many sites/m);
    expect(files[DOCS]).toMatch(/^\| `locked` .*quickMessages, compactFrom\. +\|$/m);
    expect(files['resources/policy/windows/PanicDesk.admx']).toContain(
      '<decimal id="compactFrom" valueName="compactFrom" minValue="2" maxValue="1000" required="true" />',
    );
    expect(files['resources/policy/windows/en-US/PanicDesk.adml']).toContain(
      '<string id="compactFrom">Compact layout from</string>',
    );
    expect(files['resources/policy/macos/com.panicdesk.desk.mobileconfig']).toContain(
      '<key>compactFrom</key>\n      <integer>12</integer>',
    );
    const schema = JSON.parse(files['resources/policy/policy.schema.json'] ?? '{}') as {
      properties: Record<string, { maximum?: number; items?: { enum?: string[] } }>;
    };
    expect(schema.properties.compactFrom?.maximum).toBe(1000);
    expect(schema.properties.locked?.items?.enum).toContain('compactFrom');
    expect(files[LOCK_NAMES_FILE]).toContain("'compactFrom',");
  });

  it('is read as on/off from the registry when its registry type says so', () => {
    const table = { ...POLICY_KEYS, kiosk: policyKey({ ...POLICY_KEYS.startAtLogin, title: 'Kiosk' }) };
    expect(onOffKeys(table)).toContain('kiosk');
    expect(onOffKeys(POLICY_KEYS)).not.toContain('kiosk');
  });
});

describe('the real table', () => {
  it('derives the lists that were written by hand before it', () => {
    expect(LOCKABLE).toEqual([...LOCK_NAMES]);
    expect(LOCKABLE).toEqual([
      ...[
        'environment',
        'baseUrl',
        'clientId',
        'sites',
        'hotkey',
        'hotkeySite',
        'siteHotkeys',
        'holdMs',
        'controlRoomPhone',
      ],
      ...['deskName', 'stalePressMinutes', 'startAtLogin', 'notifications', 'quickMessages'],
    ]);
    expect(LOCK_OF_SETTING).toEqual({
      shownSiteIds: 'sites',
      hotkey: 'hotkey',
      hotkeySiteId: 'hotkeySite',
      siteHotkeys: 'siteHotkeys',
      holdMs: 'holdMs',
      controlRoomPhone: 'controlRoomPhone',
      deskName: 'deskName',
      stalePressMinutes: 'stalePressMinutes',
      startAtLogin: 'startAtLogin',
      notifications: 'notifications',
      quickMessages: 'quickMessages',
    });
    expect(onOffKeys(ALL_POLICY_KEYS)).toEqual([
      'startAtLogin',
      'notifications',
      'trainingAllowed',
      'monitorRevealsDuress',
    ]);
    expect(Object.keys(PolicySchema.shape)).toEqual([...Object.keys(POLICY_KEYS), 'locked']);
  });

  it('sets each desk setting from one key at most', () => {
    const settings = settingOfKey(ALL_POLICY_KEYS).map(([, setting]) => setting);
    expect(settings.length).toBe(new Set(settings).size);
  });

  it('has an example each key’s schema accepts', () => {
    for (const [name, key] of Object.entries(ALL_POLICY_KEYS)) {
      expect(key.schema.safeParse(key.example).success, name).toBe(true);
    }
  });
});
