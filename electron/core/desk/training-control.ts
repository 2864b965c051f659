// Training mode's responder controls: steps a callout on the embedded simulator, switches its
// autoplay script and the network failure being practised, through the simulator's control
// routes (under /__sim/, outside AURA's paths).
import type { TrainingStep } from '../../shared/contract';
import { z } from 'zod';
import { FAULT_KINDS, type FaultKind, type TrainingState } from '../../shared/model/desk-state';

export interface TrainingControl {
  /** Moves a callout one step (dispatch, arrive, complete, close, cancel). */
  advance(calloutId: string, step: TrainingStep): Promise<void>;
  /** Turns the timed script (dispatch → arrive → complete → close) on or off. */
  setAutoplay(on: boolean): Promise<void>;
  /** Starts practising a network failure on every AURA request, or stops (null). */
  setFault(fault: FaultKind | null): Promise<void>;
  /** What the simulator is really doing now (after a restart it may differ from what was saved). */
  read(): Promise<TrainingState>;
}

const SimFaultsSchema = z.object({ faults: z.array(z.object({ kind: z.string() }).passthrough()) });
const SimAutoplaySchema = z.object({ on: z.boolean() }).passthrough();

/**
 * The simulator's fault rule for each practice. Failures last until switched off; a token
 * expiry hits every third bearer request, so the desk's refresh-and-retry is seen working.
 */
export const PRACTICE_FAULTS: Record<FaultKind, Record<string, unknown>> = {
  latency: { kind: 'latency', latencyMs: 3000 },
  reset: { kind: 'reset' },
  error500: { kind: 'error500' },
  error502: { kind: 'error502' },
  rateLimited: { kind: 'rateLimited', retryAfterSeconds: 5 },
  truncated: { kind: 'truncated' },
  tokenExpiry: { kind: 'tokenExpiry', every: 3 },
};

/**
 * Drives the simulator at `origin` with its control token (from `startSimulator`: the simulator
 * refuses control calls without it).
 */
export function simulatorControl(
  origin: string,
  controlToken: string,
  options: { timeoutMs?: number } = {},
): TrainingControl {
  const timeoutMs = options.timeoutMs ?? 5000;
  async function call(method: 'POST' | 'PUT', path: string, body: unknown, what: string): Promise<void> {
    const response = await fetch(`${origin}/__sim${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${controlToken}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      const text = await response.text();
      throw new Error(`The training simulator refused ${what}: ${messageOf(text)}`);
    }
    await response.body?.cancel();
  }
  async function get<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    const response = await fetch(`${origin}/__sim${path}`, {
      headers: { authorization: `Bearer ${controlToken}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`The training simulator did not answer ${path} (${response.status})`);
    return schema.parse(await response.json());
  }
  return {
    read: async () => {
      const [{ faults }, autoplay] = await Promise.all([
        get('/faults', SimFaultsSchema),
        get('/autoplay', SimAutoplaySchema),
      ]);
      const kind = faults[0]?.kind;
      const fault = (FAULT_KINDS as readonly string[]).includes(kind ?? '') ? (kind as FaultKind) : null;
      return { autoplay: autoplay.on, fault };
    },
    advance: (calloutId, step) =>
      call('POST', `/callouts/${encodeURIComponent(calloutId)}/advance`, { step }, `"${step}"`),
    setAutoplay: (on) => call('PUT', '/autoplay', { on }, 'autoplay'),
    setFault: (fault) =>
      call(
        'POST',
        '/faults',
        { faults: fault === null ? [] : [{ ...PRACTICE_FAULTS[fault], route: '*' }] },
        'the fault',
      ),
  };
}

function messageOf(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { message?: unknown }).message === 'string') {
      return (parsed as { message: string }).message;
    }
  } catch {
    // plain text
  }
  return text.slice(0, 200);
}
