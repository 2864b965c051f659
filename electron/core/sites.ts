// AURA Fixed Locations <-> the sites this desk shows. A site's id is AURA's externalReferenceId,
// the stable key the raise route takes.
import { z } from 'zod';
import { SiteSchema, type Site } from '../shared/model';
import type { FixedLocation } from './aura/schemas';
import type { KeyValueStore } from './ports';

const KEY = 'sites';

export function siteFromLocation(location: FixedLocation): Site {
  return {
    id: location.externalReferenceId,
    name: location.name,
    address: location.address,
    auraId: location.id,
    description: null,
    latitude: location.latitude,
    longitude: location.longitude,
    locationTypeId: null,
  };
}

/** The last synced list, so that the desk shows its buttons at once, even offline. */
export function loadSites(store: KeyValueStore): Site[] {
  const parsed = z.array(SiteSchema).safeParse(store.get(KEY) ?? []);
  return parsed.success ? parsed.data : [];
}

export function saveSites(store: KeyValueStore, sites: Site[]): void {
  store.set(KEY, sites);
}
