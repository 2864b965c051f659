// zod schemas for AURA responses. The docs describe two shapes for several endpoints (see
// shared/aura-api.md, "Set A" and "Set B"); each schema accepts both and normalises to one.
import { z } from 'zod';
import { firstText, idSchema, intIdSchema, listOf, looseInt, looseNumber, looseText, oneOf } from './fields';

export { auraMessageOf } from './http';
export {
  FixedLocationListSchema,
  FixedLocationResponseSchema,
  FixedLocationSchema,
  type FixedLocation,
  type FixedLocationInput,
} from './locations';

/** When a token answer carries no lifetime, assume this and rely on the 401 refresh (issue 11). */
export const ASSUMED_TOKEN_LIFETIME_SECONDS = 3600;

/** Where a token may be: Set B's and Set A's names first, then names other frameworks use. */
const TOKEN_KEYS = [
  'accessToken',
  'access_token',
  'token',
  'jwt',
  'bearerToken',
  'bearer_token',
  'idToken',
  'id_token',
];
const LIFETIME_KEYS = ['expiresIn', 'expires_in'];

/**
 * Token exchange: `access_token/expires_in` (Set A) or `accessToken/expiresIn` (Set B). Tolerated
 * (docs/decisions.md): the token under another common key, or one level down under `data` or
 * `result`; a missing, null or unreadable lifetime (one hour is assumed: a 401 refreshes anyway).
 * `docSet` says which documented spelling the server used ('a', 'b' or null for neither).
 */
export const TokenResponseSchema = z.record(z.string(), z.unknown()).transform((raw, ctx) => {
  const inner = [raw.data, raw.result].find((v) => v && typeof v === 'object' && !Array.isArray(v));
  const body = firstText(raw, ...TOKEN_KEYS) === null && inner ? (inner as Record<string, unknown>) : raw;
  const token = firstText(body, ...TOKEN_KEYS);
  if (!token) {
    ctx.addIssue({ code: 'custom', message: 'token response lacks a token' });
    return z.NEVER;
  }
  const lifetime = LIFETIME_KEYS.map((k) => looseNumber.parse(body[k])).find((n) => n !== null && n > 0);
  const docSet: 'a' | 'b' | null =
    typeof body.accessToken === 'string' ? 'b' : typeof body.access_token === 'string' ? 'a' : null;
  return {
    token,
    expiresInSeconds: lifetime ?? ASSUMED_TOKEN_LIFETIME_SECONDS,
    lifetimeAssumed: lifetime === undefined,
    docSet,
  };
});

/**
 * One entry of incidentInformation. Its keys are undocumented (INFERRED from the webhook page),
 * so every field is tolerant and unknown keys are kept.
 */
const IncidentSchema = z
  .object({
    responderName: looseText.optional(),
    responderPhone: looseText.optional(),
    supplierName: looseText.optional(),
    responseType: looseText.optional(),
    classification: looseText.optional(),
    etaMinutes: looseNumber.optional(),
    dispatchedAt: looseText.optional(),
    arrivedAt: looseText.optional(),
    completedAt: looseText.optional(),
  })
  .passthrough();
export type Incident = z.output<typeof IncidentSchema>;

/** incidentInformation as an object, an array of them, or anything else (read as none). */
const IncidentsSchema = z.unknown().transform((v): Incident[] => {
  const items = Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : [];
  return items.flatMap((item) => {
    const parsed = IncidentSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
});

export interface Responder {
  name: string | null;
  phone: string | null;
  supplier: string | null;
}

/** Our normalised callout. The fields after `incidents` are always filled by the schema. */
export type AuraCallout = {
  id: string;
  /** AURA's free-form status string, kept raw for display (see status.ts for the stage). */
  status: string;
  predefinedLocationId: number | null;
  createdAt: string | null;
  incidents: Incident[];
  customerId?: number | null;
  latitude?: number | null;
  longitude?: number | null;
  responseTypeId?: number | null;
  calloutClassificationId?: number | null;
  /** The hosted tracking link, when AURA gives one (/people-protect/creating-callouts). */
  url?: string | null;
  /** The responder of the latest incident that names one. */
  responder?: Responder | null;
};

/** `calloutId` read as the id when `id` is missing (tolerated: some answers name it so). */
function withIdAlias(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const o = raw as Record<string, unknown>;
  return o.id === undefined && o.calloutId !== undefined ? { ...o, id: o.calloutId } : o;
}

const FlatCalloutObject = z
  .object({
    id: idSchema,
    status: z.string(),
    // A number, a numeric string or null (tolerated: numeric strings where numbers are documented).
    predefinedLocationId: z.union([intIdSchema, z.null()]).optional(),
    customerId: looseInt.optional(),
    createdAt: looseText.optional(),
    latitude: looseNumber.optional(),
    longitude: looseNumber.optional(),
    responseTypeId: looseInt.optional(),
    calloutClassificationId: looseInt.optional(),
    url: looseText.optional(),
    incidentInformation: IncidentsSchema.optional(),
  })
  .passthrough()
  .transform((c): AuraCallout => ({
    id: c.id,
    status: c.status,
    predefinedLocationId: c.predefinedLocationId ?? null,
    createdAt: c.createdAt ?? null,
    incidents: c.incidentInformation ?? [],
    customerId: c.customerId ?? null,
    latitude: c.latitude ?? null,
    longitude: c.longitude ?? null,
    responseTypeId: c.responseTypeId ?? null,
    calloutClassificationId: c.calloutClassificationId ?? null,
    url: c.url ?? null,
    responder: responderOf(c.incidentInformation ?? []),
  }));

export const FlatCalloutSchema = z.preprocess(withIdAlias, FlatCalloutObject);

function responderOf(incidents: Incident[]): Responder | null {
  for (const incident of [...incidents].reverse()) {
    const name = incident.responderName ?? firstText(incident, 'responder', 'responderFullName');
    const phone = incident.responderPhone ?? firstText(incident, 'responderMobile', 'responderContactNumber');
    const supplier = incident.supplierName ?? firstText(incident, 'supplier');
    if (name || phone || supplier) return { name: name ?? null, phone: phone ?? null, supplier: supplier ?? null };
  }
  return null;
}

/** A callout read: flat (Set A) or wrapped as `{message, callout}` (Set B). */
export const CalloutResponseSchema = oneOf(FlatCalloutSchema, ['callout']);

/**
 * A raise answer's callout. Besides the read tolerances, a missing or null `status` is read as
 * `created` (a callout AURA just accepted has, at least, been created).
 */
const RaisedCalloutSchema = oneOf(
  z.preprocess((raw) => {
    const o = withIdAlias(raw);
    if (!o || typeof o !== 'object' || Array.isArray(o)) return o;
    const r = o as Record<string, unknown>;
    return r.status === undefined || r.status === null ? { ...r, status: 'created' } : r;
  }, FlatCalloutObject),
  ['callout'],
);

/** Raise response: flat callout (Set A) or `{message, installerIdentifier, externalReferenceId, callout}` (Set B). */
export const RaiseResponseSchema = z
  .unknown()
  .transform((body) => ({
    message:
      body && typeof body === 'object' && 'callout' in body
        ? messageText((body as Record<string, unknown>).message)
        : null,
    callout: body,
  }))
  .pipe(z.object({ message: z.string().nullable(), callout: RaisedCalloutSchema }));

/** AURA's `message`: a string, or an array of strings joined (as some frameworks send). */
export function messageText(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (Array.isArray(value)) {
    const parts = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    return parts.length > 0 ? parts.join('; ') : null;
  }
  return null;
}

/** Active callouts: a bare array (Set A) or an object holding one (Set B, INFERRED). */
export const ActiveCalloutsSchema = listOf(CalloutResponseSchema, ['callouts', 'activeCallouts', 'data']);

/** A callout event (chat or lifecycle note). Only `message` is required. */
export const CalloutEventSchema = z
  .object({
    id: idSchema.nullish(),
    calloutId: idSchema.nullish(),
    // A string, or (tolerated) an array of strings, joined.
    message: z.unknown().transform((v, ctx) => {
      const text = messageText(v);
      if (text === null) {
        ctx.addIssue({ code: 'custom', message: 'expected a message' });
        return z.NEVER;
      }
      return text;
    }),
    createdAt: looseText.optional(),
  })
  .passthrough()
  .transform((e) => ({
    id: e.id ?? null,
    calloutId: e.calloutId ?? null,
    message: e.message,
    createdAt: e.createdAt ?? null,
    /** Who wrote it, where AURA says (undocumented: author/type/source). */
    author: firstText(e, 'author', 'createdBy', 'source', 'type'),
  }));
export type CalloutEvent = z.output<typeof CalloutEventSchema>;
export const CalloutEventListSchema = listOf(CalloutEventSchema, ['events', 'calloutEvents', 'data']);
export const CalloutEventResponseSchema = oneOf(CalloutEventSchema, ['event', 'calloutEvent']);

/** A cancellation ("exception") reason: `{id, reason}`. */
export const ExceptionReasonSchema = z
  .object({ id: intIdSchema, reason: z.string().optional() })
  .passthrough()
  .transform((r, ctx) => {
    const reason = r.reason ?? firstText(r, 'description', 'name', 'text');
    if (reason === null) {
      ctx.addIssue({ code: 'custom', message: 'exception reason without text' });
      return z.NEVER;
    }
    return { id: r.id, reason };
  });
export type ExceptionReason = z.output<typeof ExceptionReasonSchema>;
export const ExceptionReasonListSchema = listOf(ExceptionReasonSchema, ['exceptionReasons', 'reasons', 'data']);
export const ExceptionReasonResponseSchema = oneOf(ExceptionReasonSchema, ['exceptionReason']);

/** The static map after close: `{url, image}` (image perhaps base64; INFERRED). */
export const CalloutMapSchema = oneOf(
  z
    .object({ url: z.string().nullish(), image: z.string().nullish() })
    .passthrough()
    .transform((m) => ({ url: m.url ?? null, image: m.image ?? null })),
  ['map'],
);
export type CalloutMap = z.output<typeof CalloutMapSchema>;

/** The resolution report after close. Its shape is INFERRED; the raw object is kept as well. */
export const ResolutionReportSchema = oneOf(
  z.record(z.string(), z.unknown()).transform((r) => ({
    calloutId: firstText(r, 'calloutId') ?? (typeof r.calloutId === 'number' ? String(r.calloutId) : null),
    outcome: firstText(r, 'outcome', 'resolution'),
    responseTimeSeconds: looseNumber.parse(r.responseTimeSeconds),
    resolutionTimeSeconds: looseNumber.parse(r.resolutionTimeSeconds),
    reportUrl: firstText(r, 'reportUrl', 'url'),
    raw: r,
  })),
  ['report', 'resolutionReport'],
);
export type ResolutionReport = z.output<typeof ResolutionReportSchema>;
