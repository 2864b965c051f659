// A simulator of AURA's Panic API (Property Protect), served over real HTTP on 127.0.0.1.
// Used three ways: Training mode inside the app, `npm run sim`, and the tests' AURA server.
// It follows shared/aura-api.md (routes and quirks in api.ts), enforces bearer auth with expiring
// tokens, injects faults per route and per request count (faults.ts), offers responder control
// and autoplay under /__sim/ (control.ts, autoplay.ts), and can persist its world (persist.ts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiRoutes, type ApiRoute } from './api';
import { Autoplay } from './autoplay';
import { CONTROL_PREFIX, controlRoutes } from './control';
import { controlProblem, hostProblem, newControlToken, ownHosts } from './control-guard';
import { FaultPlan, type FaultRule, type FaultRuleInput, type SimFaultKind } from './faults';
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
/** Request bodies above this get a 413. */
const MAX_REQUEST_BYTES = 1_000_000;
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

export interface RunningSimulator {
  /** e.g. http://127.0.0.1:4010 */
  origin: string;
  /** The AURA base URL clients use: `${origin}/panic-api/v2`. */
  baseUrl: string;
  /** The bearer token of the /__sim/ control routes (random unless given). */
  controlToken: string;
  /** Headers for a /__sim/ call: the control token and a JSON content type. */
  controlHeaders: Record<string, string>;
  state: SimulatorState;
  /** Every request received, in order (the latest 20,000), for tests and the benchmark. */
  requests: RequestLogEntry[];
  faults: SimulatorFaults;
  /** Every token issued so far expires now. */
  expireTokens(): void;
  setAutoplay(on: boolean, timings?: Partial<AutoplayTimings>): void;
  /** Listens to requests as they arrive; returns the unsubscribe function. */
  onRequest(listener: (entry: RequestLogEntry) => void): () => void;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const now = options.now ?? (() => Date.now());
  const shape = options.shape ?? 'b';
  const clientId = options.clientId ?? 'training';
  const clientSecret = options.clientSecret ?? 'training';
  const ttl = options.tokenTtlSeconds ?? 3600;
  const log = options.log ?? (() => undefined);
  const quirks = new Set(options.quirks ?? []);
  const controlToken = options.controlToken || newControlToken();
  let hosts = new Set<string>();

  const loaded = options.stateFile ? loadWorld(options.stateFile) : ({ kind: 'missing' } as const);
  if (loaded.kind === 'invalid') log(`simulator: state file unreadable (${loaded.reason}); moved to ${loaded.movedTo}`);
  const state = new SimulatorState({
    shape,
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
  const autoplay = new Autoplay(state, now);
  const tokens = new TokenStore(ttl, now);
  const faults = new FaultPlan();
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit, now) : null;
  if (options.faults) faults.set(options.faults);
  const requests: RequestLogEntry[] = [];
  const listeners = new Set<(entry: RequestLogEntry) => void>();
  if (options.onRequest) listeners.add(options.onRequest);
  const pendingDelays = new Set<() => void>();
  let closing = false;

  const api: ApiRoute[] = apiRoutes({
    state,
    shape,
    closedGet285: options.closedGet285 ?? false,
    issueToken: (id, secret) => (id === clientId && secret === clientSecret ? tokens.issue(id) : null),
  });
  let origin = '';
  const control = controlRoutes({
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

  /** Waits `ms`, or less if the simulator closes meanwhile (then resolves false). */
  function delay(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const done = (ok: boolean): void => {
        clearTimeout(timer);
        pendingDelays.delete(cancel);
        resolve(ok);
      };
      const cancel = (): void => done(false);
      const timer = setTimeout(() => done(true), ms);
      pendingDelays.add(cancel);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const entry: RequestLogEntry = {
      method: req.method ?? '',
      path: url.pathname,
      at: now(),
      op: null,
      status: null,
      fault: null,
    };
    requests.push(entry);
    if (requests.length > MAX_LOGGED_REQUESTS) requests.splice(0, requests.length - MAX_LOGGED_REQUESTS);
    for (const listener of listeners) listener(entry);

    const raw = await readBody(req);
    const reply = (r: Reply): void => {
      entry.status = r.status;
      send(res, r);
    };
    if (raw === null) return reply(fail(413, 'Request body too large'));
    const foreignHost = hostProblem(req, hosts);
    if (foreignHost) return reply(fail(403, foreignHost));

    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      const refused = controlProblem(req, controlToken, hosts);
      if (refused) return reply(fail(refused[0], refused[1]));
      const path = url.pathname.slice(CONTROL_PREFIX.length);
      const route = control.find((r) => r.method === req.method && r.pattern.test(path));
      if (!route) return reply(fail(404, `No control route for ${req.method} ${url.pathname}`));
      const body = parseJson(raw);
      if (body === INVALID) return reply(fail(400, 'Malformed JSON body'));
      return reply(route.handle(body, route.pattern.exec(path)?.slice(1) ?? []));
    }

    if (!url.pathname.startsWith(`${API_PREFIX}/`))
      return reply(fail(404, `No route for ${req.method} ${url.pathname}`));
    const path = url.pathname.slice(API_PREFIX.length);
    const route = api.find((r) => r.method === req.method && r.pattern.test(path));
    if (!route) return reply(fail(404, `No route for ${req.method} ${url.pathname}`));
    entry.op = route.op;
    const allowed = limiter?.take(clientId) ?? { ok: true };
    if (!allowed.ok) {
      return reply({
        ...fail(429, 'Too many requests'),
        headers: { 'retry-after': String(allowed.retryAfterSeconds) },
      });
    }

    const { latencyMs, fault } = faults.match(route.op, route.bearer);
    if (latencyMs > 0) {
      entry.fault = 'latency';
      if (!(await delay(latencyMs)) || closing) return;
    }
    if (fault) entry.fault = fault.kind;
    switch (fault?.kind) {
      case 'hold':
        if (!(await delay(fault.latencyMs)) || closing) return;
        return void req.socket.destroy();
      case 'reset':
        if (!fault.afterHandling) return void req.socket.destroy();
        break;
      case 'error500':
        return reply(fail(500, 'Internal server error'));
      case 'error502':
        entry.status = 502;
        return sendText(res, 502, 'text/html; charset=utf-8', BAD_GATEWAY_HTML);
      case 'rateLimited':
        return reply({
          ...fail(429, 'Too many requests'),
          headers: { 'retry-after': String(fault.retryAfterSeconds) },
        });
      case 'tokenExpiry':
        tokens.expireAll();
        break;
      case 'refuse401':
        return reply(fail(401, 'Invalid client credentials'));
      case 'refuse400':
        return reply(fail(400, 'Bad request'));
      default:
        break;
    }

    if (route.bearer && !tokens.accepts(req.headers.authorization)) return reply(fail(401, 'Unauthorized'));
    const body = parseJson(raw);
    if (body === INVALID) return reply(fail(400, 'Malformed JSON body'));
    const handled = route.handle({ body, params: route.pattern.exec(path)?.slice(1) ?? [], query: url.searchParams });
    const result = applyQuirks(quirks, route.op, handled);

    if (fault?.kind === 'reset') return void req.socket.destroy();
    if (fault?.kind === 'truncated') {
      const text = JSON.stringify(result.body ?? { message: 'ok' });
      entry.status = result.status;
      return sendText(res, result.status, 'application/json', text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    }
    reply(result);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, fail(500, `simulator error: ${error instanceof Error ? error.message : String(error)}`));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  hosts = ownHosts(port);

  return {
    origin,
    baseUrl: origin + API_PREFIX,
    controlToken,
    controlHeaders: { authorization: `Bearer ${controlToken}`, 'content-type': 'application/json' },
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
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        autoplay.stop();
        for (const cancel of [...pendingDelays]) cancel();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
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

function send(res: ServerResponse, reply: Reply): void {
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, { 'content-length': 0, ...reply.headers });
    res.end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...reply.headers,
  });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The body as text, or null when it exceeds the cap. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
