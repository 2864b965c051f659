// The simulator's public types: its options, the request log, and a request and response as the
// transport (server.ts, or the model test's in-memory fetch) hands them over.
import type { GuardedRequest } from './control-guard';
import type { FaultRule, FaultRuleInput, SimFaultKind } from './faults';
import type { ApiOperation } from './operations';
import type { SimQuirk } from './quirks';
import type { RateLimitOptions } from './rate-limit';
import type { SimulatorState, StatusStrings } from './state';
import type { Shape } from './views';
import type { AutoplayTimings } from './world';

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  clientId?: string;
  clientSecret?: string;
  /** 'b' (default): Set B shapes; 'a': Set A shapes. */
  shape?: Shape;
  /** Lifetime of issued tokens (default 3600 s). */
  tokenTtlSeconds?: number;
  now?: () => number;
  /** How the simulator waits (latency faults, autoplay); real timers by default. */
  setTimeout?: (fn: () => void, ms: number) => () => void;
  /** Override the INFERRED status strings (aura-api.md §5). */
  statusStrings?: Partial<StatusStrings>;
  /** Start with the timed script on (or off); a restored world keeps its own setting otherwise. */
  autoplay?: boolean;
  autoplayTimings?: Partial<AutoplayTimings>;
  /** Fault rules active from the start. */
  faults?: FaultRuleInput[];
  /** Save the world here after every change and restore it at start (JSON, written atomically). */
  stateFile?: string;
  /** Also answer 285 on GET /callouts/{id} once closed (undocumented; for testing clients). */
  closedGet285?: boolean;
  /** Return the site's active callout when raised twice (default true, as AURA does). */
  dedupeActive?: boolean;
  /** Write lifecycle notes into the event stream too (default false; see state.ts). */
  lifecycleEvents?: boolean;
  /** Odd but plausible answers to give (quirks.ts); none by default: the documented shapes. */
  quirks?: readonly SimQuirk[];
  /** A per-client rate limit on the AURA routes (429 + Retry-After beyond it); off by default. */
  rateLimit?: RateLimitOptions;
  /** Called as each request arrives, before its body is read (the benchmark's clock). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** The bearer token of the /__sim/ control routes (default: drawn at random). */
  controlToken?: string;
  /** Where the simulator reports trouble of its own (a bad state file); silent by default. */
  log?: (line: string) => void;
}

export interface RequestLogEntry {
  method: string;
  /** The path without the query, e.g. /panic-api/v2/callouts/992011. */
  path: string;
  /** The simulator's clock (`now`) when the request arrived. */
  at: number;
  /** The AURA operation, or null for control routes and unknown paths. */
  op: ApiOperation | null;
  /** The status answered; null while in flight or when the connection was reset. */
  status: number | null;
  /** The fault injected into this request, if any. */
  fault: SimFaultKind | null;
}

export interface SimulatorFaults {
  set(rules: readonly FaultRuleInput[]): void;
  add(rule: FaultRuleInput): void;
  clear(): void;
  list(): Array<FaultRule & { seen: number; fired: number }>;
}

/** A request as the transport read it: the body is null when it was over the size cap. */
export interface SimRequest extends GuardedRequest {
  /** Path and query, e.g. /panic-api/v2/callouts?status=active. */
  url: string;
  /** The body as text (null: over the size cap); a promise while it is still arriving. */
  body: string | null | Promise<string | null>;
}

/** What the transport sends: a status with a text body, or a cut connection (`reset`). */
export type SimResponse =
  { kind: 'reply'; status: number; headers: Record<string, string>; text: string } | { kind: 'reset' };

/** The simulator's world and request pipeline, with no socket. */
export interface SimulatorCore {
  controlToken: string;
  state: SimulatorState;
  /** Every request received, in order (the latest 20,000), for tests and the benchmark. */
  requests: RequestLogEntry[];
  faults: SimulatorFaults;
  /** Every token issued so far expires now. */
  expireTokens(): void;
  setAutoplay(on: boolean, timings?: Partial<AutoplayTimings>): void;
  /** Listens to requests as they arrive; returns the unsubscribe function. */
  onRequest(listener: (entry: RequestLogEntry) => void): () => void;
  /** Where it is reached (its control info names it) and the Host headers it accepts. */
  bind(origin: string, hosts: Set<string>): void;
  handle(request: SimRequest): Promise<SimResponse>;
  /** Stops autoplay and answers every request still waiting on a latency fault with a reset. */
  stop(): void;
}
