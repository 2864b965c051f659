// AURA Fixed Locations ("predefined locations"): the response schema for both documented shapes,
// and the request body we send. Set B: `locationIdentifier/formattedAddress`, string coordinates,
// literal dotted keys such as `calloutLocationType.id`. Set A: `name/address`, number coordinates.
// We register the quickstart's way (its seven keys; the name in `locationDescription`) and show a
// site by a name that reads well under both conventions (displayNameOf).
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
    name: displayNameOf(l),
    /** AURA's `locationIdentifier` as sent (Set A: its `name`), kept so an edit does not change it. */
    identifier: l.locationIdentifier ?? l.name ?? null,
    address: l.formattedAddress ?? l.address ?? null,
    /** The text besides the name: the description under Set B's convention, else the extra information. */
    description: namedByDescription(l) ? (l.locationAdditionalInformation ?? null) : (l.locationDescription ?? null),
    additionalInformation: l.locationAdditionalInformation ?? null,
    w3w: l.w3w ?? null,
    latitude: l.latitude ?? null,
    longitude: l.longitude ?? null,
    customerId: l.customerId ?? null,
    locationTypeId: l.calloutLocationTypeId ?? l['calloutLocationType.id'] ?? null,
    locationType: l.calloutLocationTypeValue ?? l['calloutLocationType.value'] ?? null,
  }));
export type FixedLocation = z.output<typeof FixedLocationSchema>;

interface NamingFields {
  externalReferenceId: string;
  locationIdentifier?: string | null;
  name?: string | null;
  locationDescription?: string | null;
}

/**
 * The quickstart's convention: `locationIdentifier` merely repeats the reference (or is missing)
 * and the human name is in `locationDescription`. Set B's example puts the name in
 * `locationIdentifier` instead; Set A calls it `name`.
 */
export function namedByDescription(l: NamingFields): boolean {
  const identifier = (l.locationIdentifier ?? '').trim();
  const described = (l.locationDescription ?? '').trim() !== '';
  if (!described) return false;
  return identifier === '' ? !(l.name ?? '').trim() : identifier === l.externalReferenceId.trim();
}

/** A site's name under either convention: "Downtown Branch", never "site_9944" when a name exists. */
export function displayNameOf(l: NamingFields): string {
  if (namedByDescription(l)) return (l.locationDescription ?? '').trim();
  const named = [l.locationIdentifier, l.name].map((v) => (v ?? '').trim()).find((v) => v !== '');
  return named ?? l.externalReferenceId;
}

/** The list: a bare array (documented) or, tolerated, an object holding one. */
export const FixedLocationListSchema = listOf(FixedLocationSchema, ['predefinedLocations', 'locations', 'data']);
/** Create/update/get: the object, bare (documented) or wrapped. */
export const FixedLocationResponseSchema = oneOf(FixedLocationSchema, ['predefinedLocation', 'location', 'data']);

/** What the desk sends to register or edit a Fixed Location. Coordinates as numbers or strings. */
export interface FixedLocationInput {
  externalReferenceId: string;
  /** The human name (the quickstart's `locationDescription`). */
  name: string;
  /**
   * AURA's `locationIdentifier`. Empty or absent: the reference, as in the quickstart. Set by the
   * operator, or kept from a site registered Set B's way (then it holds the name; see sites.ts).
   */
  locationIdentifier?: string | null;
  latitude: number | string;
  longitude: number | string;
  address?: string | null;
  description?: string | null;
  additionalInformation?: string | null;
  w3w?: string | null;
  locationTypeId?: number | null;
  customerId?: number | null;
}

/** Which documented field names the server speaks, as learnt from its token answer. */
export type DocSet = 'a' | 'b' | null;

/**
 * The create/update body, the quickstart's way: `externalReferenceId`, `locationIdentifier` (the
 * reference unless one is given), `locationDescription` (the name), string `latitude` and
 * `longitude`, `formattedAddress`, `calloutLocationTypeId`. Optional documented extras
 * (`locationAdditionalInformation`, `w3w`, `customerId`) only when filled; empty strings are left
 * out. Set A's `name` and `address` are added only for a server that answered the token exchange
 * in Set A's spelling (a Set A server requires `name`).
 */
export function fixedLocationBody(input: FixedLocationInput, docSet: DocSet = null): Record<string, unknown> {
  const name = input.name.trim();
  const identifier = input.locationIdentifier?.trim() || input.externalReferenceId;
  const body: Record<string, unknown> = {
    externalReferenceId: input.externalReferenceId,
    locationIdentifier: identifier,
  };
  // Set B's convention kept for a site that already names itself by its identifier: the name
  // stays there and the description in locationDescription (an edit must not move its fields).
  const setBNamed = identifier !== input.externalReferenceId && identifier === name;
  const description = setBNamed ? input.description : name;
  const additional = setBNamed ? input.additionalInformation : (input.description ?? input.additionalInformation);
  if (description?.trim()) body.locationDescription = description.trim();
  body.latitude = coordinate(input.latitude, 'latitude', 90);
  body.longitude = coordinate(input.longitude, 'longitude', 180);
  const address = input.address?.trim();
  if (address) body.formattedAddress = address;
  if (input.locationTypeId != null) body.calloutLocationTypeId = input.locationTypeId;
  if (additional?.trim()) body.locationAdditionalInformation = additional.trim();
  if (input.w3w?.trim()) body.w3w = input.w3w.trim();
  if (input.customerId != null) body.customerId = input.customerId;
  if (docSet === 'a') {
    body.name = name;
    if (address) body.address = address;
  }
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
