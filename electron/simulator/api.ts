// The AURA Panic API routes of the simulator (paths under /panic-api/v2), with their documented
// quirks: 400 (never 404) for an unknown externalRef, the active callout returned when a site is
// raised twice, 285 on location updates once closed, report and map only after close. Request
// bodies are checked with zod in the shape being simulated: a Set B server wants string
// coordinates and `locationIdentifier`; a Set A server wants `name` and `responseTypeId`.
import { z } from 'zod';
import type { ApiOperation } from './operations';
import { fail, type Reply } from './reply';
import { EXCEPTION_REASONS, type SimulatorState } from './state';
import { calloutRead, flatCallout, locationView, type Shape } from './views';
import type { SimCallout, SimLocation } from './world';

export interface ApiContext {
  body: unknown;
  params: string[];
  query: URLSearchParams;
}

export interface ApiRoute {
  op: ApiOperation;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  pattern: RegExp;
  /** Needs a valid bearer token (every route but the token exchange). */
  bearer: boolean;
  handle(ctx: ApiContext): Reply;
}

export interface ApiOptions {
  state: SimulatorState;
  shape: Shape;
  /** Issues a token for valid credentials; null when they are wrong. */
  issueToken(clientId: string, clientSecret: string): { token: string; expiresIn: number } | null;
  /** Also answer 285 on GET /callouts/{id} once closed (undocumented; for testing clients). */
  closedGet285: boolean;
}

const numericString = z
  .string({ error: 'must be a number written as a string' })
  .trim()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a number written as a string');
/** Set A documents doubles; numeric strings are accepted too (our client sends strings). */
const coordinateA = z.union([z.number(), numericString]).transform((v) => String(v));
const optionalText = z.string().max(1000).nullish();

const LocationBodyB = z.object({
  externalReferenceId: z.string().trim().min(1).max(200),
  locationIdentifier: z.string().trim().min(1).max(300),
  latitude: numericString,
  longitude: numericString,
  calloutLocationTypeId: z.number().int().nullish(),
  customerId: z.number().int().nullish(),
  locationDescription: optionalText,
  locationAdditionalInformation: optionalText,
  formattedAddress: optionalText,
  w3w: optionalText,
  duressCode: optionalText,
});
const LocationBodyA = z.object({
  name: z.string().trim().min(1).max(300),
  externalReferenceId: z.string().trim().min(1).max(200),
  latitude: coordinateA.optional(),
  longitude: coordinateA.optional(),
  address: optionalText,
});
const RaiseBodyA = z.object({
  responseTypeId: z.number().int().positive(),
  calloutClassificationId: z.number().int().positive().nullish(),
  internalTest: z.boolean().nullish(),
});
const RaiseBodyB = z.object({ installerIdentifier: z.string().max(200).nullish() });
const EventBody = z.object({ message: z.string().trim().min(1).max(2000) });
const CancelBody = z.object({
  safeCode: z
    .string()
    .regex(/^\d{4}$/, 'must be 4 digits')
    .nullish(),
});
const ReasonBody = z.object({ exceptionReasonId: z.number().int(), notes: z.string().max(1000).nullish() });
const CalloutLocationBody = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  accuracy: z.number().nullish(),
});

type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };

function parse<T>(schema: z.ZodType<T>, body: unknown): Parsed<T> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, reply: fail(400, `${where}${issue?.message ?? 'invalid body'}`) };
}

function inRange(lat: string | undefined, lng: string | undefined): string | null {
  if (lat !== undefined && Math.abs(Number(lat)) > 90) return 'latitude must be between -90 and 90';
  if (lng !== undefined && Math.abs(Number(lng)) > 180) return 'longitude must be between -180 and 180';
  return null;
}

export function apiRoutes(opts: ApiOptions): ApiRoute[] {
  const { state, shape } = opts;
  const view = (l: SimLocation): Record<string, unknown> => locationView(shape, l);
  const read = (c: SimCallout, message: string): unknown => calloutRead(shape, c, message);

  /** The location fields of a create/update body, in the simulated shape. */
  function locationFields(
    body: unknown,
    creating: boolean,
  ): Parsed<Omit<Parameters<typeof state.addLocation>[0], never>> {
    if (shape === 'b') {
      const p = parse(LocationBodyB, body);
      if (!p.ok) return p;
      const v = p.value;
      const range = inRange(v.latitude, v.longitude);
      if (range) return { ok: false, reply: fail(400, range) };
      return {
        ok: true,
        value: {
          externalReferenceId: v.externalReferenceId,
          locationIdentifier: v.locationIdentifier,
          latitude: v.latitude,
          longitude: v.longitude,
          calloutLocationTypeId: v.calloutLocationTypeId ?? null,
          customerId: v.customerId ?? null,
          locationDescription: v.locationDescription ?? null,
          locationAdditionalInformation: v.locationAdditionalInformation ?? null,
          formattedAddress: v.formattedAddress ?? null,
          w3w: v.w3w ?? null,
        },
      };
    }
    const p = parse(LocationBodyA, body);
    if (!p.ok) return p;
    const v = p.value;
    if (creating && (v.latitude === undefined || v.longitude === undefined)) {
      return { ok: false, reply: fail(400, 'latitude and longitude are required') };
    }
    const range = inRange(v.latitude, v.longitude);
    if (range) return { ok: false, reply: fail(400, range) };
    return {
      ok: true,
      value: {
        externalReferenceId: v.externalReferenceId,
        locationIdentifier: v.name,
        latitude: v.latitude ?? '0',
        longitude: v.longitude ?? '0',
        ...(v.address !== undefined ? { formattedAddress: v.address ?? null } : {}),
      },
    };
  }

  function withCallout(idText: string | undefined, then: (c: SimCallout) => Reply): Reply {
    const c = state.callout(Number(idText));
    return c ? then(c) : fail(404, `Callout ${idText} not found`);
  }

  function withLocation(idText: string | undefined, then: (l: SimLocation) => Reply): Reply {
    const l = state.location(Number(idText));
    return l ? then(l) : fail(404, `Predefined location ${idText} not found`);
  }

  const closedOnly = (what: string) => (c: SimCallout) =>
    c.phase === 'closed' ? null : fail(404, `The ${what} of callout ${c.id} is available once the callout is closed`);

  return [
    {
      op: 'token',
      method: 'POST',
      pattern: /^\/oauth\/token$/,
      bearer: false,
      handle: ({ body }) => {
        const p = parse(z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) }), body);
        if (!p.ok) return fail(400, 'clientId and clientSecret are required');
        const grant = opts.issueToken(p.value.clientId, p.value.clientSecret);
        if (!grant) return fail(401, 'Invalid client credentials');
        return {
          status: 200,
          body:
            shape === 'a'
              ? { access_token: grant.token, token_type: 'Bearer', expires_in: grant.expiresIn }
              : { accessToken: grant.token, tokenType: 'Bearer', expiresIn: grant.expiresIn },
        };
      },
    },
    {
      op: 'listFixedLocations',
      method: 'GET',
      pattern: /^\/predefinedLocations$/,
      bearer: true,
      handle: ({ query }) => {
        // Paging is undocumented (aura-api.md §3.1): ignored unless both page and limit are given.
        let all = state.activeLocations();
        const page = Number(query.get('page'));
        const limit = Number(query.get('limit'));
        if (Number.isInteger(page) && page >= 1 && Number.isInteger(limit) && limit >= 1) {
          all = all.slice((page - 1) * limit, page * limit);
        }
        return { status: 200, body: all.map(view) };
      },
    },
    {
      op: 'createFixedLocation',
      method: 'POST',
      pattern: /^\/predefinedLocations$/,
      bearer: true,
      handle: ({ body }) => {
        const fields = locationFields(body, true);
        if (!fields.ok) return fields.reply;
        const ref = fields.value.externalReferenceId;
        // Undocumented (INFERRED): a duplicate reference is a conflict.
        if (state.locationByRef(ref)) return fail(409, `externalReferenceId ${ref} already exists`);
        return { status: 201, body: view(state.addLocation(fields.value)) };
      },
    },
    {
      op: 'raiseCallout',
      method: 'POST',
      pattern: /^\/predefinedLocations\/externalRef\/([^/]+)\/callouts$/,
      bearer: true,
      handle: ({ body, params: [refText] }) => {
        const ref = decodeURIComponent(refText ?? '');
        const loc = state.locationByRef(ref);
        // Documented quirk: an unknown (or deleted) externalRef is a 400 with a message, never a 404.
        if (!loc) return fail(400, `No predefined location found for externalReferenceId ${ref}`);
        let fields: Parameters<typeof state.raise>[1];
        if (shape === 'a') {
          const p = parse(RaiseBodyA, body);
          if (!p.ok) return p.reply;
          fields = p.value;
        } else {
          const p = parse(RaiseBodyB, body);
          if (!p.ok) return p.reply;
          fields = p.value;
        }
        const { callout, existing } = state.raise(loc, fields);
        // The active callout comes back with 200 and its own message; a new one with 201.
        const status = existing ? 200 : 201;
        if (shape === 'a') return { status, body: flatCallout(callout) };
        return {
          status,
          body: {
            message: existing ? 'Active callout already exists for this location' : 'Callout created',
            installerIdentifier: callout.installerIdentifier,
            externalReferenceId: ref,
            callout: flatCallout(callout),
          },
        };
      },
    },
    {
      op: 'getFixedLocation',
      method: 'GET',
      pattern: /^\/predefinedLocations\/(\d+)$/,
      bearer: true,
      handle: ({ params: [id] }) => withLocation(id, (l) => ({ status: 200, body: view(l) })),
    },
    {
      op: 'updateFixedLocation',
      method: 'PUT',
      pattern: /^\/predefinedLocations\/(\d+)$/,
      bearer: true,
      handle: ({ body, params: [id] }) =>
        withLocation(id, (l) => {
          const fields = locationFields(body, false);
          if (!fields.ok) return fields.reply;
          const other = state.locationByRef(fields.value.externalReferenceId);
          if (other && other.id !== l.id) {
            return fail(409, `externalReferenceId ${fields.value.externalReferenceId} already exists`);
          }
          const patch = shape === 'a' ? withoutUnsent(fields.value, body) : fields.value;
          return { status: 200, body: view(state.updateLocation(l.id, patch) ?? l) };
        }),
    },
    {
      op: 'deleteFixedLocation',
      method: 'DELETE',
      pattern: /^\/predefinedLocations\/(\d+)$/,
      bearer: true,
      handle: ({ params: [id] }) =>
        withLocation(id, (l) => {
          state.deleteLocation(l.id);
          // Undocumented (INFERRED "probably 200 or 204"): Set B says so in words, Set A says nothing.
          return shape === 'a' ? { status: 204 } : { status: 200, body: { message: 'Predefined location deleted' } };
        }),
    },
    {
      op: 'listActiveCallouts',
      method: 'GET',
      pattern: /^\/callouts\/activeCallouts$/,
      bearer: true,
      handle: () => {
        const list = state.activeCallouts().map(flatCallout);
        // Set A documents a bare array; whether Set B wraps it is open, so the B simulator does.
        return { status: 200, body: shape === 'a' ? list : { message: 'Active callouts retrieved', callouts: list } };
      },
    },
    {
      op: 'getCallout',
      method: 'GET',
      pattern: /^\/callouts\/(\d+)$/,
      bearer: true,
      handle: ({ params: [id] }) =>
        withCallout(id, (c) => ({
          status: opts.closedGet285 && c.phase === 'closed' ? 285 : 200,
          body: read(c, 'Callout retrieved'),
        })),
    },
    {
      op: 'listCalloutEvents',
      method: 'GET',
      pattern: /^\/callouts\/(\d+)\/events$/,
      bearer: true,
      handle: ({ params: [id] }) =>
        withCallout(id, (c) => ({ status: 200, body: state.eventsOf(c.id).map(eventView) })),
    },
    {
      op: 'sendCalloutEvent',
      method: 'POST',
      pattern: /^\/callouts\/(\d+)\/events$/,
      bearer: true,
      handle: ({ body, params: [id] }) =>
        withCallout(id, (c) => {
          const p = parse(EventBody, body);
          if (!p.ok) return p.reply;
          return { status: 201, body: eventView(state.addEvent(c.id, p.value.message)) };
        }),
    },
    {
      op: 'cancelCallout',
      method: 'POST',
      pattern: /^\/callouts\/(\d+)\/cancel$/,
      bearer: true,
      handle: ({ body, params: [id] }) => {
        const p = parse(CancelBody, body);
        if (!p.ok) return p.reply;
        const result = state.cancel(Number(id), p.value.safeCode ?? null);
        if ('refused' in result) return result.refused;
        // Set A: the flat callout; Set B: `{ callout }` (no message).
        const c = result.callout;
        return {
          status: 200,
          body: shape === 'a' ? flatCallout(c) : { callout: (read(c, '') as { callout: unknown }).callout },
        };
      },
    },
    {
      op: 'listExceptionReasons',
      method: 'GET',
      pattern: /^\/callouts\/(\d+)\/exceptionReasons$/,
      bearer: true,
      handle: ({ params: [id] }) =>
        withCallout(id, () => ({ status: 200, body: EXCEPTION_REASONS.map((r) => ({ ...r })) })),
    },
    {
      op: 'addExceptionReason',
      method: 'POST',
      pattern: /^\/callouts\/(\d+)\/exceptionReasons$/,
      bearer: true,
      handle: ({ body, params: [id] }) =>
        withCallout(id, (c) => {
          const p = parse(ReasonBody, body);
          if (!p.ok) return p.reply;
          const reason = EXCEPTION_REASONS.find((r) => r.id === p.value.exceptionReasonId);
          if (!reason) return fail(400, `Unknown exceptionReasonId ${p.value.exceptionReasonId}`);
          const record = state.addReason(c.id, reason.id, p.value.notes ?? null);
          return { status: 201, body: { id: record.id, reason: reason.reason } };
        }),
    },
    {
      op: 'getCalloutMap',
      method: 'GET',
      pattern: /^\/callouts\/(\d+)\/maps$/,
      bearer: true,
      handle: ({ params: [id] }) => withCallout(id, (c) => closedOnly('map')(c) ?? { status: 200, body: mapView(c) }),
    },
    {
      op: 'getResolutionReport',
      method: 'GET',
      pattern: /^\/callouts\/(\d+)\/resolutionReport$/,
      bearer: true,
      handle: ({ params: [id] }) =>
        withCallout(id, (c) => {
          const notYet = closedOnly('resolution report')(c);
          if (notYet) return notYet;
          const report = reportView(c);
          return { status: 200, body: shape === 'a' ? report : { message: 'Resolution report generated', report } };
        }),
    },
    {
      op: 'updateCalloutLocation',
      method: 'POST',
      pattern: /^\/callouts\/(\d+)\/location$/,
      bearer: true,
      handle: ({ body, params: [id] }) =>
        withCallout(id, (c) => {
          // Documented: once closed, location updates get 285 with the latest callout state.
          if (c.phase === 'closed') return { status: 285, body: read(c, 'Callout is closed') };
          const p = parse(CalloutLocationBody, body);
          if (!p.ok) return p.reply;
          return { status: 200, body: { message: 'Request completed successfully.' } };
        }),
    },
    {
      op: 'updateLocationAndReturnCallout',
      method: 'POST',
      pattern: /^\/callouts\/(\d+)\/updateLocationAndReturnCallout$/,
      bearer: true,
      handle: ({ body, params: [id] }) =>
        withCallout(id, (c) => {
          if (c.phase === 'closed') return { status: 285, body: read(c, 'Callout is closed') };
          const p = parse(CalloutLocationBody, body);
          if (!p.ok) return p.reply;
          return { status: 200, body: read(c, 'Callout retrieved') };
        }),
    },
  ];
}

/** Set A's PUT leaves out what the body did not carry (its coordinates and address are optional). */
function withoutUnsent<T extends Record<string, unknown>>(fields: T, body: unknown): Partial<T> {
  const sent = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const out: Partial<T> = { ...fields };
  if (sent.latitude === undefined) delete out.latitude;
  if (sent.longitude === undefined) delete out.longitude;
  return out;
}

function eventView(e: { id: number; calloutId: number; message: string; createdAt: string }): Record<string, unknown> {
  return { id: e.id, calloutId: e.calloutId, message: e.message, createdAt: e.createdAt };
}

function mapView(c: SimCallout): Record<string, unknown> {
  return { url: `https://maps.aura.services/static/callouts/${c.id}/map.png`, image: null };
}

function seconds(from: string | null, to: string | null): number | null {
  if (!from || !to) return null;
  return Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

function reportView(c: SimCallout): Record<string, unknown> {
  const outcome = c.cancelledAt ? 'Cancelled' : c.completedAt ? 'Responder completed' : 'Closed without response';
  return {
    calloutId: c.id,
    outcome,
    responseTimeSeconds: seconds(c.createdAt, c.arrivedAt),
    resolutionTimeSeconds: seconds(c.createdAt, c.closedAt),
    reportUrl: `https://reports.aura.services/callouts/${c.id}/resolution.pdf`,
  };
}
