// The site form's text fields <-> SiteInput, validated in the renderer with the very schema main
// validates with, so that the operator sees what is wrong beside the field before anything is sent.
import { SiteInputSchema, type Site, type SiteInput } from '@shared/model/site';

export const SITE_FIELDS = [
  'externalReferenceId',
  'name',
  'description',
  'address',
  'latitude',
  'longitude',
  'locationTypeId',
  'locationIdentifier',
] as const;
export type SiteField = (typeof SITE_FIELDS)[number];
export type SiteFormValues = Record<SiteField, string>;
export type SiteFormErrors = Partial<Record<SiteField, string>>;

export const EMPTY_SITE_FORM: SiteFormValues = {
  externalReferenceId: '',
  name: '',
  description: '',
  address: '',
  latitude: '',
  longitude: '',
  locationTypeId: '',
  locationIdentifier: '',
};

export function formFromSite(site: Site): SiteFormValues {
  return {
    externalReferenceId: site.id,
    name: site.name,
    description: site.description ?? '',
    address: site.address ?? '',
    latitude: site.latitude === null ? '' : String(site.latitude),
    longitude: site.longitude === null ? '' : String(site.longitude),
    locationTypeId: site.locationTypeId === null ? '' : String(site.locationTypeId),
    // An edit keeps the identifier AURA has (core/sites.ts); the field is for new sites.
    locationIdentifier: '',
  };
}

/** A number typed by a person: a decimal comma is accepted; empty or not a number is undefined. */
function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(',', '.');
  if (!t || !/^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(t)) return undefined;
  return Number(t);
}

export function validateSiteForm(
  values: SiteFormValues,
): { ok: true; input: SiteInput } | { ok: false; errors: SiteFormErrors } {
  const errors: SiteFormErrors = {};
  const latitude = parseNumber(values.latitude);
  const longitude = parseNumber(values.longitude);
  if (latitude === undefined)
    errors.latitude = values.latitude.trim() ? 'Latitude must be a number' : 'Latitude is required';
  if (longitude === undefined)
    errors.longitude = values.longitude.trim() ? 'Longitude must be a number' : 'Longitude is required';
  let locationTypeId: number | null = null;
  if (values.locationTypeId.trim()) {
    const n = parseNumber(values.locationTypeId);
    if (n === undefined || !Number.isInteger(n) || n <= 0)
      errors.locationTypeId = 'Location type is a whole number above 0';
    else locationTypeId = n;
  }
  const parsed = SiteInputSchema.safeParse({
    externalReferenceId: values.externalReferenceId,
    name: values.name,
    description: values.description,
    address: values.address,
    latitude: latitude ?? 0,
    longitude: longitude ?? 0,
    locationTypeId,
    locationIdentifier: values.locationIdentifier,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && (SITE_FIELDS as readonly string[]).includes(field)) {
        errors[field as SiteField] ??= issue.message;
      }
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}
