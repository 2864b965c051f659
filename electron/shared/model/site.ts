// A site: an AURA Fixed Location shown on this desk, as saved and shown, and what the operator
// types to register or edit one. Zod first, types derived: sites come from AURA, the store and the page.
import { z } from 'zod';

/** A site is an AURA Fixed Location shown on this desk. Its id is AURA's externalReferenceId. */
export const SiteSchema = z.preprocess(
  upgradeSavedSite,
  z.object({
    id: z.string().min(1),
    /** The name to show: see displayNameOf (core/aura/locations.ts). */
    name: z.string(),
    address: z.string().nullable(),
    auraId: z.number().int().nullable(),
    description: z.string().nullable().default(null),
    latitude: z.number().nullable().default(null),
    longitude: z.number().nullable().default(null),
    locationTypeId: z.number().int().nullable().default(null),
    /** AURA's `locationIdentifier` as read (absent in sites saved before it was kept). */
    identifier: z.string().nullable().optional(),
  }),
);
export type Site = z.infer<typeof SiteSchema>;

/**
 * Sites saved before `identifier` was kept show a site registered the quickstart's way by its
 * reference ("site_9944") with the name in `description`: read such a one as named by its
 * description. Anything else passes unchanged (the schema then checks it).
 */
function upgradeSavedSite(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const site = raw as Record<string, unknown>;
  if (site.identifier !== undefined) return raw;
  const { id, name, description } = site;
  if (typeof id === 'string' && name === id && typeof description === 'string' && description.trim() !== '') {
    return { ...site, name: description.trim(), description: null, identifier: id };
  }
  return raw;
}

/** What the operator enters to register or edit a Fixed Location (sent to AURA as strings). */
export const SiteInputSchema = z
  .object({
    externalReferenceId: z
      .string()
      .trim()
      .min(1, 'Reference is required')
      .max(100)
      .regex(/^[A-Za-z0-9_.:-]+$/, 'Reference may use letters, digits and _ . : - only')
      .refine((ref) => !/^\.+$/.test(ref), 'Reference must have a letter or digit'),
    name: z.string().trim().min(1, 'Name is required').max(200),
    /** AURA's locationIdentifier; empty: the reference, as in AURA's quickstart. */
    locationIdentifier: z.string().trim().max(200).default(''),
    description: z.string().trim().max(500).default(''),
    address: z.string().trim().max(300).default(''),
    latitude: z.number().min(-90, 'Latitude is between -90 and 90').max(90, 'Latitude is between -90 and 90'),
    longitude: z.number().min(-180, 'Longitude is between -180 and 180').max(180, 'Longitude is between -180 and 180'),
    locationTypeId: z.number().int().positive().nullable().default(null),
  })
  .strict();
export type SiteInput = z.infer<typeof SiteInputSchema>;
