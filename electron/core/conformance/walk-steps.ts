// The steps of the conformance walk (walk.ts runs them in order): each step's outcome in words,
// the answers the server sent during it (from the recording fetch), and a failure reported as the
// step's outcome, never thrown. Token values seen in any answer are added to the redactor.
import type { AuraClient } from '../aura/client';
import type { RaiseCalloutBody } from '../aura/client-options';
import { AuraError, describeError, plainWords } from '../aura/errors';
import type { Redactor } from '../diagnostics/redact';
import type { AuraCallout, FixedLocation } from '../aura/schemas';
import { stageFromStatus } from '../aura/status';
import { reportAnswer, type AnswerReport } from './answers';
import type { ExchangeRecorder } from './recorder';

export interface StepReport {
  title: string;
  ok: boolean;
  /** What happened, in words (e.g. "2 Fixed Locations", or the error). */
  outcome: string;
  answers: AnswerReport[];
}

/** The location `--register` creates (see DEFAULT_TEST_LOCATION in walk.ts). */
export interface TestLocation {
  externalReferenceId: string;
  name: string;
  latitude: number;
  longitude: number;
  address: string;
  locationTypeId: number | null;
}

/** Polling a raised callout: for how long, how often, on which clock. */
export interface PollPlan {
  pollMs: number;
  everyMs: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export class CheckSteps {
  readonly steps: StepReport[] = [];

  constructor(
    private readonly recorder: ExchangeRecorder,
    private readonly redactor: Redactor,
  ) {}

  /** Runs one step; true when it passed. */
  async run(title: string, run: () => Promise<string>): Promise<boolean> {
    const from = this.recorder.exchanges.length;
    let ok = true;
    let outcome: string;
    try {
      outcome = await run();
    } catch (error) {
      ok = false;
      outcome = describeError(error);
      // A proxy or certificate problem is named in words too: the address is not what is wrong.
      if (error instanceof AuraError && error.path) outcome += ` — ${plainWords(error)}`;
    }
    const answers = this.recorder.since(from).map(reportAnswer);
    for (const exchange of this.recorder.since(from)) rememberTokens(exchange.json, this.redactor);
    this.steps.push({ title, ok, outcome, answers });
    return ok;
  }
}

/** The two read-only lists: Fixed Locations and active callouts (empty when a read failed). */
export async function listSteps(
  client: AuraClient,
  steps: CheckSteps,
): Promise<{ locations: FixedLocation[]; active: AuraCallout[] }> {
  let locations: FixedLocation[] = [];
  await steps.run('List Fixed Locations', async () => {
    locations = await client.listFixedLocations();
    return `${locations.length} Fixed Location${locations.length === 1 ? '' : 's'}`;
  });
  let active: AuraCallout[] = [];
  await steps.run('List active callouts', async () => {
    active = await client.listActiveCallouts();
    return `${active.length} active callout${active.length === 1 ? '' : 's'}`;
  });
  return { locations, active };
}

/** Registers the test location, or reuses it when the list already holds its reference. */
export async function registerStep(
  client: AuraClient,
  steps: CheckSteps,
  locations: FixedLocation[],
  test: TestLocation,
): Promise<void> {
  const exists = locations.some((l) => l.externalReferenceId === test.externalReferenceId);
  await steps.run('Register a test Fixed Location', async () => {
    if (exists) return `"${test.externalReferenceId}" is already registered; reused`;
    const created = await client.createFixedLocation({ ...test, locationIdentifier: null });
    return `registered "${created.externalReferenceId}" as AURA id ${created.id}, shown as "${created.name}"`;
  });
}

/** Raises a callout on `ref`; its id, or null when the raise failed. */
export async function raiseStep(
  client: AuraClient,
  steps: CheckSteps,
  ref: string,
  body: RaiseCalloutBody,
): Promise<string | null> {
  let raisedId: string | null = null;
  await steps.run(`Raise a callout on "${ref}"`, async () => {
    const raised = await client.raise(ref, body);
    raisedId = raised.callout.id;
    return `callout ${raised.callout.id}, status "${raised.callout.status}" (HTTP ${raised.status}${raised.message ? `, "${raised.message}"` : ''})`;
  });
  return raisedId;
}

/** Reads a callout back, polls it when this check raised it (`poll`), then reads its events. */
export async function followSteps(
  client: AuraClient,
  steps: CheckSteps,
  id: string,
  poll: PollPlan | null,
): Promise<void> {
  await steps.run(`Read callout ${id} back`, async () => {
    const read = await client.getCallout(id);
    return `status "${read.callout.status}"${read.closed ? ' (285: closed)' : ''}`;
  });
  if (poll)
    await steps.run(`Poll callout ${id} for ${Math.round(poll.pollMs / 1000)} s`, () => pollCallout(client, id, poll));
  await steps.run(`Read the events of callout ${id}`, async () => {
    const events = await client.listCalloutEvents(id);
    return `${events.length} event${events.length === 1 ? '' : 's'}`;
  });
}

async function pollCallout(client: AuraClient, id: string, { pollMs, everyMs, now, sleep }: PollPlan): Promise<string> {
  const seen: string[] = [];
  const until = now() + pollMs;
  let reads = 0;
  while (now() < until) {
    await sleep(Math.min(everyMs, Math.max(0, until - now())));
    const read = await client.getCallout(id);
    reads += 1;
    if (seen.at(-1) !== read.callout.status) seen.push(read.callout.status);
    if (read.closed || stageFromStatus(read.callout.status) === 'closed') break;
  }
  return `${reads} reads; status ${seen.map((s) => `"${s}"`).join(' → ') || 'not read'}`;
}

/** Token values in a token answer, wherever they sit, are added to the redactor. */
function rememberTokens(json: unknown, redactor: Redactor): void {
  if (!json || typeof json !== 'object') return;
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (typeof value === 'string' && /token|jwt|bearer/i.test(key) && !/type/i.test(key)) redactor.addToken(value);
    else if (value && typeof value === 'object') rememberTokens(value, redactor);
  }
}
