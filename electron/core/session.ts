// Builds a running desk for a host (Electron main or the web harness). In Training mode it starts
// the embedded AURA simulator on 127.0.0.1 and talks to it exactly as it would to AURA.
import { startSimulator, type RunningSimulator } from '../simulator/server';
import { AuraClient } from './aura/client';
import { Desk } from './desk';
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
  pollIntervalMs?: number;
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
    client,
    store: options.store,
    training: simulatorControl(simulator.origin),
    pollIntervalMs: options.pollIntervalMs,
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
