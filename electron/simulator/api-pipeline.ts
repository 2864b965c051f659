// One AURA request through the simulator, a short step per job: find the route, rate limit,
// injected faults (before and after handling), bearer token, body, handler, quirks.
import type { ApiRoute } from './api';
import type { Delays } from './delays';
import type { FaultPlan, FaultRule } from './faults';
import { applyQuirks, type SimQuirk } from './quirks';
import type { RateLimiter } from './rate-limit';
import { fail } from './reply';
import { badGateway, INVALID, json, parseJson, tooMany, truncated } from './sim-response';
import type { RequestLogEntry, SimRequest, SimResponse } from './sim-types';
import type { TokenStore } from './tokens';

export const API_PREFIX = '/panic-api/v2';

export interface ApiPipeline {
  routes: ApiRoute[];
  clientId: string;
  limiter: RateLimiter | null;
  faults: FaultPlan;
  tokens: TokenStore;
  quirks: ReadonlySet<SimQuirk>;
  delays: Delays;
}

type ReadRequest = SimRequest & { body: string | null };

export async function answerApi(
  p: ApiPipeline,
  req: ReadRequest,
  url: URL,
  entry: RequestLogEntry,
): Promise<SimResponse> {
  const path = url.pathname.slice(API_PREFIX.length);
  const route = p.routes.find((r) => r.method === req.method && r.pattern.test(path));
  if (!route) return json(fail(404, `No route for ${req.method} ${url.pathname}`));
  entry.op = route.op;
  const allowed = p.limiter?.take(p.clientId) ?? { ok: true };
  if (!allowed.ok) return json(tooMany(allowed.retryAfterSeconds));

  const { latencyMs, fault } = p.faults.match(route.op, route.bearer);
  if (latencyMs > 0) {
    entry.fault = 'latency';
    if (!(await p.delays.delay(latencyMs)) || p.delays.stopped) return { kind: 'reset' };
  }
  if (fault) entry.fault = fault.kind;
  if (fault?.kind === 'hold') {
    // A hung VPN or firewall: nothing for latencyMs, then the connection drops unhandled.
    await p.delays.delay(fault.latencyMs);
    return { kind: 'reset' };
  }
  const early = faultBeforeHandling(p, fault);
  if (early) return early;

  if (route.bearer && !p.tokens.accepts(req.headers.authorization)) return json(fail(401, 'Unauthorized'));
  const body = parseJson(req.body ?? '');
  if (body === INVALID) return json(fail(400, 'Malformed JSON body'));
  const handled = route.handle({ body, params: route.pattern.exec(path)?.slice(1) ?? [], query: url.searchParams });
  const result = applyQuirks(p.quirks, route.op, handled);

  if (fault?.kind === 'reset') return { kind: 'reset' };
  const answered = json(result);
  return fault?.kind === 'truncated' ? truncated(answered, result) : answered;
}

/** The answer an injected fault gives instead of the route's, or null to go on handling. */
function faultBeforeHandling(p: ApiPipeline, fault: FaultRule | null): SimResponse | null {
  switch (fault?.kind) {
    case 'reset':
      return fault.afterHandling ? null : { kind: 'reset' };
    case 'error500':
      return json(fail(500, 'Internal server error'));
    case 'error502':
      return badGateway();
    case 'rateLimited':
      return json(tooMany(fault.retryAfterSeconds));
    case 'tokenExpiry':
      p.tokens.expireAll();
      return null;
    case 'refuse401':
      return json(fail(401, 'Invalid client credentials'));
    case 'refuse400':
      return json(fail(400, 'Bad request'));
    default:
      return null;
  }
}
