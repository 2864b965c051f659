// Every key of the administrator's policy, declared once (issue 25 item 5): its zod type, its
// words, its registry type, whether `locked` may name it and the desk setting it sets. The schema,
// the lock names, the settings a policy sets, the registry reader, the admin templates and
// docs/policy.md's key table are all derived from this table (core/policy-key.ts says how).
// To add a key: add its entry here, then `npm run policy:templates` (docs/decisions.md).
import { z } from 'zod';
import { EnvironmentSchema } from '../../shared/model/connection';
import { QuickMessagesSchema } from '../../shared/model/settings';
import { customUrlProblem } from '../aura/environments';
import { costProblem, parseCodeHash, sharedSaltProblem } from './cancel-codes';
import { MONITOR_ACTIONS } from './monitor-actions';
import { policyKey, withLocked } from './policy-key';
import { SiteHotkeysPolicySchema } from './site-keys';
import { parseSyslogTarget } from '../siem/transports';

/** A salted scrypt hash as written by `npm run policy:hash` (core/cancel-codes.ts). */
const CodeHash = z
  .string()
  // The shape, for the admin templates' JSON Schema (the refinement below is what the desk checks).
  .regex(/^scrypt\$(?:ln=\d+,r=\d+,p=\d+\$)?[A-Za-z0-9+/=]{16,64}\$[A-Za-z0-9+/=]{40,100}$/, 'not a code hash')
  .refine(
    (text) => {
      const parsed = parseCodeHash(text);
      return parsed !== null && costProblem(parsed) === null;
    },
    { error: 'not a code hash of npm run policy:hash' },
  );

const SAMPLE_HASH = 'scrypt$ln=17,r=8,p=1$813xRLOJ4DApSLCbpDSsYw==$R8FIi7C+bsZZ40UcFjC0wBCZ6WivPOoE1XuyOZcTOuE=';

/** The table, in the order of the templates and the docs; `locked` is added last (withLocked). */
export const POLICY_KEYS = {
  environment: policyKey({
    schema: EnvironmentSchema,
    title: 'AURA environment',
    description: 'The AURA environment this desk raises panics in.',
    example: 'production',
    registry: 'text',
    lockable: true,
  }),
  baseUrl: policyKey({
    schema: z
      .string()
      .max(300)
      .refine((url) => customUrlProblem(url) === null, {
        error: (i) => customUrlProblem(String(i.input)) ?? 'invalid',
      }),
    title: 'AURA base URL',
    description: 'The AURA base URL (https), for the custom environment.',
    example: 'https://aura.example.com/panic-api/v2',
    registry: 'text',
    lockable: true,
  }),
  clientId: policyKey({
    schema: z.string().trim().min(1).max(200),
    title: 'AURA client ID',
    description: 'The AURA client ID. The secret comes by enrolment, never by policy.',
    example: 'acme-desks',
    registry: 'text',
    lockable: true,
  }),
  sites: policyKey({
    schema: z.array(z.string().min(1).max(200)).max(500),
    title: 'Sites shown',
    description: 'The sites this desk shows, in this order: AURA external reference ids, one per line.',
    example: ['site_9944'],
    registry: 'list',
    lockable: true,
    setting: 'shownSiteIds',
  }),
  hotkey: policyKey({
    schema: z.string().max(100),
    title: 'Silent hotkey',
    description:
      'The silent global hotkey, an Electron accelerator such as CommandOrControl+Alt+Shift+P; empty turns it off.',
    example: 'CommandOrControl+Alt+Shift+P',
    registry: 'text',
    lockable: true,
    setting: 'hotkey',
  }),
  hotkeySite: policyKey({
    schema: z.string().min(1).max(200).nullable(),
    title: 'Hotkey site',
    description: 'The external reference id of the site the silent hotkey raises a panic for.',
    example: 'site_9944',
    registry: 'text',
    lockable: true,
    setting: 'hotkeySiteId',
  }),
  siteHotkeys: policyKey({
    schema: SiteHotkeysPolicySchema,
    title: 'Site keys',
    description:
      'Each site’s own silent key (a USB panic button or foot pedal): {"<external reference id>": "<accelerator>"} (JSON text in the registry).',
    example: { site_9944: 'F13', site_9945: 'F14' },
    registry: 'json',
    lockable: true,
    setting: 'siteHotkeys',
  }),
  holdMs: policyKey({
    schema: z.number().int().min(0).max(5000),
    title: 'Hold time (ms)',
    description: 'How long the panic button must be held, in milliseconds (0 to 5000).',
    example: 1500,
    registry: 'number',
    lockable: true,
    setting: 'holdMs',
  }),
  controlRoomPhone: policyKey({
    schema: z.string().max(40),
    title: 'Control-room phone number',
    description: 'The control room’s phone number, shown on every NOT SENT.',
    example: '+27 21 555 0100',
    registry: 'text',
    lockable: true,
    setting: 'controlRoomPhone',
  }),
  deskName: policyKey({
    schema: z.string().max(80),
    title: 'Desk name',
    description: 'The desk’s name in the audit log and in messages to AURA; empty: the computer’s name.',
    example: 'Reception',
    registry: 'text',
    lockable: true,
    setting: 'deskName',
  }),
  stalePressMinutes: policyKey({
    schema: z.number().int().min(1).max(1440),
    title: 'Stale press limit (minutes)',
    description: 'Past this, an unsent press asks the operator before it is sent late (1 to 1440).',
    example: 10,
    registry: 'number',
    lockable: true,
    setting: 'stalePressMinutes',
  }),
  startAtLogin: policyKey({
    schema: z.boolean(),
    title: 'Start at login',
    description: 'Start Panic Desk when the user logs in.',
    example: true,
    registry: 'onOff',
    lockable: true,
    setting: 'startAtLogin',
  }),
  notifications: policyKey({
    schema: z.boolean(),
    title: 'Notifications',
    description: 'System notifications when a callout moves.',
    example: true,
    registry: 'onOff',
    lockable: true,
    setting: 'notifications',
  }),
  quickMessages: policyKey({
    schema: QuickMessagesSchema,
    title: 'Quick messages',
    description:
      'The callout’s one-tap messages to the control room, in order, one per line (none: no quick messages).',
    example: ['Weapon seen', 'Medical help needed', 'I am safe now', 'Suspect has left'],
    registry: 'list',
    lockable: true,
    setting: 'quickMessages',
  }),
  trainingAllowed: policyKey({
    schema: z.boolean(),
    title: 'Training allowed',
    description: 'Off: Training cannot be entered, and an unenrolled desk waits instead of practising.',
    example: false,
    registry: 'onOff',
    lockable: false,
  }),
  /** Cancel codes: off unless set. Cancelling then asks for a code; a duress code only seems to cancel. */
  cancelCodes: policyKey({
    schema: z
      .object({
        cancel: z.array(CodeHash).min(1).max(20),
        duress: z.array(CodeHash).max(20).default([]),
      })
      .strict()
      .refine((codes) => sharedSaltProblem([...codes.cancel, ...codes.duress]) === null, {
        error: (issue) => {
          const codes = issue.input as { cancel: string[]; duress: string[] };
          return sharedSaltProblem([...codes.cancel, ...codes.duress]) ?? 'invalid';
        },
      }),
    title: 'Cancel and duress codes',
    description:
      'Cancelling a callout asks for a code: {"cancel": [hash…], "duress": [hash…]}, hashes made by npm run policy:hash (JSON text in the registry).',
    example: { cancel: [SAMPLE_HASH], duress: [] },
    registry: 'json',
    lockable: false,
  }),
  /** Audit events to the SIEM (core/siem/forwarder.ts): RFC 5424 syslog, and the Windows Event Log. */
  auditForward: policyKey({
    schema: z
      .object({
        syslog: z
          .string()
          .max(300)
          .refine((text) => parseSyslogTarget(text) !== null, {
            error: 'is not a syslog address (udp://host:514, tcp://host:port or tls://host:port)',
          })
          .optional(),
        eventLog: z.boolean().optional(),
      })
      .strict(),
    title: 'Audit events to the SIEM',
    description:
      'Every audit event as RFC 5424 syslog: {"syslog": "udp://host:514" | "tcp://host:port" | "tls://host:port", "eventLog": true} (JSON text in the registry).',
    example: { syslog: 'tls://siem.example.com:6514', eventLog: false },
    registry: 'json',
    lockable: false,
  }),
  /** Issue 24: a supervisor's or wallboard's desk (core/monitor/). */
  role: policyKey({
    schema: z.enum(['desk', 'monitor']),
    title: 'Desk role',
    description:
      'desk: an ordinary desk with PANIC buttons. monitor: a supervisor’s or wallboard’s desk that shows every callout of every site of the AURA client, with no PANIC button and no hotkey; it never raises.',
    example: 'monitor',
    registry: 'text',
    lockable: false,
  }),
  monitorActions: policyKey({
    schema: z.array(z.enum(MONITOR_ACTIONS)).max(MONITOR_ACTIONS.length * 2),
    title: 'Monitor actions',
    description: 'What a monitor may do to a callout, one per line: cancel, message. None (the default): read-only.',
    example: ['message'],
    registry: 'list',
    lockable: false,
  }),
  monitorRevealsDuress: policyKey({
    schema: z.boolean(),
    title: 'Monitor reveals duress',
    description:
      'On: a monitor shows a callout cancelled with a duress code as AURA still has it, with the DURESS event. Off (the default): exactly as a genuinely cancelled one. Only for a control room out of sight of the desks.',
    example: false,
    registry: 'onOff',
    lockable: false,
  }),
  colleagueAlerts: policyKey({
    schema: z.enum(['off', 'silent', 'sound']),
    title: 'Colleague alerts',
    description:
      'A system notification and tray state when a callout is raised elsewhere (another desk, AURA’s console) on a site this desk shows: off (the default), silent, or sound. It can reveal a silent press made at the next desk.',
    example: 'silent',
    registry: 'text',
    lockable: false,
  }),
};

/** Every key of the policy, `locked` last. */
export const ALL_POLICY_KEYS = withLocked(POLICY_KEYS, ['environment', 'clientId']);
