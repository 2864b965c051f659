// Training's desk: the embedded AURA simulator on 127.0.0.1 (its world kept in the data folder)
// and a desk that talks to it exactly as it would to AURA, through a real AuraClient.
import { join } from 'node:path';
import { startSimulator } from '../../simulator/server';
import { AuraClient } from '../aura/client';
import { Desk } from '../desk/desk';
import { deskPortFor } from '../aura/port';
import type { DiagnosticsLog } from '../diagnostics/log';
import { simulatorControl } from '../desk/training-control';
import type { DeskBase, HostShell, RunningDesk } from './desk-base';

/** The embedded simulator's credentials: not secret, they open nothing but the local simulator. */
export const TRAINING_CREDENTIALS = { clientId: 'training-desk', clientSecret: 'training-only-not-a-secret' };

export async function startTrainingDesk(base: DeskBase, log: DiagnosticsLog, shell?: HostShell): Promise<RunningDesk> {
  const simulator = await (shell?.startSimulator ?? startSimulator)({
    ...TRAINING_CREDENTIALS,
    stateFile: join(base.dataDir, 'training-simulator.json'),
  });
  const client = new AuraClient({
    ...shell?.client,
    baseUrl: simulator.baseUrl,
    clientId: TRAINING_CREDENTIALS.clientId,
    getSecret: async () => TRAINING_CREDENTIALS.clientSecret,
    log,
  });
  const desk = new Desk({
    ...base,
    environment: 'training',
    api: deskPortFor(client),
    training: simulatorControl(simulator.origin, simulator.controlToken),
  });
  return { desk, client, simulator };
}
