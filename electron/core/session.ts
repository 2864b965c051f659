// Builds a running desk for a host (Electron main or the web harness). In Training mode it starts
// the embedded AURA simulator on 127.0.0.1 and talks to it exactly as it would to AURA.
import { startSimulator, type RunningSimulator } from '../simulator/server';
import { AuraClient } from './aura/client';
import { Desk, type DeskApi, type DeskOptions } from './desk';
import type { KeyValueStore } from './ports';
import { simulatorControl } from './training';

/** The embedded simulator's credentials: not secret, they open nothing but the local simulator. */
const TRAINING_CREDENTIALS = { clientId: 'training-desk', clientSecret: 'training-only-not-a-secret' };

export interface DeskSession {
  desk: Desk;
  simulator: RunningSimulator | null;
  close(): Promise<void>;
}

export interface SessionOptions {
  store: KeyValueStore;
  /** Where the outbox, the audit log and backups live. */
  dataDir: string;
  /** Problems found opening the store (e.g. a corrupt settings file set aside). */
  startupProblems?: string[];
  timing?: DeskOptions['timing'];
}

/** The desk's view of an AuraClient. */
function deskApi(client: AuraClient): DeskApi {
  return {
    raiseCallout: (ref) => client.raiseCallout(ref),
    getCallout: (id) => client.getCallout(id),
    listFixedLocations: () => client.listFixedLocations(),
    // TODO(issue 3): the client's active-callouts read; until it lands nothing is adopted.
    listActiveCallouts: async () => [],
  };
}

export async function openTrainingSession(options: SessionOptions): Promise<DeskSession> {
  const simulator = await startSimulator(TRAINING_CREDENTIALS);
  const client = new AuraClient({
    baseUrl: simulator.baseUrl,
    clientId: TRAINING_CREDENTIALS.clientId,
    getSecret: async () => TRAINING_CREDENTIALS.clientSecret,
  });
  const desk = new Desk({
    environment: 'training',
    api: deskApi(client),
    store: options.store,
    dataDir: options.dataDir,
    startupProblems: options.startupProblems,
    training: simulatorControl(simulator.origin),
    timing: options.timing,
  });
  await desk.start();
  return {
    desk,
    simulator,
    async close() {
      desk.stop();
      await simulator.close();
    },
  };
}
