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

/** The desk's view of an AuraClient: AURA's shapes in, the desk's words out. */
export function deskApiFor(client: AuraClient): DeskApi {
  return {
    raiseCallout: (ref) => client.raiseCallout(ref),
    listActiveCallouts: () => client.listActiveCallouts(),
    getCallout: (id) => client.getCallout(id),
    async listCalloutEvents(id) {
      const events = await client.listCalloutEvents(id);
      return events.map((e) => ({
        id: e.id,
        at: e.createdAt,
        text: e.author ? `${e.author}: ${e.message}` : e.message,
      }));
    },
    async sendCalloutEvent(id, message) {
      await client.sendCalloutEvent(id, message);
    },
    async listCancelReasons(id) {
      const reasons = await client.listExceptionReasons(id);
      return reasons.map((r) => ({ id: r.id, text: r.reason }));
    },
    async cancelCallout(id, reason) {
      // INFERRED order (aura-api.md): attach the reason, then cancel; fixed sites send no safeCode.
      await client.addExceptionReason(id, { exceptionReasonId: reason.id, notes: reason.notes });
      return client.cancelCallout(id);
    },
    listFixedLocations: () => client.listFixedLocations(),
    createFixedLocation: (input) => client.createFixedLocation(input),
    updateFixedLocation: (auraId, input) => client.updateFixedLocation(auraId, input),
    deleteFixedLocation: (auraId) => client.deleteFixedLocation(auraId),
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
    api: deskApiFor(client),
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
      client.close();
      await simulator.close();
    },
  };
}
