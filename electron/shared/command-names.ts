// The contract's command and event names and their IPC channels, without a single schema: the
// preload checks every name against these and stays small (no zod, no model). contract.ts keys its
// schemas by these very names and fails to compile when the two lists differ.
export const COMMAND_NAMES = [
  'state.get',
  'panic.trigger',
  'press.dismiss',
  'press.sendNow',
  'press.putAway',
  'callout.reasons',
  'callout.cancel',
  'callout.message',
  'setup.saveCredentials',
  'setup.fullCheck',
  'sites.sync',
  'sites.choose',
  'sites.create',
  'sites.update',
  'sites.delete',
  'settings.update',
  'hotkey.test',
  'button.test',
  'training.advance',
  'training.autoplay',
  'training.fault',
  'history.list',
  'audit.list',
  'audit.exportCsv',
  'diagnostics.export',
  'notice.dismiss',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const EVENT_NAMES = ['state.changed'] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/** True for a contract command's name; anything else (another type, `__proto__`) is false. */
export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && (COMMAND_NAMES as readonly string[]).includes(name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (EVENT_NAMES as readonly string[]).includes(name);
}

/** Channel names on the wire; one per command and one per event, never a generic channel. */
export const commandChannel = (name: CommandName): string => `panicDesk:command:${name}`;
export const eventChannel = (name: EventName): string => `panicDesk:event:${name}`;
