// A desk against the simulator over real HTTP: a simulator (started here, or one the test already
// runs), an AuraClient with its credentials, and a staging Desk on a memory store and a fresh data
// folder. The reliability world (test/reliability/world.ts) adds a scaled clock and a faulty disk
// on top; these tests need neither.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuraClient } from '../../electron/core/aura/client';
import type { AuraClientOptions } from '../../electron/core/aura/client-options';
import { Desk, type DeskOptions } from '../../electron/core/desk/desk';
import { deskPortFor } from '../../electron/core/aura/port';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../../electron/simulator/server';
import { memoryStore } from '../fakes/store';

export interface SimDeskOptions {
  /** How to start the simulator (its credentials too, which the client then uses). */
  sim?: SimulatorOptions;
  /** Client options beyond where AURA is and whose credentials (log, fetch, timeoutMs, raiseDefaults…). */
  client?: Omit<Partial<AuraClientOptions>, 'baseUrl' | 'clientId' | 'getSecret'>;
  /** Desk options beyond its environment, AURA port, store and folder (or overriding them). */
  desk?: Partial<DeskOptions>;
  /** Start the desk before returning (default true). */
  start?: boolean;
}

export interface SimDesk {
  sim: RunningSimulator;
  client: AuraClient;
  desk: Desk;
  dataDir: string;
  /** Stops the desk and the client, closes the simulator, removes the data folder. */
  close(): Promise<void>;
}

const CLIENT_ID = 'desk';
const CLIENT_SECRET = 'desk-secret';

export async function deskAgainstSimulator(opts: SimDeskOptions = {}): Promise<SimDesk> {
  const clientId = opts.sim?.clientId ?? CLIENT_ID;
  const secret = opts.sim?.clientSecret ?? CLIENT_SECRET;
  const sim = await startSimulator({ ...opts.sim, clientId, clientSecret: secret });
  const client = new AuraClient({ ...opts.client, baseUrl: sim.baseUrl, clientId, getSecret: async () => secret });
  const dataDir = mkdtempSync(join(tmpdir(), 'sim-desk-'));
  const desk = new Desk({
    environment: 'staging',
    api: deskPortFor(client),
    store: memoryStore(),
    dataDir,
    ...opts.desk,
  });
  if (opts.start ?? true) await desk.start();
  return {
    sim,
    client,
    desk,
    dataDir,
    async close() {
      desk.stop();
      client.close();
      await sim.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
