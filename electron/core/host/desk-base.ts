// What a host's desks are made of: a running desk (the desk and the client or Training simulator
// behind it), what every desk of a host gets, and what its desks run on. Apart from
// running-desk.ts and training-desk.ts, which both build them (and would otherwise import each other).
import type { RunningSimulator, SimulatorOptions } from '../../simulator/server';
import type { AuraClient } from '../aura/client';
import type { AuraClientOptions } from '../aura/client-options';
import type { OpenedConnection } from '../connection/connection';
import type { Desk, DeskOptions } from '../desk/desk';

export interface RunningDesk {
  desk: Desk;
  client: AuraClient | null;
  simulator: RunningSimulator | null;
}

/** What every desk of a host gets, whatever its environment. */
export type DeskBase = Omit<DeskOptions, 'environment' | 'api' | 'configProblem' | 'training'> & {
  connection: OpenedConnection['connection'];
};

/**
 * What the host's desks and clients run on, when not the real machine's: the model-based test
 * (issue 20) passes one virtual clock, a fetch that reaches the simulator without
 * a socket, and an in-memory Training simulator. The app passes nothing.
 */
export interface HostShell {
  /** The host's own clock (its shared files), and each desk's unless `deskClock` gives one. */
  clock?: DeskOptions['clock'];
  /** A clock for each desk the host opens (the model test tells one desk's timers from another's). */
  deskClock?: () => NonNullable<DeskOptions['clock']>;
  random?: DeskOptions['random'];
  checkCode?: DeskOptions['checkCode'];
  /** Merged into every AuraClient the host builds (fetch, now, monotonic, sleep, keepWarm). */
  client?: Partial<Omit<AuraClientOptions, 'baseUrl' | 'clientId' | 'getSecret' | 'log'>>;
  startSimulator?: (options: SimulatorOptions) => Promise<RunningSimulator>;
}
