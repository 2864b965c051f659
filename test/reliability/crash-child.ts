// A desk in a child process, for the crash test: it runs against the parent's simulator on the
// data folder it is given, and can be made to die (SIGKILL, no clean-up) at a chosen point of a
// dispatch. Protocol on stdout, one line each: READY, PRESSED <id>, DONE <json of presses>.
import { AuraClient } from '../../electron/core/aura/client';
import { Desk } from '../../electron/core/desk';
import { deskApiFor } from '../../electron/core/session';
import { openFileStore } from '../harness/file-store';

type CrashPoint = 'none' | 'beforeSend' | 'duringSend' | 'afterResponse';

const baseUrl = process.env.SIM_BASE_URL ?? '';
const dataDir = process.env.DATA_DIR ?? '';
const press = process.env.PRESS === '1';
const crashAt = (process.env.CRASH_AT ?? 'none') as CrashPoint;
const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('unreachable');
};

async function main(): Promise<void> {
  const client = new AuraClient({ baseUrl, clientId: 'crash', getSecret: async () => 'crash-secret', timeoutMs: 1000 });
  const api = deskApiFor(client);
  const raise = api.raiseCallout.bind(api);
  api.raiseCallout = async (ref) => {
    // Let trigger() return (and PRESSED be printed) before any crash: the press is acknowledged.
    await new Promise((r) => setImmediate(r));
    if (crashAt === 'beforeSend') die();
    if (crashAt === 'duringSend') setTimeout(die, Math.random() * 30);
    const callout = await raise(ref);
    if (crashAt === 'afterResponse') die();
    return callout;
  };
  const desk = new Desk({
    environment: 'staging',
    api,
    store: await openFileStore(dataDir),
    dataDir,
    timing: { retryDelaysMs: [50, 100, 200], movingMs: 60_000, readinessEveryMs: 600_000 },
  });
  // Sites are needed to match AURA's active callouts to a site: the parent seeded the store.
  await desk.start();
  console.log('READY');
  if (press) console.log(`PRESSED ${desk.trigger('site_9944', 'button').id}`);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const presses = desk.getState().presses;
    if (presses.length > 0 && presses.every((p) => p.status === 'sent' || p.status === 'failed')) {
      console.log(`DONE ${JSON.stringify(presses)}`);
      desk.stop();
      process.exit(0);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  console.log(`TIMEOUT ${JSON.stringify(desk.getState().presses)}`);
  process.exit(3);
}

void main();
