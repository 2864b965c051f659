// What runs for one AURA environment: its desk, and the client or Training simulator behind it.
// Which desk opens follows from the saved connection: Training (unless the organisation turned it
// off), a configured environment, or a desk that waits for setup (presses kept as not sent).
import type { RunningSimulator, SimulatorOptions } from '../../simulator/server';
import type { AuraClient } from '../aura/client';
import type { AuraClientOptions } from '../aura/client-options';
import type { OpenedConnection } from '../connection';
import { Desk, type DeskOptions } from '../desk';
import { deskApiFor } from '../desk/aura-port';
import type { DiagnosticsLog } from '../diagnostics/log';
import { startTrainingDesk } from './training-desk';

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

const TRAINING_OFF = 'Not configured — Training is turned off by your organisation; this desk waits for enrolment';

/** Opens the desk for the saved connection (and starts the Training simulator when it is Training). */
export async function openRunningDesk(
  opened: OpenedConnection,
  base: DeskBase,
  options: { trainingAllowed: boolean; log: DiagnosticsLog; shell?: HostShell },
): Promise<RunningDesk> {
  const waiting = (level: 'notConfigured' | 'keychainUnavailable', message: string): RunningDesk => ({
    desk: new Desk({
      ...base,
      environment: opened.connection.environment,
      api: null,
      configProblem: { level, message },
    }),
    client: null,
    simulator: null,
  });
  switch (opened.state) {
    case 'training':
      return options.trainingAllowed
        ? startTrainingDesk(base, options.log, options.shell)
        : waiting('notConfigured', TRAINING_OFF);
    case 'configured':
      return {
        desk: new Desk({ ...base, environment: opened.connection.environment, api: deskApiFor(opened.client) }),
        client: opened.client,
        simulator: null,
      };
    case 'notConfigured':
    case 'keychainUnavailable':
      return waiting(opened.state, opened.message);
  }
}

/** Stops the desk, then its client and simulator. */
export async function closeRunningDesk(running: RunningDesk): Promise<void> {
  running.desk.stop();
  running.client?.close();
  await running.simulator?.close();
}
