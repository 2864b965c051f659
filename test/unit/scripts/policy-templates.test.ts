// The admin templates (resources/policy/), docs/policy.md's key table and the screen's lock names:
// committed exactly as `npm run policy:templates` makes them from the policy's table (so a new
// policy key fails here until the script is run again), well-formed XML and plist, consistent with
// each other, and the sample profile a policy the desk accepts, with every key.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergePolicy, PolicySchema } from '../../../electron/core/policy/policy';
import { policyFiles } from '../../../scripts/policy-templates/docs';
import { REGISTRY_KEY } from '../../../scripts/policy-templates/generate';
import { findAll, parsePlist, parseXml } from '../../support/xml';

const ROOT = join(__dirname, '../../..');
const generated = await policyFiles(ROOT);
const committed = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const KEYS = Object.keys(PolicySchema.shape);

describe('admin templates', () => {
  it.each(Object.keys(generated))('%s is committed as generated (else: npm run policy:templates)', (path) => {
    expect(committed(path)).toBe(generated[path]);
  });

  it('the ADMX and ADML are well-formed and name each other’s strings and presentations', () => {
    const admx = parseXml(committed('resources/policy/windows/PanicDesk.admx'));
    const adml = parseXml(committed('resources/policy/windows/en-US/PanicDesk.adml'));
    expect(admx.name).toBe('policyDefinitions');
    expect(adml.name).toBe('policyDefinitionResources');
    const policies = findAll(admx, 'policy');
    expect(policies.map((p) => p.attrs.name)).toEqual(KEYS);
    for (const p of policies) {
      expect(p.attrs.class).toBe('Machine');
      expect(p.attrs.key).toBe(REGISTRY_KEY);
    }
    const strings = new Set(findAll(adml, 'string').map((s) => s.attrs.id));
    const presentations = new Map(findAll(adml, 'presentation').map((p) => [p.attrs.id, p]));
    const refs = [
      ...committed('resources/policy/windows/PanicDesk.admx').matchAll(/\$\((string|presentation)\.([^)]+)\)/g),
    ];
    for (const [, table, id] of refs) {
      if (table === 'string') expect(strings.has(id), `string ${id}`).toBe(true);
      else expect(presentations.has(id), `presentation ${id}`).toBe(true);
    }
    // Every element is shown by a control of its presentation (refId = element id).
    for (const p of policies) {
      const elements = findAll(p, 'elements')[0]?.children ?? [];
      const shown = presentations.get(p.attrs.name ?? '');
      for (const e of elements) expect(shown?.children.map((c) => c.attrs.refId)).toContain(e.attrs.id);
    }
  });

  it('each key gets the element its type needs', () => {
    const admx = parseXml(committed('resources/policy/windows/PanicDesk.admx'));
    const elementOf = (key: string) => {
      const p = findAll(admx, 'policy').find((x) => x.attrs.name === key);
      return (
        findAll(p ?? admx, 'elements')[0]?.children[0]?.name ??
        (p?.children.some((c) => c.name === 'enabledValue') ? 'boolean' : 'none')
      );
    };
    expect(elementOf('environment')).toBe('enum');
    expect(elementOf('clientId')).toBe('text');
    expect(elementOf('holdMs')).toBe('decimal');
    expect(elementOf('startAtLogin')).toBe('boolean');
    expect(elementOf('sites')).toBe('multiText');
    expect(elementOf('locked')).toBe('multiText');
    expect(elementOf('cancelCodes')).toBe('text');
  });

  it('the macOS sample profile is a plist whose payload the desk accepts, with every key', () => {
    const profile = parsePlist(committed('resources/policy/macos/com.panicdesk.desk.mobileconfig')) as {
      PayloadType: string;
      PayloadContent: Array<Record<string, unknown>>;
    };
    expect(profile.PayloadType).toBe('Configuration');
    const payload = profile.PayloadContent[0] ?? {};
    expect(payload.PayloadType).toBe('com.panicdesk.desk');
    // The desk ignores the profile's own Payload… keys (main/policy-sources.ts).
    const values = Object.fromEntries(Object.entries(payload).filter(([k]) => !k.startsWith('Payload')));
    expect(Object.keys(values)).toEqual(KEYS);
    expect(mergePolicy([{ name: 'sample profile', values }])).toMatchObject({ ok: true });
  });

  it('the JSON Schema lists every key', () => {
    const schema = JSON.parse(committed('resources/policy/policy.schema.json')) as {
      properties: Record<string, unknown>;
      additionalProperties: boolean;
    };
    expect(Object.keys(schema.properties)).toEqual(KEYS);
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('the XML reader refuses what is malformed', () => {
  it.each([
    ['<a><b></a></b>', /closes/],
    ['<a x="1" x="2"/>', /duplicate attribute/],
    ['<a>fish & chips</a>', /entity/],
    ['<a x=1/>', /malformed attributes/],
    ['<a/><b/>', /second root/],
    ['<a>', /never closed/],
  ])('%s', (xml, problem) => {
    expect(() => parseXml(xml)).toThrow(problem);
  });
});
