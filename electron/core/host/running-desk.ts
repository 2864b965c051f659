// What runs for one AURA environment: its desk, and the client or Training simulator behind it.
// Which desk opens follows from the saved connection: Training (unless the organisation turned it
// off), a configured environment, or a desk that waits for setup (presses kept as not sent).
import type { OpenedConnection } from '../connection/connection';
import { Desk } from '../desk/desk';
import { deskPortFor } from '../aura/port';
import type { DiagnosticsLog } from '../diagnostics/log';
import type { DeskBase, HostShell, RunningDesk } from './desk-base';
import { startTrainingDesk } from './training-desk';

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
        desk: new Desk({ ...base, environment: opened.connection.environment, api: deskPortFor(opened.client) }),
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
