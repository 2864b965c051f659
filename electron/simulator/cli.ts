// `npm run sim -- --port 4010 --client-id demo --client-secret demo [--shape a|b] [--token-ttl 3600]
//   [--autoplay] [--autoplay-ms 5000,30000,60000,10000] [--state-file FILE] [--closed-get-285]
//   [--quirks tokenWithoutLifetime,calloutIdKey,…] (odd but plausible answers: quirks.ts)`
import { parseArgs } from 'node:util';
import { API_PATHS, CONTROL_PATHS } from './operations';
import { SIM_QUIRKS, type SimQuirk } from './quirks';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from './server';
import type { Shape } from './views';
import type { AutoplayTimings } from './world';

const USAGE =
  'usage: npm run sim -- [--port N] [--client-id ID] [--client-secret S] [--shape a|b] [--token-ttl SECONDS]\n' +
  '                      [--autoplay] [--autoplay-ms DISPATCH,ARRIVE,COMPLETE,CLOSE] [--state-file FILE] [--closed-get-285]\n' +
  `                      [--quirks ${SIM_QUIRKS.join(',')}]\n` +
  '  Defaults: port 4010, client ID "demo", client secret "demo", Set B shapes, token TTL 3600 s.';

function parseTimings(text: string | undefined): AutoplayTimings | null | undefined {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0)) return null;
  const [dispatchMs = 0, arriveMs = 0, completeMs = 0, closeMs = 0] = parts;
  return { dispatchMs, arriveMs, completeMs, closeMs };
}

function parseQuirks(text: string): SimQuirk[] | null {
  const names = text
    .split(',')
    .map((q) => q.trim())
    .filter(Boolean);
  const known = new Set<string>(SIM_QUIRKS);
  return names.every((n) => known.has(n)) ? (names as SimQuirk[]) : null;
}

const OPTIONS = {
  port: { type: 'string', default: '4010' },
  'client-id': { type: 'string', default: 'demo' },
  'client-secret': { type: 'string', default: 'demo' },
  shape: { type: 'string', default: 'b' },
  'token-ttl': { type: 'string', default: '3600' },
  autoplay: { type: 'boolean', default: false },
  'autoplay-ms': { type: 'string' },
  'state-file': { type: 'string' },
  'closed-get-285': { type: 'boolean', default: false },
  quirks: { type: 'string', default: '' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

/** The simulator's options from the command line, or null (usage printed) when they are wrong. */
function simulatorOptions(values: Values): SimulatorOptions | null {
  const shape: Shape | null = values.shape === 'a' || values.shape === 'b' ? values.shape : null;
  const port = Number(values.port);
  const ttl = Number(values['token-ttl']);
  const timings = parseTimings(values['autoplay-ms']);
  const quirks = parseQuirks(values.quirks);
  const badPort = !Number.isInteger(port) || port < 0 || port > 65535;
  if (!shape || badPort || !(ttl > 0) || timings === null || quirks === null) return null;
  return {
    port,
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    shape,
    tokenTtlSeconds: ttl,
    autoplay: values.autoplay,
    autoplayTimings: timings,
    stateFile: values['state-file'],
    closedGet285: values['closed-get-285'],
    quirks,
    log: (line) => console.error(line),
  };
}

function printBanner(sim: RunningSimulator, options: SimulatorOptions): void {
  const { timings, on } = sim.state.autoplay;
  const quirks = options.quirks ?? [];
  console.log(
    `AURA Panic API simulator: Set ${(options.shape ?? 'b').toUpperCase()} shapes, token TTL ${options.tokenTtlSeconds} s`,
  );
  console.log(`  API base URL:  ${sim.baseUrl}`);
  console.log(`  client ID:     ${options.clientId} (the secret is the one you passed)`);
  console.log(
    `  autoplay:      ${on ? 'on' : 'off'} (${timings.dispatchMs}/${timings.arriveMs}/` +
      `${timings.completeMs}/${timings.closeMs} ms)`,
  );
  if (quirks.length > 0) console.log(`  quirks:        ${quirks.join(', ')}`);
  if (options.stateFile) console.log(`  state file:    ${options.stateFile}`);
  console.log('  AURA routes (under the base URL):');
  for (const route of Object.values(API_PATHS)) console.log(`    ${route}`);
  console.log(`  Control routes (under ${sim.origin}; send Authorization: Bearer ${sim.controlToken}):`);
  for (const route of CONTROL_PATHS) console.log(`    ${route}`);
  console.log('Press Ctrl+C to stop.');
}

async function main(): Promise<void> {
  let values: Values;
  try {
    ({ values } = parseArgs({ options: OPTIONS }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options = simulatorOptions(values);
  if (!options) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const sim = await startSimulator(options);
  printBanner(sim, options);
  const stop = (): void => void sim.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
