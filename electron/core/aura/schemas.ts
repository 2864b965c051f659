// zod schemas for AURA responses. The docs describe two shapes for several endpoints (see
// shared/aura-api.md, "Set A" and "Set B"); each schema accepts both and normalises to one.
import { z } from 'zod';
import { firstText, idSchema, listOf, looseInt, looseNumber, looseText, oneOf } from './fields';

export { auraMessageOf } from './http';
export {
  FixedLocationListSchema,
  FixedLocationResponseSchema,
  FixedLocationSchema,
  type FixedLocation,
  type FixedLocationInput,
} from './locations';

/** Token exchange: `access_token/expires_in` (Set A) or `accessToken/expiresIn` (Set B). */
export const TokenResponseSchema = z
  .object({
    access_token: z.string().min(1).optional(),
    accessToken: z.string().min(1).optional(),
    expires_in: z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).optional(),
    expiresIn: z.union([z.number(), z.string().regex(/^\d+(\.\d+)?$/)]).optional(),
  })
  .transform((t, ctx) => {
    const token = t.accessToken ?? t.access_token;
    const expiresIn = Number(t.expiresIn ?? t.expires_in);
    if (!token || !(expiresIn > 0)) {
      ctx.addIssue({ code: 'custom', message: 'token response lacks a token or its lifetime' });
      return z.NEVER;
    }
    return { token, expiresInSeconds: expiresIn };
  });
export type TokenGrant = z.output<typeof TokenResponseSchema>;

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

export const FlatCalloutSchema = z
  .object({
    id: idSchema,
    status: z.string(),
    predefinedLocationId: z.number().int().nullish(),
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

/** Raise response: flat callout (Set A) or `{message, installerIdentifier, externalReferenceId, callout}` (Set B). */
export const RaiseResponseSchema = z
  .unknown()
  .transform((body) => ({
    message:
      body && typeof body === 'object' && 'callout' in body
        ? firstText(body as Record<string, unknown>, 'message')
        : null,
    callout: body,
  }))
  .pipe(z.object({ message: z.string().nullable(), callout: CalloutResponseSchema }));

/** Active callouts: a bare array (Set A) or an object holding one (Set B, INFERRED). */
export const ActiveCalloutsSchema = listOf(CalloutResponseSchema, ['callouts', 'activeCallouts', 'data']);

/** A callout event (chat or lifecycle note). Only `message` is required. */
export const CalloutEventSchema = z
  .object({
    id: idSchema.nullish(),
    calloutId: idSchema.nullish(),
    message: z.string(),
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
  .object({ id: z.number().int(), reason: z.string().optional() })
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
