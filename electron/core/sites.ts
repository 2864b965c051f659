// AURA Fixed Locations <-> the sites this desk shows. A site's id is AURA's externalReferenceId,
// the stable key the raise route takes. Names follow the quickstart (locations.ts displayNameOf).
import type { Site, SiteInput } from '../shared/model/site';
import type { FixedLocation, FixedLocationInput } from './aura/locations';

export function siteFromLocation(location: FixedLocation): Site {
  return {
    id: location.externalReferenceId,
    name: location.name,
    address: location.address,
    auraId: location.id,
    description: location.description,
    latitude: location.latitude,
    longitude: location.longitude,
    locationTypeId: location.locationTypeId,
    identifier: location.identifier,
  };
}

/**
 * The operator's form, as the AURA client sends it (coordinates become strings there). A new site
 * gets the quickstart's `locationIdentifier` (the reference) unless the operator typed one. An
 * edit keeps the site's identifier as AURA has it; a site named by its identifier (Set B's
 * convention) is renamed there, so its shown name follows the edit.
 */
export function locationInputFrom(input: SiteInput, existing: Site | null = null): FixedLocationInput {
  let locationIdentifier = input.locationIdentifier || null;
  if (!locationIdentifier && existing?.identifier) {
    const namedByIdentifier = existing.identifier !== existing.id && existing.identifier === existing.name;
    locationIdentifier = namedByIdentifier ? input.name : existing.identifier;
  }
  return {
    externalReferenceId: input.externalReferenceId,
    name: input.name,
    locationIdentifier,
    latitude: input.latitude,
    longitude: input.longitude,
    address: input.address || null,
    description: input.description || null,
    locationTypeId: input.locationTypeId,
  };
}
