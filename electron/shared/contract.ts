// The one contract between the renderer and main: every command's name, its payload schema and
// its reply schema, and every event. Both transports (Electron IPC and the test harness's
// WebSocket) and both ends (main's handlers and the renderer's bridge) are typed from this map.
import { z } from 'zod';
import { DeskStateSchema, PressSchema } from './model';

export const TRAINING_STEPS = ['dispatch', 'arrive', 'complete', 'close'] as const;
export const TrainingStepSchema = z.enum(TRAINING_STEPS);
export type TrainingStep = z.infer<typeof TrainingStepSchema>;

export const commands = {
  'state.get': {
    input: z.object({}).strict(),
    output: DeskStateSchema,
  },
  'panic.trigger': {
    input: z.object({ siteId: z.string().min(1).max(200) }).strict(),
    output: PressSchema,
  },
  'training.advance': {
    input: z.object({ calloutId: z.string().min(1).max(100), step: TrainingStepSchema }).strict(),
    output: z.object({ stage: z.string() }),
  },
} as const;

export type CommandName = keyof typeof commands;
export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export type CommandInput<N extends CommandName> = z.infer<(typeof commands)[N]['input']>;
export type CommandOutput<N extends CommandName> = z.infer<(typeof commands)[N]['output']>;

export const events = {
  'state.changed': DeskStateSchema,
} as const;
export type EventName = keyof typeof events;
export const EVENT_NAMES = Object.keys(events) as EventName[];
export type EventPayload<N extends EventName> = z.infer<(typeof events)[N]>;

export const ERROR_CODES = ['invalidPayload', 'forbidden', 'failed', 'unknownCommand'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export type CommandError = { code: ErrorCode; message: string };
export type CommandResult<T> = { ok: true; value: T } | { ok: false; error: CommandError };

export const CommandResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }),
  }),
]);

/** What `window.panicDesk` offers the renderer, whatever the transport. */
export interface PanicDeskBridge {
  invoke<N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandResult<CommandOutput<N>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Channel names on the wire; one per command and one per event, never a generic channel. */
export const commandChannel = (name: CommandName): string => `panicDesk:command:${name}`;
export const eventChannel = (name: EventName): string => `panicDesk:event:${name}`;
