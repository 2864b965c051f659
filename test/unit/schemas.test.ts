import { describe, expect, it } from 'vitest';
import {
  CalloutResponseSchema,
  FixedLocationListSchema,
  TokenResponseSchema,
  auraMessageOf,
} from '../../electron/core/aura/schemas';

describe('AURA response schemas accept both documented shapes', () => {
  it('reads Set A and Set B token responses alike', () => {
    expect(TokenResponseSchema.parse({ access_token: 'a.b.c', token_type: 'Bearer', expires_in: 3600 })).toEqual({
      token: 'a.b.c',
      expiresInSeconds: 3600,
    });
    expect(TokenResponseSchema.parse({ accessToken: 'x.y.z', tokenType: 'Bearer', expiresIn: 60 })).toEqual({
      token: 'x.y.z',
      expiresInSeconds: 60,
    });
  });

  it('refuses a token response without a token or lifetime', () => {
    expect(TokenResponseSchema.safeParse({ tokenType: 'Bearer', expiresIn: 60 }).success).toBe(false);
    expect(TokenResponseSchema.safeParse({ accessToken: 'x' }).success).toBe(false);
  });

  it('reads a flat callout and a wrapped one with incidentInformation as object or array', () => {
    const flat = CalloutResponseSchema.parse({
      id: 992011,
      status: 'Responder Dispatched',
      predefinedLocationId: 99001,
      createdAt: '2024-04-20T14:45:00Z',
    });
    expect(flat).toMatchObject({
      id: '992011',
      status: 'Responder Dispatched',
      predefinedLocationId: 99001,
      incidents: [],
    });
    const asObject = CalloutResponseSchema.parse({
      message: 'ok',
      callout: {
        id: 7,
        status: 'Responder Arrived',
        incidentInformation: { responderName: 'Unit 12', arrivedAt: 'T' },
      },
    });
    expect(asObject.incidents).toEqual([{ responderName: 'Unit 12', arrivedAt: 'T' }]);
    const asArray = CalloutResponseSchema.parse({
      callout: { id: '8', status: 'x', incidentInformation: [{ responderName: 'A' }, { responderName: 'B' }] },
    });
    expect(asArray.incidents.map((i) => i.responderName)).toEqual(['A', 'B']);
  });

  it('refuses a callout with a wrong type', () => {
    expect(CalloutResponseSchema.safeParse({ id: 1, status: 42 }).success).toBe(false);
  });

  it('reads Fixed Locations in both shapes, with dotted keys left alone', () => {
    const [b] = FixedLocationListSchema.parse([
      {
        id: 99001,
        externalReferenceId: 'STORE-001',
        locationIdentifier: 'Long Street Store',
        formattedAddress: '1 Long St, Cape Town',
        latitude: '-33.9249',
        longitude: '18.4241',
        'calloutLocationType.id': null,
      },
    ]);
    expect(b).toEqual({
      id: 99001,
      externalReferenceId: 'STORE-001',
      name: 'Long Street Store',
      address: '1 Long St, Cape Town',
      latitude: -33.9249,
      longitude: 18.4241,
      description: null,
      additionalInformation: null,
      w3w: null,
      customerId: null,
      locationTypeId: null,
      locationType: null,
    });
    const [a] = FixedLocationListSchema.parse([
      { id: 1, name: 'Shop', externalReferenceId: 'S1', latitude: -33.9, longitude: 18.4, address: 'Here' },
    ]);
    expect(a).toMatchObject({ name: 'Shop', address: 'Here', latitude: -33.9 });
  });

  it("finds AURA's message in JSON, {error} and plain-text bodies, but not in HTML", () => {
    expect(auraMessageOf('{"message":"No predefined location"}')).toBe('No predefined location');
    expect(auraMessageOf('{"error":"bad"}')).toBe('bad');
    expect(auraMessageOf('Service unavailable')).toBe('Service unavailable');
    expect(auraMessageOf('<html><body>502 Bad Gateway</body></html>')).toBeNull();
  });
});
