// AURA Fixed Locations ("predefined locations"): the response schema for both documented shapes,
// and the request body we send. Set B: `locationIdentifier/formattedAddress`, string coordinates,
// literal dotted keys such as `calloutLocationType.id`. Set A: `name/address`, number coordinates.
import { z } from 'zod';
import { AuraError } from './errors';
import { intIdSchema, listOf, looseInt, looseNumber, looseText, oneOf } from './fields';

export const FixedLocationSchema = z
  .object({
    id: intIdSchema,
    externalReferenceId: z.string().min(1),
    locationIdentifier: looseText.optional(),
    name: looseText.optional(),
    formattedAddress: looseText.optional(),
    address: looseText.optional(),
    locationDescription: looseText.optional(),
    locationAdditionalInformation: looseText.optional(),
    w3w: looseText.optional(),
    latitude: looseNumber.optional(),
    longitude: looseNumber.optional(),
    customerId: looseInt.optional(),
    calloutLocationTypeId: looseInt.optional(),
    calloutLocationTypeValue: looseText.optional(),
    // Literal keys with a dot in them (a serialisation leftover), never a nested object.
    'calloutLocationType.id': looseInt.optional(),
    'calloutLocationType.value': looseText.optional(),
  })
  .passthrough()
  .transform((l) => ({
    id: l.id,
    externalReferenceId: l.externalReferenceId,
    name: l.locationIdentifier ?? l.name ?? l.externalReferenceId,
    address: l.formattedAddress ?? l.address ?? null,
    description: l.locationDescription ?? null,
    additionalInformation: l.locationAdditionalInformation ?? null,
    w3w: l.w3w ?? null,
    latitude: l.latitude ?? null,
    longitude: l.longitude ?? null,
    customerId: l.customerId ?? null,
    locationTypeId: l.calloutLocationTypeId ?? l['calloutLocationType.id'] ?? null,
    locationType: l.calloutLocationTypeValue ?? l['calloutLocationType.value'] ?? null,
  }));
export type FixedLocation = z.output<typeof FixedLocationSchema>;

/** The list: a bare array (documented) or, tolerated, an object holding one. */
export const FixedLocationListSchema = listOf(FixedLocationSchema, ['predefinedLocations', 'locations', 'data']);
/** Create/update/get: the object, bare (documented) or wrapped. */
export const FixedLocationResponseSchema = oneOf(FixedLocationSchema, ['predefinedLocation', 'location', 'data']);

/** What the desk sends to register or edit a Fixed Location. Coordinates as numbers or strings. */
export interface FixedLocationInput {
  externalReferenceId: string;
  name: string;
  latitude: number | string;
  longitude: number | string;
  address?: string | null;
  description?: string | null;
  additionalInformation?: string | null;
  w3w?: string | null;
  locationTypeId?: number | null;
  customerId?: number | null;
}

/**
 * The create/update body: Set B's field names, coordinates as strings (Set B's documented type),
 * plus Set A's `name` and `address` beside them so a Set A server finds its required `name`
 * (servers ignore unknown fields, per the ignored body `calloutId` in Set B). Empty optional
 * strings are left out rather than sent as "".
 */
export function fixedLocationBody(input: FixedLocationInput): Record<string, unknown> {
  const body: Record<string, unknown> = {
    externalReferenceId: input.externalReferenceId,
    locationIdentifier: input.name,
    name: input.name,
    latitude: coordinate(input.latitude, 'latitude', 90),
    longitude: coordinate(input.longitude, 'longitude', 180),
  };
  const optional: Array<[string[], string | null | undefined]> = [
    [['formattedAddress', 'address'], input.address],
    [['locationDescription'], input.description],
    [['locationAdditionalInformation'], input.additionalInformation],
    [['w3w'], input.w3w],
  ];
  for (const [keys, value] of optional) {
    const text = value?.trim();
    if (text) for (const key of keys) body[key] = text;
  }
  if (input.locationTypeId != null) body.calloutLocationTypeId = input.locationTypeId;
  if (input.customerId != null) body.customerId = input.customerId;
  return body;
}

function coordinate(value: number | string, what: string, limit: number): string {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const n = Number(text);
  if (text === '' || !Number.isFinite(n) || Math.abs(n) > limit) {
    throw new AuraError('invalidRequest', `The ${what} must be a number between -${limit} and ${limit}`);
  }
  return text;
}
