// The simulator without a transport: its world, faults, tokens and request log, and one function
// that answers a request. server.ts puts it behind real HTTP on 127.0.0.1; the model-based test
// (test/reliability/model) calls it straight from an in-memory fetch on a virtual clock. The
// pipeline is one short step per job: log, guard the Host, then the control table or the AURA
// table (rate limit, faults, bearer, route, quirks).
import { Autoplay } from './autoplay';
import { CONTROL_PREFIX, controlRoutes, type ControlRoute } from './control';
import { controlProblem, hostProblem, newControlToken, type GuardedRequest } from './control-guard';
import { FaultPlan, type FaultRule, type FaultRuleInput, type SimFaultKind } from './faults';
import { apiRoutes, type ApiRoute } from './api';
import { API_PATHS, CONTROL_PATHS, type ApiOperation } from './operations';
import { loadWorld, saveWorld } from './persist';
import { applyQuirks, type SimQuirk } from './quirks';
import { RateLimiter, type RateLimitOptions } from './rate-limit';
import { fail, type Reply } from './reply';
import { SimulatorState, type StatusStrings } from './state';
import { TokenStore } from './tokens';
import type { Shape } from './views';
import type { AutoplayTimings } from './world';

export const API_PREFIX = '/panic-api/v2';
/** The request log keeps this many of the latest requests. */
const MAX_LOGGED_REQUESTS = 20_000;

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

const realSetTimeout = (fn: () => void, ms: number): (() => void) => {
  const timer = setTimeout(fn, ms);
  // A request waiting on a latency fault keeps the process alive by its socket, not by this timer.
  timer.unref?.();
  return () => clearTimeout(timer);
};

/** The world, restored from `stateFile` when there is one, and saved after every change. */
function openState(options: SimulatorOptions, now: () => number, log: (line: string) => void): SimulatorState {
  const loaded = options.stateFile ? loadWorld(options.stateFile) : ({ kind: 'missing' } as const);
  if (loaded.kind === 'invalid') log(`simulator: state file unreadable (${loaded.reason}); moved to ${loaded.movedTo}`);
  const state = new SimulatorState({
    shape: options.shape ?? 'b',
    now,
    statusStrings: options.statusStrings,
    dedupeActive: options.dedupeActive,
    lifecycleEvents: options.lifecycleEvents,
    world: loaded.kind === 'loaded' ? loaded.world : null,
  });
  if (options.autoplay !== undefined || options.autoplayTimings) {
    state.setAutoplay({ on: options.autoplay, timings: options.autoplayTimings });
  }
  const stateFile = options.stateFile;
  if (stateFile) {
    const save = (): void => {
      try {
        saveWorld(stateFile, state.toJSON());
      } catch (error) {
        log(`simulator: cannot save state: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    state.onChange(save);
    save();
  }
  return state;
}

export function createSimulator(options: SimulatorOptions = {}): SimulatorCore {
  const now = options.now ?? (() => Date.now());
  const wait = options.setTimeout ?? realSetTimeout;
  const shape = options.shape ?? 'b';
  const clientId = options.clientId ?? 'training';
  const clientSecret = options.clientSecret ?? 'training';
  const ttl = options.tokenTtlSeconds ?? 3600;
  const quirks = new Set(options.quirks ?? []);
  const controlToken = options.controlToken || newControlToken();
  let hosts = new Set<string>();
  let origin = '';

  const state = openState(options, now, options.log ?? (() => undefined));
  const autoplay = new Autoplay(state, now, wait);
  const tokens = new TokenStore(ttl, now);
  const faults = new FaultPlan();
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit, now) : null;
  if (options.faults) faults.set(options.faults);
  const requests: RequestLogEntry[] = [];
  const listeners = new Set<(entry: RequestLogEntry) => void>();
  if (options.onRequest) listeners.add(options.onRequest);
  const pendingDelays = new Set<() => void>();
  let stopped = false;

  const api: ApiRoute[] = apiRoutes({
    state,
    shape,
    closedGet285: options.closedGet285 ?? false,
    issueToken: (id, secret) => (id === clientId && secret === clientSecret ? tokens.issue(id) : null),
  });
  const control: ControlRoute[] = controlRoutes({
    state,
    faults,
    tokens,
    recentRequests: () => requests.slice(-200),
    info: () => ({
      shape,
      baseUrl: origin + API_PREFIX,
      tokenTtlSeconds: ttl,
      autoplay: state.autoplay,
      api: Object.values(API_PATHS),
      control: [...CONTROL_PATHS],
    }),
  });

  /** Waits `ms`, or less if the simulator stops meanwhile (then resolves false). */
  function delay(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (ok: boolean): void => {
        clearTimer();
        pendingDelays.delete(cancel);
        resolve(ok);
      };
      const cancel = (): void => done(false);
      const clearTimer = wait(() => done(true), ms);
      pendingDelays.add(cancel);
    });
  }

  function logEntry(req: SimRequest, path: string): RequestLogEntry {
    const entry: RequestLogEntry = { method: req.method, path, at: now(), op: null, status: null, fault: null };
    requests.push(entry);
    if (requests.length > MAX_LOGGED_REQUESTS) requests.splice(0, requests.length - MAX_LOGGED_REQUESTS);
    for (const listener of listeners) listener(entry);
    return entry;
  }

  function handleControl(req: SimRequest & { body: string | null }, path: string): Reply {
    const refused = controlProblem(req, controlToken, hosts);
    if (refused) return fail(refused[0], refused[1]);
    const route = control.find((r) => r.method === req.method && r.pattern.test(path));
    if (!route) return fail(404, `No control route for ${req.method} ${CONTROL_PREFIX}${path}`);
    const body = parseJson(req.body ?? '');
    if (body === INVALID) return fail(400, 'Malformed JSON body');
    return route.handle(body, route.pattern.exec(path)?.slice(1) ?? []);
  }

  async function handleApi(
    req: SimRequest & { body: string | null },
    url: URL,
    entry: RequestLogEntry,
  ): Promise<SimResponse> {
    const path = url.pathname.slice(API_PREFIX.length);
    const route = api.find((r) => r.method === req.method && r.pattern.test(path));
    if (!route) return json(fail(404, `No route for ${req.method} ${url.pathname}`));
    entry.op = route.op;
    const allowed = limiter?.take(clientId) ?? { ok: true };
    if (!allowed.ok) return json(tooMany(allowed.retryAfterSeconds));

    const { latencyMs, fault } = faults.match(route.op, route.bearer);
    if (latencyMs > 0) {
      entry.fault = 'latency';
      if (!(await delay(latencyMs)) || stopped) return { kind: 'reset' };
    }
    if (fault) entry.fault = fault.kind;
    switch (fault?.kind) {
      case 'hold':
        // A hung VPN or firewall: nothing for latencyMs, then the connection drops unhandled.
        await delay(fault.latencyMs);
        return { kind: 'reset' };
      case 'reset':
        if (!fault.afterHandling) return { kind: 'reset' };
        break;
      case 'error500':
        return json(fail(500, 'Internal server error'));
      case 'error502':
        return {
          kind: 'reply',
          status: 502,
          headers: { 'content-type': 'text/html; charset=utf-8' },
          text: BAD_GATEWAY_HTML,
        };
      case 'rateLimited':
        return json(tooMany(fault.retryAfterSeconds));
      case 'tokenExpiry':
        tokens.expireAll();
        break;
      case 'refuse401':
        return json(fail(401, 'Invalid client credentials'));
      case 'refuse400':
        return json(fail(400, 'Bad request'));
      default:
        break;
    }

    if (route.bearer && !tokens.accepts(req.headers.authorization)) return json(fail(401, 'Unauthorized'));
    const body = parseJson(req.body ?? '');
    if (body === INVALID) return json(fail(400, 'Malformed JSON body'));
    const handled = route.handle({ body, params: route.pattern.exec(path)?.slice(1) ?? [], query: url.searchParams });
    const result = applyQuirks(quirks, route.op, handled);

    if (fault?.kind === 'reset') return { kind: 'reset' };
    const answered = json(result);
    if (fault?.kind === 'truncated' && answered.kind === 'reply') {
      const text = JSON.stringify(result.body ?? { message: 'ok' });
      return { ...answered, text: text.slice(0, Math.max(1, Math.floor(text.length / 2))) };
    }
    return answered;
  }

  async function handle(req: SimRequest): Promise<SimResponse> {
    const url = new URL(req.url || '/', 'http://127.0.0.1');
    // Logged as it arrives, before its body is read (the benchmark's clock).
    const entry = logEntry(req, url.pathname);
    const answer = await route({ ...req, body: await req.body }, url, entry);
    if (answer.kind === 'reply') entry.status = answer.status;
    return answer;
  }

  async function route(
    req: SimRequest & { body: string | null },
    url: URL,
    entry: RequestLogEntry,
  ): Promise<SimResponse> {
    if (req.body === null) return json(fail(413, 'Request body too large'));
    const foreignHost = hostProblem(req, hosts);
    if (foreignHost) return json(fail(403, foreignHost));
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      return json(handleControl(req, url.pathname.slice(CONTROL_PREFIX.length)));
    }
    if (!url.pathname.startsWith(`${API_PREFIX}/`))
      return json(fail(404, `No route for ${req.method} ${url.pathname}`));
    return handleApi(req, url, entry);
  }

  return {
    controlToken,
    state,
    requests,
    faults: {
      set: (rules) => faults.set(rules),
      add: (rule) => faults.add(rule),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    expireTokens: () => tokens.expireAll(),
    setAutoplay: (on, timings) => state.setAutoplay({ on, timings }),
    onRequest(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    bind(at, accepted) {
      origin = at;
      hosts = accepted;
    },
    handle,
    stop() {
      stopped = true;
      autoplay.stop();
      for (const cancel of [...pendingDelays]) cancel();
    },
  };
}

function tooMany(retryAfterSeconds: number): Reply {
  return { ...fail(429, 'Too many requests'), headers: { 'retry-after': String(retryAfterSeconds) } };
}

/** A route's reply as sent: JSON with its content type, or no body for a 204 or an empty reply. */
function json(reply: Reply): SimResponse {
  if (reply.status === 204 || reply.body === undefined) {
    return { kind: 'reply', status: reply.status, headers: { ...reply.headers }, text: '' };
  }
  return {
    kind: 'reply',
    status: reply.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...reply.headers },
    text: JSON.stringify(reply.body),
  };
}

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n' +
  '<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

const INVALID = Symbol('invalid JSON');

function parseJson(raw: string): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return INVALID;
  }
}
