// zod schemas for AURA responses. The docs describe two shapes for several endpoints (see
// shared/aura-api.md, "Set A" and "Set B"); each schema accepts both and normalises to one.
import { z } from 'zod';

/** Token exchange: `access_token/expires_in` (Set A) or `accessToken/expiresIn` (Set B). */
export const TokenResponseSchema = z
  .object({
    access_token: z.string().min(1).optional(),
    accessToken: z.string().min(1).optional(),
    expires_in: z.number().positive().optional(),
    expiresIn: z.number().positive().optional(),
  })
  .transform((t, ctx) => {
    const token = t.accessToken ?? t.access_token;
    const expiresIn = t.expiresIn ?? t.expires_in;
    if (!token || !expiresIn) {
      ctx.addIssue({ code: 'custom', message: 'token response lacks a token or its lifetime' });
      return z.NEVER;
    }
    return { token, expiresInSeconds: expiresIn };
  });
export type TokenGrant = z.output<typeof TokenResponseSchema>;

const idSchema = z.union([z.number().int(), z.string().min(1)]).transform((v) => String(v));

/** incidentInformation: undocumented inside, an object or an array of them. */
const IncidentSchema = z
  .object({
    responderName: z.string().nullish(),
    responderPhone: z.string().nullish(),
    supplierName: z.string().nullish(),
    dispatchedAt: z.string().nullish(),
    arrivedAt: z.string().nullish(),
    completedAt: z.string().nullish(),
  })
  .passthrough();

export const FlatCalloutSchema = z
  .object({
    id: idSchema,
    status: z.string(),
    predefinedLocationId: z.number().int().nullish(),
    customerId: z.number().int().nullish(),
    createdAt: z.string().nullish(),
    url: z.string().nullish(),
    incidentInformation: z.union([IncidentSchema, z.array(IncidentSchema)]).nullish(),
  })
  .passthrough();

export type AuraCallout = {
  id: string;
  status: string;
  predefinedLocationId: number | null;
  createdAt: string | null;
  incidents: z.infer<typeof IncidentSchema>[];
};

function normaliseCallout(c: z.infer<typeof FlatCalloutSchema>): AuraCallout {
  const info = c.incidentInformation;
  return {
    id: c.id,
    status: c.status,
    predefinedLocationId: c.predefinedLocationId ?? null,
    createdAt: c.createdAt ?? null,
    incidents: info == null ? [] : Array.isArray(info) ? info : [info],
  };
}

type FlatCallout = z.infer<typeof FlatCalloutSchema>;

/** A callout read: flat (Set A) or wrapped as `{message, callout}` (Set B). */
export const CalloutResponseSchema = z
  .union([z.object({ callout: FlatCalloutSchema }).passthrough(), FlatCalloutSchema])
  .transform((body) => normaliseCallout('callout' in body ? (body.callout as FlatCallout) : (body as FlatCallout)));

/** Fixed Location: `locationIdentifier/formattedAddress` (Set B) or `name/address` (Set A). */
export const FixedLocationSchema = z
  .object({
    id: z.number().int(),
    externalReferenceId: z.string().min(1),
    locationIdentifier: z.string().nullish(),
    name: z.string().nullish(),
    formattedAddress: z.string().nullish(),
    address: z.string().nullish(),
    latitude: z.union([z.string(), z.number()]).nullish(),
    longitude: z.union([z.string(), z.number()]).nullish(),
  })
  .passthrough()
  .transform((l) => ({
    id: l.id,
    externalReferenceId: l.externalReferenceId,
    name: l.locationIdentifier ?? l.name ?? l.externalReferenceId,
    address: l.formattedAddress ?? l.address ?? null,
    latitude: l.latitude == null ? null : Number(l.latitude),
    longitude: l.longitude == null ? null : Number(l.longitude),
  }));
export type FixedLocation = z.output<typeof FixedLocationSchema>;

export const FixedLocationListSchema = z.union([
  z.array(FixedLocationSchema),
  z.object({ predefinedLocations: z.array(FixedLocationSchema) }).transform((b) => b.predefinedLocations),
  z.object({ data: z.array(FixedLocationSchema) }).transform((b) => b.data),
]);

/** AURA error bodies: `{message}` documented; `{error}` and plain text tolerated. */
export function auraMessageOf(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const o = parsed as Record<string, unknown>;
      if (typeof o.message === 'string') return o.message;
      if (typeof o.error === 'string') return o.error;
    }
  } catch {
    // not JSON: fall through to plain text
  }
  const text = body.trim();
  if (!text || text.startsWith('<')) return null;
  return text.slice(0, 300);
}
