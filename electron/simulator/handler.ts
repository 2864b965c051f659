// The simulator without a transport: its world, faults, tokens and request log, and one function
// that answers a request. server.ts puts it behind real HTTP on 127.0.0.1; the model-based test
// (test/reliability/model) calls it straight from an in-memory fetch on a virtual clock. One job
// per file: the AURA pipeline (api-pipeline.ts), the control table (control.ts), the request log
// (request-log.ts), waits (delays.ts), the world at start (open-state.ts), the wire (sim-response.ts).
import { apiRoutes } from './api';
import { answerApi, API_PREFIX, type ApiPipeline } from './api-pipeline';
import { Autoplay } from './autoplay';
import { CONTROL_PREFIX, controlRoutes, type ControlRoute } from './control';
import { controlProblem, hostProblem, newControlToken } from './control-guard';
import { Delays, realSetTimeout } from './delays';
import { FaultPlan } from './faults';
import { openState } from './open-state';
import { API_PATHS, CONTROL_PATHS } from './operations';
import { RateLimiter } from './rate-limit';
import { fail, type Reply } from './reply';
import { RequestLog } from './request-log';
import { INVALID, json, parseJson } from './sim-response';
import type { SimRequest, SimResponse, SimulatorCore, SimulatorFaults, SimulatorOptions } from './sim-types';
import type { SimulatorState } from './state';
import { TokenStore } from './tokens';

export { API_PREFIX } from './api-pipeline';
export type {
  RequestLogEntry,
  SimRequest,
  SimResponse,
  SimulatorCore,
  SimulatorFaults,
  SimulatorOptions,
} from './sim-types';

type ReadRequest = SimRequest & { body: string | null };

/** Where the simulator is reached (its control info names it) and the Host headers it accepts. */
interface Binding {
  origin: string;
  hosts: Set<string>;
}

export function createSimulator(options: SimulatorOptions = {}): SimulatorCore {
  const now = options.now ?? (() => Date.now());
  const ttl = options.tokenTtlSeconds ?? 3600;
  const controlToken = options.controlToken || newControlToken();
  const binding: Binding = { origin: '', hosts: new Set<string>() };

  const state = openState(options, now, options.log ?? (() => undefined));
  const delays = new Delays(options.setTimeout ?? realSetTimeout);
  const autoplay = new Autoplay(state, now, options.setTimeout ?? realSetTimeout);
  const tokens = new TokenStore(ttl, now);
  const faults = new FaultPlan();
  if (options.faults) faults.set(options.faults);
  const log = new RequestLog(now);
  if (options.onRequest) log.listen(options.onRequest);

  const pipeline = apiPipeline(options, { state, tokens, faults, delays, now });
  const control = controlRoutes({
    state,
    faults,
    tokens,
    recentRequests: () => log.entries.slice(-200),
    info: () => ({ ...simulatorInfo(options), baseUrl: binding.origin + API_PREFIX, autoplay: state.autoplay }),
  });

  async function handle(req: SimRequest): Promise<SimResponse> {
    const url = new URL(req.url || '/', 'http://127.0.0.1');
    // Logged as it arrives, before its body is read (the benchmark's clock).
    const entry = log.add(req.method, url.pathname);
    const read: ReadRequest = { ...req, body: await req.body };
    const answer = await route(read, url, () => answerApi(pipeline, read, url, entry));
    if (answer.kind === 'reply') entry.status = answer.status;
    return answer;
  }

  async function route(req: ReadRequest, url: URL, api: () => Promise<SimResponse>): Promise<SimResponse> {
    if (req.body === null) return json(fail(413, 'Request body too large'));
    const foreignHost = hostProblem(req, binding.hosts);
    if (foreignHost) return json(fail(403, foreignHost));
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      return json(answerControl(control, req, url.pathname.slice(CONTROL_PREFIX.length), controlToken, binding));
    }
    if (!url.pathname.startsWith(`${API_PREFIX}/`))
      return json(fail(404, `No route for ${req.method} ${url.pathname}`));
    return api();
  }

  return {
    controlToken,
    state,
    requests: log.entries,
    faults: faultsOf(faults),
    expireTokens: () => tokens.expireAll(),
    setAutoplay: (on, timings) => state.setAutoplay({ on, timings }),
    onRequest: (listener) => log.listen(listener),
    bind(at, accepted) {
      binding.origin = at;
      binding.hosts = accepted;
    },
    handle,
    stop() {
      delays.stop();
      autoplay.stop();
    },
  };
}

interface PipelineParts {
  state: SimulatorState;
  tokens: TokenStore;
  faults: FaultPlan;
  delays: Delays;
  now: () => number;
}

function apiPipeline(options: SimulatorOptions, parts: PipelineParts): ApiPipeline {
  const clientId = options.clientId ?? 'training';
  const clientSecret = options.clientSecret ?? 'training';
  const { state, tokens, faults, delays, now } = parts;
  return {
    routes: apiRoutes({
      state,
      shape: options.shape ?? 'b',
      closedGet285: options.closedGet285 ?? false,
      issueToken: (id, secret) => (id === clientId && secret === clientSecret ? tokens.issue(id) : null),
    }),
    clientId,
    limiter: options.rateLimit ? new RateLimiter(options.rateLimit, now) : null,
    faults,
    tokens,
    quirks: new Set(options.quirks ?? []),
    delays,
  };
}

/** What GET /__sim says besides where it is reached and the autoplay script. */
function simulatorInfo(options: SimulatorOptions): Record<string, unknown> {
  return {
    shape: options.shape ?? 'b',
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    api: Object.values(API_PATHS),
    control: [...CONTROL_PATHS],
  };
}

function faultsOf(faults: FaultPlan): SimulatorFaults {
  return {
    set: (rules) => faults.set(rules),
    add: (rule) => faults.add(rule),
    clear: () => faults.clear(),
    list: () => faults.list(),
  };
}

/** A /__sim/ request: the control token and Origin checks, then the control table. */
function answerControl(control: ControlRoute[], req: ReadRequest, path: string, token: string, at: Binding): Reply {
  const refused = controlProblem(req, token, at.hosts);
  if (refused) return fail(refused[0], refused[1]);
  const route = control.find((r) => r.method === req.method && r.pattern.test(path));
  if (!route) return fail(404, `No control route for ${req.method} ${CONTROL_PREFIX}${path}`);
  const body = parseJson(req.body ?? '');
  if (body === INVALID) return fail(400, 'Malformed JSON body');
  return route.handle(body, route.pattern.exec(path)?.slice(1) ?? []);
}
