// The conformance walk: AURA's quickstart, step by step, with the desk's own AuraClient (so the
// check reads answers exactly as the desk does) and a recording fetch beside it (so the report
// can say what the server really sent). Token, Fixed Locations, active callouts; then, only when
// asked and never on Production, register a test location and raise a callout on it, read it
// back, poll it for a while and read its events. A failed step is reported, never thrown.
import { AuraClient } from '../aura/client';
import type { RaiseCalloutBody } from '../aura/client-options';
import { FIXED_BASE_URLS } from '../aura/environments';
import { describeError } from '../aura/errors';
import { Redactor } from '../aura/redact';
import { stageFromStatus } from '../aura/status';
import { reportAnswer, type AnswerReport } from './answers';
import { ExchangeRecorder } from './recorder';

export interface TestLocation {
  externalReferenceId: string;
  name: string;
  latitude: number;
  longitude: number;
  address: string;
  locationTypeId: number | null;
}

/** Registered by `--register` (or for `--raise` without `--site`): plainly a test. */
export const DEFAULT_TEST_LOCATION: TestLocation = {
  externalReferenceId: 'panic-desk-conformance-check',
  name: 'Panic Desk conformance check (test location)',
  // The quickstart's own example coordinates (Johannesburg).
  latitude: -26.12345,
  longitude: 28.12345,
  address: 'Test location for the Panic Desk conformance check',
  locationTypeId: null,
};

export interface CheckOptions {
  baseUrl: string;
  clientId: string;
  getSecret: () => Promise<string>;
  /** staging | production | custom (for the report and the Production refusal). */
  environment: string;
  register?: boolean;
  raise?: boolean;
  /** The raise body (Set A requires `responseTypeId`; Set B takes none). */
  raiseBody?: RaiseCalloutBody;
  /** Raise on this existing site instead of the test location. */
  site?: string | null;
  testLocation?: TestLocation;
  /** How long to poll the raised callout, and how often (defaults 30 s, 5 s). */
  pollSeconds?: number;
  pollEveryMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Wall clock for the report's times. */
  now?: () => number;
}

export interface StepReport {
  title: string;
  ok: boolean;
  /** What happened, in words (e.g. "2 Fixed Locations", or the error). */
  outcome: string;
  answers: AnswerReport[];
}

export interface CheckResult {
  baseUrl: string;
  clientId: string;
  environment: string;
  startedAt: string;
  durationMs: number;
  steps: StepReport[];
  /** The callout this check raised, to be closed in the AURA portal. */
  testCalloutId: string | null;
  passed: boolean;
}

export class RefusedError extends Error {}

/** Production (by name or by its URL) is never written to by the check. */
export function isProduction(environment: string, baseUrl: string): boolean {
  return environment === 'production' || baseUrl.replace(/\/+$/, '') === FIXED_BASE_URLS.production;
}

export async function runCheck(options: CheckOptions): Promise<{ result: CheckResult; redactor: Redactor }> {
  const raise = options.raise ?? false;
  const register = (options.register ?? false) || (raise && !options.site);
  if ((raise || register) && isProduction(options.environment, options.baseUrl)) {
    throw new RefusedError('--raise and --register are refused for Production: use Staging or a Custom URL');
  }
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const redactor = new Redactor();
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const recorder = new ExchangeRecorder(baseUrl, options.fetch);
  const client = new AuraClient({
    baseUrl,
    clientId: options.clientId,
    getSecret: async () => {
      const secret = await options.getSecret();
      redactor.setSecret(secret);
      return secret;
    },
    timeoutMs: options.timeoutMs ?? 15_000,
    fetch: recorder.fetch,
    keepWarm: false,
  });
  const started = now();
  const steps: StepReport[] = [];
  let testCalloutId: string | null = null;

  async function step(title: string, run: () => Promise<string>): Promise<boolean> {
    const from = recorder.exchanges.length;
    let ok = true;
    let outcome: string;
    try {
      outcome = await run();
    } catch (error) {
      ok = false;
      outcome = describeError(error);
    }
    const answers = recorder.since(from).map(reportAnswer);
    for (const exchange of recorder.since(from)) rememberTokens(exchange.json, redactor);
    steps.push({ title, ok, outcome, answers });
    return ok;
  }

  try {
    if (
      !(await step('Token exchange', async () => `token received (${(await client.getToken()).length} characters)`))
    ) {
      return { result: finish(), redactor };
    }
    let locations: Awaited<ReturnType<AuraClient['listFixedLocations']>> = [];
    await step('List Fixed Locations', async () => {
      locations = await client.listFixedLocations();
      return `${locations.length} Fixed Location${locations.length === 1 ? '' : 's'}`;
    });
    let active: Awaited<ReturnType<AuraClient['listActiveCallouts']>> = [];
    await step('List active callouts', async () => {
      active = await client.listActiveCallouts();
      return `${active.length} active callout${active.length === 1 ? '' : 's'}`;
    });

    const test = options.testLocation ?? DEFAULT_TEST_LOCATION;
    if (register) {
      const exists = locations.some((l) => l.externalReferenceId === test.externalReferenceId);
      await step('Register a test Fixed Location', async () => {
        if (exists) return `"${test.externalReferenceId}" is already registered; reused`;
        const created = await client.createFixedLocation({ ...test, locationIdentifier: null });
        return `registered "${created.externalReferenceId}" as AURA id ${created.id}, shown as "${created.name}"`;
      });
    }

    let followId: string | null = null;
    if (raise) {
      const ref = options.site ?? test.externalReferenceId;
      await step(`Raise a callout on "${ref}"`, async () => {
        const raised = await client.raise(ref, options.raiseBody ?? {});
        testCalloutId = raised.callout.id;
        followId = raised.callout.id;
        return `callout ${raised.callout.id}, status "${raised.callout.status}" (HTTP ${raised.status}${raised.message ? `, "${raised.message}"` : ''})`;
      });
    } else {
      followId = active[0]?.id ?? null;
    }

    if (followId !== null) {
      const id: string = followId;
      await step(`Read callout ${id} back`, async () => {
        const read = await client.getCallout(id);
        return `status "${read.callout.status}"${read.closed ? ' (285: closed)' : ''}`;
      });
      if (raise) {
        const pollMs = (options.pollSeconds ?? 30) * 1000;
        const every = options.pollEveryMs ?? 5000;
        await step(`Poll callout ${id} for ${Math.round(pollMs / 1000)} s`, async () => {
          const seen: string[] = [];
          const until = now() + pollMs;
          let reads = 0;
          while (now() < until) {
            await sleep(Math.min(every, Math.max(0, until - now())));
            const read = await client.getCallout(id);
            reads += 1;
            if (seen.at(-1) !== read.callout.status) seen.push(read.callout.status);
            if (read.closed || stageFromStatus(read.callout.status) === 'closed') break;
          }
          return `${reads} reads; status ${seen.map((s) => `"${s}"`).join(' → ') || 'not read'}`;
        });
      }
      await step(`Read the events of callout ${id}`, async () => {
        const events = await client.listCalloutEvents(id);
        return `${events.length} event${events.length === 1 ? '' : 's'}`;
      });
    }
    return { result: finish(), redactor };
  } finally {
    client.close();
  }

  function finish(): CheckResult {
    return {
      baseUrl,
      clientId: options.clientId,
      environment: options.environment,
      startedAt: new Date(started).toISOString(),
      durationMs: Math.max(0, Math.round(now() - started)),
      steps,
      testCalloutId,
      passed: steps.length > 0 && steps.every((s) => s.ok),
    };
  }
}

/** Token values in a token answer, wherever they sit, are added to the redactor. */
function rememberTokens(json: unknown, redactor: Redactor): void {
  if (!json || typeof json !== 'object') return;
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (typeof value === 'string' && /token|jwt|bearer/i.test(key) && !/type/i.test(key)) redactor.addToken(value);
    else if (value && typeof value === 'object') rememberTokens(value, redactor);
  }
}
