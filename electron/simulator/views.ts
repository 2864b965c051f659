// How the simulator's records look on the wire, in the two documented shapes (aura-api.md:
// Set B by default, Set A on request). Values not captured by the docs are our reconstruction.
import type { SimCallout, SimLocation } from './world';

export type Shape = 'a' | 'b';

/** The simulated responder (incidentInformation's keys are INFERRED from the webhook page). */
export const SIM_RESPONDER = {
  responderName: 'Unit 12',
  responderPhone: '+27 82 555 0112',
  supplierName: 'Simulated Response Co.',
  responseType: 'Armed response',
  classification: 'Alarm',
  etaMinutes: 7,
} as const;

export function locationView(shape: Shape, l: SimLocation): Record<string, unknown> {
  if (shape === 'a') {
    return {
      id: l.id,
      // Set A has one name field: the quickstart's name (locationDescription) when the identifier
      // merely repeats the reference.
      name:
        l.locationIdentifier === l.externalReferenceId && l.locationDescription
          ? l.locationDescription
          : l.locationIdentifier,
      externalReferenceId: l.externalReferenceId,
      latitude: Number(l.latitude),
      longitude: Number(l.longitude),
      address: l.formattedAddress,
      customerId: l.customerId ?? 1,
    };
  }
  return {
    id: l.id,
    customerId: l.customerId,
    customerSourceId: 42,
    externalReferenceId: l.externalReferenceId,
    locationIdentifier: l.locationIdentifier,
    locationDescription: l.locationDescription,
    locationAdditionalInformation: l.locationAdditionalInformation,
    formattedAddress: l.formattedAddress,
    latitude: l.latitude,
    longitude: l.longitude,
    w3w: l.w3w,
    calloutLocationTypeId: l.calloutLocationTypeId,
    calloutLocationTypeValue: l.calloutLocationTypeId === null ? null : `Type ${l.calloutLocationTypeId}`,
    calloutLocationTypeDescription: null,
    duressCode: null,
    medicalCoverage: true,
    securityCoverage: true,
    inCoverageLastCheckedAt: l.updatedAt,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
    // Literal top-level keys with a dot (a serialisation leftover that AURA really sends).
    'calloutLocationType.id': l.calloutLocationTypeId,
    'calloutLocationType.value': l.calloutLocationTypeId === null ? null : `Type ${l.calloutLocationTypeId}`,
    'calloutLocationType.description': null,
    'calloutLocationType.addressType': null,
    'calloutLocationType.createdAt': null,
    'calloutLocationType.updatedAt': null,
  };
}

/** The flat Callout (every Set A read; Set B's create and list). */
export function flatCallout(c: SimCallout): Record<string, unknown> {
  return {
    id: c.id,
    customerId: c.customerId,
    predefinedLocationId: c.predefinedLocationId,
    status: c.status,
    latitude: c.latitude,
    longitude: c.longitude,
    responseTypeId: c.responseTypeId,
    calloutClassificationId: c.calloutClassificationId,
    createdAt: c.createdAt,
  };
}

/** The nested view (Set B get): dispatch details under incidentInformation, an array. */
export function nestedCallout(c: SimCallout): Record<string, unknown> {
  const { latitude, longitude, responseTypeId, calloutClassificationId, ...rest } = flatCallout(c);
  return {
    ...rest,
    incidentInformation: c.dispatchedAt
      ? [
          {
            responseTypeId,
            calloutClassificationId,
            latitude,
            longitude,
            ...SIM_RESPONDER,
            dispatchedAt: c.dispatchedAt,
            arrivedAt: c.arrivedAt,
            completedAt: c.completedAt,
          },
        ]
      : [],
  };
}

/** A callout read in the simulator's shape: flat (A) or `{message, callout}` nested (B). */
export function calloutRead(shape: Shape, c: SimCallout, message: string): unknown {
  return shape === 'a' ? flatCallout(c) : { message, callout: nestedCallout(c) };
}
