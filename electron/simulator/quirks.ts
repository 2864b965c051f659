// Odd but plausible answers a real AURA server might give where the docs are silent or loose
// (issue 11): the simulator can be told to give them, in either documented shape, so every
// tolerance of the client is tested against a server. Off by default: the simulator emits the
// documented shapes unless a quirk is asked for (`--quirks a,b` or SimulatorOptions.quirks).
import type { ApiOperation } from './operations';
import type { Reply } from './reply';

export const SIM_QUIRKS = [
  /** The token answer has no expires_in / expiresIn. */
  'tokenWithoutLifetime',
  /** The token is under `token` instead of access_token / accessToken. */
  'tokenUnderOtherKey',
  /** The raise answer's callout names its id `calloutId`. */
  'calloutIdKey',
  /** The raise answer's callout has no `status`. */
  'raiseWithoutStatus',
  /** Numbers (ids, predefinedLocationId, type ids) sent as numeric strings. */
  'numericStrings',
  /** Error bodies carry `message` as an array of strings. */
  'messageArray',
  /** A callout not yet dispatched reads "Not dispatched" instead of "created". */
  'negatedStatus',
  /** Lists hold one odd item: a callout with `status: null`, a location without its reference. */
  'oddListItem',
] as const;
export type SimQuirk = (typeof SIM_QUIRKS)[number];

type Json = Record<string, unknown>;

const CALLOUT_OPS: ReadonlySet<ApiOperation> = new Set([
  'raiseCallout',
  'getCallout',
  'listActiveCallouts',
  'cancelCallout',
  'updateLocationAndReturnCallout',
]);
const LOCATION_OPS: ReadonlySet<ApiOperation> = new Set([
  'listFixedLocations',
  'createFixedLocation',
  'getFixedLocation',
  'updateFixedLocation',
]);

const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** The list inside a reply body (bare or wrapped), to add or change items in place. */
function listIn(body: unknown): unknown[] | null {
  if (Array.isArray(body)) return body;
  if (isObject(body)) for (const v of Object.values(body)) if (Array.isArray(v)) return v;
  return null;
}

/** The callout records inside a reply body: flat, wrapped as `{callout}`, or a list. */
function calloutsIn(body: unknown): Json[] {
  const list = listIn(body);
  if (list) return list.filter(isObject);
  if (isObject(body)) return isObject(body.callout) ? [body.callout] : [body];
  return [];
}

function locationsIn(body: unknown): Json[] {
  const list = listIn(body);
  if (list) return list.filter(isObject);
  return isObject(body) ? [body] : [];
}

function stringify(record: Json, keys: readonly string[]): void {
  for (const key of keys) if (typeof record[key] === 'number') record[key] = String(record[key]);
}

/** The reply with the asked-for quirks applied (a deep copy; the world is never touched). */
export function applyQuirks(quirks: ReadonlySet<SimQuirk>, op: ApiOperation, reply: Reply): Reply {
  if (quirks.size === 0 || reply.body === undefined) return reply;
  const body = structuredClone(reply.body);
  const ok = reply.status >= 200 && reply.status < 300;
  if (!ok) {
    if (quirks.has('messageArray') && isObject(body) && typeof body.message === 'string') {
      body.message = [body.message, 'See the API reference'];
    }
    return { ...reply, body };
  }
  if (op === 'token' && isObject(body)) {
    if (quirks.has('tokenWithoutLifetime')) {
      delete body.expires_in;
      delete body.expiresIn;
    }
    if (quirks.has('tokenUnderOtherKey')) {
      body.token = body.access_token ?? body.accessToken;
      delete body.access_token;
      delete body.accessToken;
    }
  }
  if (CALLOUT_OPS.has(op)) {
    if (op === 'listActiveCallouts' && quirks.has('oddListItem')) {
      listIn(body)?.unshift({ id: 1, customerId: null, predefinedLocationId: 1, status: null, createdAt: null });
    }
    for (const c of calloutsIn(body)) {
      if (quirks.has('negatedStatus') && c.status === 'created') c.status = 'Not dispatched';
      if (quirks.has('numericStrings')) {
        stringify(c, ['predefinedLocationId', 'customerId', 'responseTypeId', 'calloutClassificationId']);
      }
      if (op === 'raiseCallout' && quirks.has('calloutIdKey')) {
        c.calloutId = c.id;
        delete c.id;
      }
      if (op === 'raiseCallout' && quirks.has('raiseWithoutStatus')) delete c.status;
    }
  }
  if (LOCATION_OPS.has(op)) {
    if (op === 'listFixedLocations' && quirks.has('oddListItem')) {
      listIn(body)?.unshift({ id: 1, locationIdentifier: 'A location without a reference', latitude: '0' });
    }
    if (quirks.has('numericStrings')) {
      for (const l of locationsIn(body)) stringify(l, ['id', 'customerId', 'calloutLocationTypeId']);
    }
  }
  return { ...reply, body };
}
