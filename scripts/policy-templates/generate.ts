// The admin templates, generated from the policy's one table, electron/core/policy/policy-keys.ts: each
// key's zod type (types, ranges, enums, through zod's JSON Schema), words (title, description,
// example) and registry type. `npm run policy:templates` writes them, with docs/policy.md's key
// table and shared/model/lock-names.ts (docs.ts); test/unit/scripts/policy-templates.test.ts fails when a
// committed file differs from what this makes. Every function takes the table (the real one by
// default) so that a test can show a new key reaching every output.
//  - resources/policy/windows/PanicDesk.admx and en-US/PanicDesk.adml: Group Policy / Intune,
//    one Machine policy per key under HKLM\SOFTWARE\Policies\Panic Desk, in the types the
//    registry reader takes (REG_SZ text, REG_DWORD numbers and 0/1, REG_MULTI_SZ lists, JSON text);
//  - resources/policy/macos/com.panicdesk.desk.mobileconfig: a sample profile, every key;
//  - resources/policy/policy.schema.json: the JSON Schema (Jamf's custom schema takes it).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { schemaOf, type PolicyKeyTable, type RegistryType } from '../../electron/core/policy/policy-key';
import { ALL_POLICY_KEYS } from '../../electron/core/policy/policy-keys';

export interface JsonSchema {
  type?: string;
  title?: string;
  description?: string;
  examples?: unknown[];
  enum?: string[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
}

type Kind = 'enum' | 'text' | 'decimal' | 'boolean' | 'list' | 'json';
export interface Key {
  name: string;
  registry: RegistryType;
  lockable: boolean;
  kind: Kind;
  title: string;
  description: string;
  example: unknown;
  schema: JsonSchema;
}

export const REGISTRY_KEY = 'SOFTWARE\\Policies\\Panic Desk';
export const PREFERENCE_DOMAIN = 'com.panicdesk.desk';

export function policyJsonSchema(table: PolicyKeyTable = ALL_POLICY_KEYS): Record<string, unknown> {
  const schema = z.toJSONSchema(schemaOf(table), { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: `Panic Desk (${PREFERENCE_DOMAIN})`,
    description: 'The managed policy of Panic Desk (docs/policy.md).',
    ...schema,
  };
}

/** The ADMX element of a registry type (a text with a fixed set of values is a drop-down). */
const KIND: Record<RegistryType, Kind> = {
  text: 'text',
  number: 'decimal',
  onOff: 'boolean',
  list: 'list',
  json: 'json',
};

export function keys(table: PolicyKeyTable = ALL_POLICY_KEYS): Key[] {
  const properties = (policyJsonSchema(table).properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(table).map(([name, key]) => {
    const schema = properties[name] ?? {};
    if (!schema.title || !schema.description || !schema.examples?.length) {
      throw new Error(
        `policy key "${name}" has no title, description or example in electron/core/policy/policy-keys.ts`,
      );
    }
    return {
      name,
      registry: key.registry,
      lockable: key.lockable,
      kind: key.registry === 'text' && schema.enum ? 'enum' : KIND[key.registry],
      title: schema.title,
      description: schema.description,
      example: schema.examples[0],
      schema,
    };
  });
}

const esc = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const HEADER = '<?xml version="1.0" encoding="utf-8"?>';
const NS =
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"';

function admxElement(key: Key): string[] {
  const id = key.name;
  switch (key.kind) {
    case 'boolean':
      return [];
    case 'decimal':
      return [
        `<decimal id="${id}" valueName="${id}" minValue="${key.schema.minimum ?? 0}" maxValue="${key.schema.maximum ?? 4294967295}" required="true" />`,
      ];
    case 'enum':
      return [
        `<enum id="${id}" valueName="${id}" required="true">`,
        ...(key.schema.enum ?? []).map(
          (v) => `  <item displayName="$(string.${id}_${v})"><value><string>${esc(v)}</string></value></item>`,
        ),
        '</enum>',
      ];
    case 'list':
      return [`<multiText id="${id}" valueName="${id}" maxStrings="${key.schema.maxItems ?? 1000}" />`];
    default:
      return [
        `<text id="${id}" valueName="${id}" maxLength="${key.kind === 'json' ? 4000 : (key.schema.maxLength ?? key.schema.anyOf?.[0]?.maxLength ?? 1000)}" />`,
      ];
  }
}

function admxPolicy(key: Key): string[] {
  const open = `<policy name="${key.name}" class="Machine" displayName="$(string.${key.name})" explainText="$(string.${key.name}_Explain)"${key.kind === 'boolean' ? ` valueName="${key.name}"` : ` presentation="$(presentation.${key.name})"`} key="${REGISTRY_KEY}">`;
  const body = ['  <parentCategory ref="PanicDesk" />', '  <supportedOn ref="SUPPORTED_PanicDesk" />'];
  if (key.kind === 'boolean') {
    body.push(
      '  <enabledValue><decimal value="1" /></enabledValue>',
      '  <disabledValue><decimal value="0" /></disabledValue>',
    );
  } else body.push('  <elements>', ...admxElement(key).map((l) => `    ${l}`), '  </elements>');
  return [open, ...body, '</policy>'];
}

export function admx(table: PolicyKeyTable = ALL_POLICY_KEYS): string {
  return [
    HEADER,
    `<policyDefinitions ${NS}>`,
    '  <policyNamespaces>',
    '    <target prefix="panicdesk" namespace="PanicDesk.Policies.PanicDesk" />',
    '  </policyNamespaces>',
    '  <resources minRequiredRevision="1.0" />',
    '  <supportedOn>',
    '    <definitions>',
    '      <definition name="SUPPORTED_PanicDesk" displayName="$(string.SUPPORTED_PanicDesk)" />',
    '    </definitions>',
    '  </supportedOn>',
    '  <categories>',
    '    <category name="PanicDesk" displayName="$(string.PanicDesk)" />',
    '  </categories>',
    '  <policies>',
    ...keys(table)
      .flatMap(admxPolicy)
      .map((l) => `    ${l}`),
    '  </policies>',
    '</policyDefinitions>',
    '',
  ].join('\n');
}

const HOW: Record<Kind, string> = {
  enum: 'Pick one value.',
  text: 'Text (REG_SZ).',
  decimal: 'A whole number (REG_DWORD).',
  boolean: 'Enabled: on (1). Disabled: off (0). Not configured: the desk’s own setting.',
  list: 'One value per line (REG_MULTI_SZ).',
  json: 'JSON text (REG_SZ), read as JSON.',
};

function presentation(key: Key): string | null {
  const label = esc(key.title);
  const id = key.name;
  switch (key.kind) {
    case 'boolean':
      return null;
    case 'decimal':
      return `<presentation id="${id}"><decimalTextBox refId="${id}" defaultValue="${Number(key.example)}">${label}</decimalTextBox></presentation>`;
    case 'enum':
      return `<presentation id="${id}"><dropdownList refId="${id}" noSort="true">${label}</dropdownList></presentation>`;
    case 'list':
      return `<presentation id="${id}"><multiTextBox refId="${id}">${label}</multiTextBox></presentation>`;
    default:
      return `<presentation id="${id}"><textBox refId="${id}"><label>${label}</label></textBox></presentation>`;
  }
}

export function adml(table: PolicyKeyTable = ALL_POLICY_KEYS): string {
  const all = keys(table);
  const strings = [
    '<string id="PanicDesk">Panic Desk</string>',
    '<string id="SUPPORTED_PanicDesk">Panic Desk 0.1 and later</string>',
    ...all.flatMap((k) => [
      `<string id="${k.name}">${esc(k.title)}</string>`,
      `<string id="${k.name}_Explain">${esc(`${k.description}\n\n${HOW[k.kind]} Registry value "${k.name}" under HKLM\\${REGISTRY_KEY}. See docs/policy.md.`)}</string>`,
      ...(k.kind === 'enum' ? (k.schema.enum ?? []).map((v) => `<string id="${k.name}_${v}">${esc(v)}</string>`) : []),
    ]),
  ];
  const presentations = all.map(presentation).filter((p): p is string => p !== null);
  return [
    HEADER,
    `<policyDefinitionResources ${NS}>`,
    '  <displayName>Panic Desk</displayName>',
    '  <description>Managed policy of Panic Desk, the reception desk panic app.</description>',
    '  <resources>',
    '    <stringTable>',
    ...strings.map((l) => `      ${l}`),
    '    </stringTable>',
    '    <presentationTable>',
    ...presentations.map((l) => `      ${l}`),
    '    </presentationTable>',
    '  </resources>',
    '</policyDefinitionResources>',
    '',
  ].join('\n');
}

/** A stable UUID from a name (the profile must not change between runs of the generator). */
function uuidOf(name: string): string {
  const h = createHash('sha256').update(name).digest('hex').toUpperCase();
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-A${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function plistValue(value: unknown, indent: string): string[] {
  if (typeof value === 'string') return [`${indent}<string>${esc(value)}</string>`];
  if (typeof value === 'boolean') return [`${indent}<${value} />`];
  if (typeof value === 'number') return [`${indent}<integer>${value}</integer>`];
  if (Array.isArray(value)) {
    if (value.length === 0) return [`${indent}<array />`];
    return [`${indent}<array>`, ...value.flatMap((v) => plistValue(v, `${indent}  `)), `${indent}</array>`];
  }
  if (value && typeof value === 'object') {
    return [
      `${indent}<dict>`,
      ...Object.entries(value).flatMap(([k, v]) => [
        `${indent}  <key>${esc(k)}</key>`,
        ...plistValue(v, `${indent}  `),
      ]),
      `${indent}</dict>`,
    ];
  }
  throw new Error(`no plist form for ${String(value)}`);
}

/** The sample profile: every key with its example value (which the schema accepts). */
export function samplePolicy(table: PolicyKeyTable = ALL_POLICY_KEYS): Record<string, unknown> {
  return Object.fromEntries(keys(table).map((k) => [k.name, k.example]));
}

export function mobileconfig(table: PolicyKeyTable = ALL_POLICY_KEYS): string {
  const payload = {
    PayloadType: PREFERENCE_DOMAIN,
    PayloadIdentifier: `${PREFERENCE_DOMAIN}.policy`,
    PayloadUUID: uuidOf(`${PREFERENCE_DOMAIN}.policy`),
    PayloadVersion: 1,
    PayloadDisplayName: 'Panic Desk policy',
    ...samplePolicy(table),
  };
  const profile = {
    PayloadType: 'Configuration',
    PayloadIdentifier: `${PREFERENCE_DOMAIN}.profile`,
    PayloadUUID: uuidOf(`${PREFERENCE_DOMAIN}.profile`),
    PayloadVersion: 1,
    PayloadDisplayName: 'Panic Desk (sample: edit every value before use)',
    PayloadDescription:
      'Managed preferences for Panic Desk. Generated by npm run policy:templates; see docs/policy.md.',
    PayloadScope: 'System',
    PayloadContent: [payload],
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    ...plistValue(profile, ''),
    '</plist>',
    '',
  ].join('\n');
}

/** Every template, by its path in the repository. */
export function policyTemplates(table: PolicyKeyTable = ALL_POLICY_KEYS): Record<string, string> {
  return {
    'resources/policy/windows/PanicDesk.admx': admx(table),
    'resources/policy/windows/en-US/PanicDesk.adml': adml(table),
    'resources/policy/macos/com.panicdesk.desk.mobileconfig': mobileconfig(table),
    'resources/policy/policy.schema.json': `${JSON.stringify(policyJsonSchema(table), null, 2)}\n`,
  };
}
