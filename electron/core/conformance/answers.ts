// One recorded exchange -> what the report says about it: which kind of answer it is (by method
// and path), its shape verdict (lists: merged over their items), AURA's message, status strings.
import { auraMessageOf } from '../aura/http';
import { analyse, envelopeOf, type ShapeVerdict } from './analyse';
import type { Exchange } from './recorder';
import type { DOCUMENTED } from './shapes';

type Kind = keyof typeof DOCUMENTED;

export interface AnswerReport {
  method: string;
  path: string;
  status: number | null;
  latencyMs: number;
  /** The answer kind checked, e.g. `token`, `fixedLocation`, or `error` for a 4xx/5xx. */
  kind: string;
  /** For a list: how it came (bare array, wrapped under a key) and how many items. */
  envelope: string | null;
  items: number | null;
  verdict: ShapeVerdict | null;
  /** The verdict of a wrapped callout (`{message, callout}`), when there is one. */
  inner: ShapeVerdict | null;
  message: string | null;
  statusStrings: string[];
  /** A network failure or timeout instead of an answer. */
  error: string | null;
}

interface Route {
  pattern: RegExp;
  method: string;
  kind: Kind;
  list?: boolean;
  /** The kind of an object wrapped under `callout`. */
  inner?: Kind;
  /** Keys a single object may be wrapped under. */
  unwrap?: string[];
}

const ROUTES: Route[] = [
  { method: 'POST', pattern: /^\/oauth\/token$/, kind: 'token' },
  { method: 'GET', pattern: /^\/predefinedLocations$/, kind: 'fixedLocation', list: true },
  {
    method: 'POST',
    pattern: /^\/predefinedLocations$/,
    kind: 'fixedLocation',
    unwrap: ['predefinedLocation', 'location', 'data'],
  },
  {
    method: 'POST',
    pattern: /^\/predefinedLocations\/externalRef\/[^/]+\/callouts$/,
    kind: 'raise',
    inner: 'flatCallout',
  },
  { method: 'GET', pattern: /^\/callouts\/activeCallouts$/, kind: 'flatCallout', list: true },
  { method: 'GET', pattern: /^\/callouts\/[^/]+\/events$/, kind: 'event', list: true },
  { method: 'GET', pattern: /^\/callouts\/[^/]+$/, kind: 'calloutRead', inner: 'nestedCallout' },
];

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function statusesIn(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const v of value) statusesIn(v, into);
  else if (isRecord(value)) {
    if (typeof value.status === 'string') into.add(value.status);
    for (const key of ['callout', 'callouts', 'activeCallouts', 'data']) statusesIn(value[key], into);
  }
}

/** Several items' verdicts as one: matched doc sets joined, fields united. */
function merge(verdicts: ShapeVerdict[]): ShapeVerdict | null {
  if (verdicts.length === 0) return null;
  const uniq = (xs: string[]): string[] => [...new Set(xs)];
  const matched = uniq(verdicts.map((v) => v.matched ?? 'none'));
  return {
    matched: matched.includes('none') ? null : matched.join(', '),
    closest: uniq(verdicts.map((v) => v.closest)).join(', '),
    unknownFields: uniq(verdicts.flatMap((v) => v.unknownFields)),
    missingFields: uniq(verdicts.flatMap((v) => v.missingFields)),
    typeMismatches: uniq(verdicts.flatMap((v) => v.typeMismatches)),
    keys: Object.assign({}, ...verdicts.map((v) => v.keys)) as ShapeVerdict['keys'],
  };
}

export function reportAnswer(exchange: Exchange): AnswerReport {
  const path = exchange.path.split('?')[0] ?? exchange.path;
  const base: AnswerReport = {
    method: exchange.method,
    path,
    status: exchange.status,
    latencyMs: exchange.latencyMs,
    kind: 'unknown',
    envelope: null,
    items: null,
    verdict: null,
    inner: null,
    message: null,
    statusStrings: [],
    error: exchange.error,
  };
  const json = exchange.json;
  const statuses = new Set<string>();
  statusesIn(json, statuses);
  base.statusStrings = [...statuses];
  if (isRecord(json)) base.message = auraMessageOf(JSON.stringify(json));
  if (exchange.status === null || exchange.status >= 300 || exchange.status < 200) {
    return { ...base, kind: exchange.status === null ? 'no answer' : 'error', statusStrings: [] };
  }
  const route = ROUTES.find((r) => r.method === exchange.method && r.pattern.test(path));
  if (!route) return base;
  if (route.list) {
    const list = envelopeOf(json);
    if (!list) return { ...base, kind: route.kind, envelope: 'no list found' };
    const verdicts = list.items.filter(isRecord).map((item) => analyse(route.kind, item));
    return {
      ...base,
      kind: `list of ${route.kind}`,
      envelope: list.envelope,
      items: list.items.length,
      verdict: merge(verdicts),
    };
  }
  let body: unknown = json;
  for (const key of route.unwrap ?? []) if (isRecord(body) && isRecord(body[key])) body = body[key];
  if (!isRecord(body)) return { ...base, kind: route.kind, envelope: `not an object (${typeof body})` };
  const verdict = analyse(route.kind, body);
  const innerBody = route.inner && isRecord(body.callout) ? body.callout : null;
  const inner = innerBody && route.inner ? analyse(route.inner, innerBody) : null;
  if (route.kind === 'token') base.message = null;
  return { ...base, kind: route.kind, verdict, inner };
}
