// Request bodies of the simulated AURA routes, checked with zod in the shape being simulated: a
// Set B server wants string coordinates and `locationIdentifier`; a Set A server wants `name` and
// `responseTypeId`. A bad body is a 400 naming the first bad field.
import { z } from 'zod';
import { fail, type Reply } from './reply';
import type { LocationFields } from './state';
import type { Shape } from './views';

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
export const RaiseBodyA = z.object({
  responseTypeId: z.number().int().positive(),
  calloutClassificationId: z.number().int().positive().nullish(),
  internalTest: z.boolean().nullish(),
});
export const RaiseBodyB = z.object({ installerIdentifier: z.string().max(200).nullish() });
export const TokenBody = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) });
export const EventBody = z.object({ message: z.string().trim().min(1).max(2000) });
export const CancelBody = z.object({
  safeCode: z
    .string()
    .regex(/^\d{4}$/, 'must be 4 digits')
    .nullish(),
});
export const ReasonBody = z.object({ exceptionReasonId: z.number().int(), notes: z.string().max(1000).nullish() });
export const CalloutLocationBody = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  accuracy: z.number().nullish(),
});

export type Parsed<T> = { ok: true; value: T } | { ok: false; reply: Reply };

export function parse<T>(schema: z.ZodType<T>, body: unknown): Parsed<T> {
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

/** The location fields of a create/update body, in the simulated shape. */
export function locationFields(shape: Shape, body: unknown, creating: boolean): Parsed<LocationFields> {
  return shape === 'b' ? locationFieldsB(body) : locationFieldsA(body, creating);
}

function locationFieldsB(body: unknown): Parsed<LocationFields> {
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

function locationFieldsA(body: unknown, creating: boolean): Parsed<LocationFields> {
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

/** Set A's PUT leaves out what the body did not carry (its coordinates and address are optional). */
export function withoutUnsent<T extends Record<string, unknown>>(fields: T, body: unknown): Partial<T> {
  const sent = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const out: Partial<T> = { ...fields };
  if (sent.latitude === undefined) delete out.latitude;
  if (sent.longitude === undefined) delete out.longitude;
  return out;
}
