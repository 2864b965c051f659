// The conformance walk: AURA's quickstart, step by step, with the desk's own AuraClient (so the
// check reads answers exactly as the desk does) and a recording fetch beside it (so the report
// can say what the server really sent). Token, Fixed Locations, active callouts; then, only when
// asked and never on Production, register a test location and raise a callout on it, read it
// back, poll it for a while and read its events. A failed step is reported, never thrown (the
// steps themselves: walk-steps.ts).
import { AuraClient } from '../aura/client';
import type { RaiseCalloutBody } from '../aura/client-options';
import { FIXED_BASE_URLS } from '../aura/environments';
import { Redactor } from '../diagnostics/redact';
import { ExchangeRecorder } from './recorder';
import {
  CheckSteps,
  followSteps,
  listSteps,
  raiseStep,
  registerStep,
  type StepReport,
  type TestLocation,
} from './walk-steps';

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

/**
 * Production (by name or by its host) is never written to by the check. The host is compared,
 * not the text: `panic.aura.services.`, `PANIC.aura.services:443` or `…//v2` are Production too.
 */
export function isProduction(environment: string, baseUrl: string): boolean {
  return environment === 'production' || hostOf(baseUrl) === hostOf(FIXED_BASE_URLS.production);
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.+$/, '');
  } catch {
    return null;
  }
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
  const client = checkClient(options, baseUrl, recorder, redactor);
  const started = now();
  const steps = new CheckSteps(recorder, redactor);
  let testCalloutId: string | null = null;
  const finish = (): { result: CheckResult; redactor: Redactor } => ({
    result: {
      baseUrl,
      clientId: options.clientId,
      environment: options.environment,
      startedAt: new Date(started).toISOString(),
      durationMs: Math.max(0, Math.round(now() - started)),
      steps: steps.steps,
      testCalloutId,
      passed: steps.steps.length > 0 && steps.steps.every((s) => s.ok),
    },
    redactor,
  });

  try {
    const tokenTaken = async (): Promise<string> => `token received (${(await client.getToken()).length} characters)`;
    if (!(await steps.run('Token exchange', tokenTaken))) return finish();
    const { locations, active } = await listSteps(client, steps);
    const test = options.testLocation ?? DEFAULT_TEST_LOCATION;
    if (register) await registerStep(client, steps, locations, test);
    if (raise)
      testCalloutId = await raiseStep(client, steps, options.site ?? test.externalReferenceId, options.raiseBody ?? {});
    const followId = raise ? testCalloutId : (active[0]?.id ?? null);
    if (followId !== null) {
      const poll = raise
        ? { pollMs: (options.pollSeconds ?? 30) * 1000, everyMs: options.pollEveryMs ?? 5000, now, sleep }
        : null;
      await followSteps(client, steps, followId, poll);
    }
    return finish();
  } finally {
    client.close();
  }
}

/** The desk's own client, over the recording fetch; the secret goes to the report's redactor too. */
function checkClient(
  options: CheckOptions,
  baseUrl: string,
  recorder: ExchangeRecorder,
  redactor: Redactor,
): AuraClient {
  return new AuraClient({
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
}
