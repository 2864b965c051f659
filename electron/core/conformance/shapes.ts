// The documented shapes of every answer the conformance check reads (shared/aura-api.md: Set A,
// Set B and, for the Fixed Location, the quickstart's own body), as key -> JSON types. The check
// compares what a real server sends against these, so the real shapes come back to us.

/** A JSON value's type as the report names it. */
export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

export interface DocumentedShape {
  /** 'A', 'B' or 'quickstart'. */
  docSet: string;
  /** Where the answer's object sits: at the top, or under a key of a wrapper. */
  required: Record<string, readonly JsonType[]>;
  optional: Record<string, readonly JsonType[]>;
}

const S = ['string'] as const;
const N = ['number'] as const;
const SN = ['string', 'null'] as const;
const NN = ['number', 'null'] as const;
const BN = ['boolean', 'null'] as const;

const FLAT_CALLOUT = {
  id: N,
  customerId: NN,
  predefinedLocationId: NN,
  status: S,
  latitude: NN,
  longitude: NN,
  responseTypeId: NN,
  calloutClassificationId: NN,
  createdAt: S,
};

/** The shapes per answer kind, Set B first (it wins a tie: it reads as the real server's). */
export const DOCUMENTED: Record<string, DocumentedShape[]> = {
  token: [
    { docSet: 'B', required: { accessToken: S, tokenType: S, expiresIn: N }, optional: {} },
    { docSet: 'A', required: { access_token: S, token_type: S, expires_in: N }, optional: {} },
  ],
  fixedLocation: [
    {
      docSet: 'B',
      required: { id: N, externalReferenceId: S, locationIdentifier: S, latitude: S, longitude: S },
      optional: {
        customerId: NN,
        customerSourceId: NN,
        locationDescription: SN,
        locationAdditionalInformation: SN,
        formattedAddress: SN,
        w3w: SN,
        calloutLocationTypeId: NN,
        calloutLocationTypeValue: SN,
        calloutLocationTypeDescription: SN,
        duressCode: SN,
        medicalCoverage: BN,
        securityCoverage: BN,
        inCoverageLastCheckedAt: SN,
        createdAt: SN,
        updatedAt: SN,
        'calloutLocationType.id': NN,
        'calloutLocationType.value': SN,
        'calloutLocationType.description': SN,
        'calloutLocationType.addressType': SN,
        'calloutLocationType.createdAt': SN,
        'calloutLocationType.updatedAt': SN,
      },
    },
    {
      docSet: 'A',
      required: { id: N, name: S, externalReferenceId: S, latitude: N, longitude: N },
      optional: { customerId: NN, address: SN },
    },
  ],
  /** The raise answer: Set A flat, Set B wrapped (its `callout` is checked as `flatCallout`). */
  raise: [
    {
      docSet: 'B',
      required: { message: S, callout: ['object'] },
      optional: { installerIdentifier: SN, externalReferenceId: SN },
    },
    { docSet: 'A', required: FLAT_CALLOUT, optional: { url: SN } },
  ],
  flatCallout: [{ docSet: 'A/B', required: FLAT_CALLOUT, optional: { url: SN } }],
  /** A callout read: Set A flat, Set B `{message, callout}` with the nested view. */
  calloutRead: [
    { docSet: 'B', required: { message: S, callout: ['object'] }, optional: {} },
    { docSet: 'A', required: FLAT_CALLOUT, optional: {} },
  ],
  nestedCallout: [
    {
      docSet: 'B',
      required: { id: N, status: S },
      optional: {
        customerId: NN,
        predefinedLocationId: NN,
        createdAt: SN,
        incidentInformation: ['array', 'object', 'null'],
      },
    },
  ],
  event: [{ docSet: 'A/B', required: { id: N, calloutId: N, message: S, createdAt: S }, optional: {} }],
};

export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'object';
}
