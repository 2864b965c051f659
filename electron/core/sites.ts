// AURA Fixed Locations <-> the sites this desk shows. A site's id is AURA's externalReferenceId,
// the stable key the raise route takes.
import type { Site, SiteInput } from '../shared/model';
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
  };
}

/** The operator's form, as the AURA client sends it (coordinates become strings there). */
export function locationInputFrom(input: SiteInput): FixedLocationInput {
  return {
    externalReferenceId: input.externalReferenceId,
    name: input.name,
    latitude: input.latitude,
    longitude: input.longitude,
    address: input.address || null,
    description: input.description || null,
    locationTypeId: input.locationTypeId,
  };
}
