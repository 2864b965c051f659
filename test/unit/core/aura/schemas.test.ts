import { describe, expect, it } from 'vitest';
import { fixedLocationBody } from '../../../../electron/core/aura/locations';
import {
  ActiveCalloutsSchema,
  CalloutEventListSchema,
  CalloutEventResponseSchema,
  CalloutMapSchema,
  CalloutResponseSchema,
  ExceptionReasonListSchema,
  FixedLocationListSchema,
  FixedLocationResponseSchema,
  RaiseResponseSchema,
  ResolutionReportSchema,
  TokenResponseSchema,
  auraMessageOf,
} from '../../../../electron/core/aura/schemas';

describe('AURA response schemas accept both documented shapes', () => {
  it('reads Set A and Set B token responses alike', () => {
    expect(TokenResponseSchema.parse({ access_token: 'a.b.c', token_type: 'Bearer', expires_in: 3600 })).toEqual({
      token: 'a.b.c',
      expiresInSeconds: 3600,
      lifetimeAssumed: false,
      docSet: 'a',
    });
    expect(TokenResponseSchema.parse({ accessToken: 'x.y.z', tokenType: 'Bearer', expiresIn: 60 })).toEqual({
      token: 'x.y.z',
      expiresInSeconds: 60,
      lifetimeAssumed: false,
      docSet: 'b',
    });
  });

  it('refuses a token response without a token', () => {
    expect(TokenResponseSchema.safeParse({ tokenType: 'Bearer', expiresIn: 60 }).success).toBe(false);
    expect(TokenResponseSchema.safeParse([]).success).toBe(false);
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
    ]).items;
    expect(b).toEqual({
      id: 99001,
      externalReferenceId: 'STORE-001',
      name: 'Long Street Store',
      identifier: 'Long Street Store',
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
    ]).items;
    expect(a).toMatchObject({ name: 'Shop', address: 'Here', latitude: -33.9 });
  });

  it("finds AURA's message in JSON, {error} and plain-text bodies, but not in HTML", () => {
    expect(auraMessageOf('{"message":"No predefined location"}')).toBe('No predefined location');
    expect(auraMessageOf('{"error":"bad"}')).toBe('bad');
    expect(auraMessageOf('Service unavailable')).toBe('Service unavailable');
    expect(auraMessageOf('<html><body>502 Bad Gateway</body></html>')).toBeNull();
  });
});

describe('more AURA shapes, read tolerantly where the docs are silent and strictly where they are not', () => {
  it('accepts a numeric-string token lifetime; an unreadable one is assumed to be an hour', () => {
    expect(TokenResponseSchema.parse({ accessToken: 't', expiresIn: '3600' })).toMatchObject({
      token: 't',
      expiresInSeconds: 3600,
      lifetimeAssumed: false,
    });
    expect(TokenResponseSchema.parse({ accessToken: 't', expiresIn: 'soon' })).toMatchObject({
      expiresInSeconds: 3600,
      lifetimeAssumed: true,
    });
    expect(TokenResponseSchema.safeParse({ accessToken: 5, expiresIn: 60 }).success).toBe(false);
  });

  it('finds the responder in the latest incident and ignores odd incident values', () => {
    const c = CalloutResponseSchema.parse({
      message: 'Callout retrieved',
      callout: {
        id: 1,
        status: 'Responder Arrived',
        incidentInformation: [
          { responderName: 'Unit 3', supplierName: 'First Co' },
          { responderName: 'Unit 12', responderPhone: 27825550112, supplierName: null, etaMinutes: '7' },
          'not an incident',
        ],
      },
    });
    expect(c.responder).toEqual({ name: 'Unit 12', phone: '27825550112', supplier: null });
    expect(c.incidents).toHaveLength(2);
    expect(c.incidents[1]?.etaMinutes).toBe(7);
    const none = CalloutResponseSchema.parse({ id: 2, status: 'created', incidentInformation: 'n/a' });
    expect(none.incidents).toEqual([]);
    expect(none.responder).toBeNull();
  });

  it('keeps the Set A flat fields (coordinates, response type) and the tracking url', () => {
    const c = CalloutResponseSchema.parse({
      id: 100234,
      customerId: 452789,
      predefinedLocationId: 120045,
      status: 'Responder Dispatched',
      latitude: 40.7128,
      longitude: '-74.006',
      responseTypeId: 2,
      calloutClassificationId: 3,
      createdAt: '2024-06-10T14:45:00Z',
      url: 'https://track.example/abc',
    });
    expect(c).toMatchObject({
      id: '100234',
      customerId: 452789,
      latitude: 40.7128,
      longitude: -74.006,
      responseTypeId: 2,
      url: 'https://track.example/abc',
    });
  });

  it('reads the raise response in both shapes and keeps Set B message', () => {
    const b = RaiseResponseSchema.parse({
      message: 'Callout created',
      installerIdentifier: 'INSTALLER-ACME',
      externalReferenceId: 'STORE-001',
      callout: { id: 100234, status: 'created', predefinedLocationId: 120045 },
    });
    expect(b.message).toBe('Callout created');
    expect(b.callout.id).toBe('100234');
    const a = RaiseResponseSchema.parse({ id: 100234, status: 'Responder Dispatched', message: 'not a wrapper' });
    expect(a.message).toBeNull();
    expect(a.callout.status).toBe('Responder Dispatched');
    expect(RaiseResponseSchema.safeParse({ message: 'x', callout: { status: 'created' } }).success).toBe(false);
  });

  it('reads active callouts bare or wrapped', () => {
    const item = { id: 105432, status: 'Responder Dispatched', predefinedLocationId: 12005 };
    expect(ActiveCalloutsSchema.parse([item]).items.map((c) => c.id)).toEqual(['105432']);
    expect(ActiveCalloutsSchema.parse({ message: 'ok', callouts: [item] }).items.map((c) => c.id)).toEqual(['105432']);
    expect(ActiveCalloutsSchema.parse({ activeCallouts: [] })).toEqual({ items: [], skipped: [] });
    expect(ActiveCalloutsSchema.safeParse({ message: 'no list here' }).success).toBe(false);
  });

  it('reads events, exception reasons, the map and the report', () => {
    expect(
      CalloutEventListSchema.parse([
        { id: 771, calloutId: 992011, message: 'Customer reports they are safe.', createdAt: '2024-01-15T09:30:00Z' },
      ]).items,
    ).toEqual([
      {
        id: '771',
        calloutId: '992011',
        message: 'Customer reports they are safe.',
        createdAt: '2024-01-15T09:30:00Z',
        author: null,
      },
    ]);
    expect(
      CalloutEventResponseSchema.parse({ message: 'Event created', event: { id: 1, message: 'hi' } }).message,
    ).toBe('hi');
    expect(CalloutEventListSchema.parse([{ id: 1, message: 7 }]).skipped).toEqual([
      { index: 0, id: '1', reason: 'message: expected a message' },
    ]);

    expect(ExceptionReasonListSchema.parse([{ id: 101, reason: 'Customer unavailable at location' }]).items).toEqual([
      { id: 101, reason: 'Customer unavailable at location' },
    ]);
    expect(ExceptionReasonListSchema.parse({ exceptionReasons: [{ id: 5, description: 'Other' }] }).items).toEqual([
      { id: 5, reason: 'Other' },
    ]);
    expect(ExceptionReasonListSchema.parse([{ id: 5 }]).items).toEqual([]);

    expect(CalloutMapSchema.parse({ url: 'https://maps/x.png', image: null })).toEqual({
      url: 'https://maps/x.png',
      image: null,
    });
    const report = ResolutionReportSchema.parse({
      message: 'Resolution report generated',
      report: {
        calloutId: 992011,
        outcome: 'Responder completed',
        responseTimeSeconds: 420,
        resolutionTimeSeconds: '1800',
      },
    });
    expect(report).toMatchObject({
      calloutId: '992011',
      outcome: 'Responder completed',
      responseTimeSeconds: 420,
      resolutionTimeSeconds: 1800,
      reportUrl: null,
    });
  });

  it('reads literal dotted keys as keys, never as a nested path', () => {
    const [l] = FixedLocationListSchema.parse({
      predefinedLocations: [
        {
          id: '99001',
          externalReferenceId: 'STORE-001',
          locationIdentifier: 'Long Street Store',
          latitude: 'not a number',
          longitude: '18.4241',
          'calloutLocationType.id': 4,
          'calloutLocationType.value': 'Retail',
          calloutLocationType: { id: 99, value: 'nested: must be ignored' },
        },
      ],
    }).items;
    expect(l).toMatchObject({
      id: 99001,
      locationTypeId: 4,
      locationType: 'Retail',
      latitude: null,
      longitude: 18.4241,
    });
    expect(FixedLocationResponseSchema.safeParse({ id: 'x', externalReferenceId: 'A' }).success).toBe(false);
    expect(FixedLocationResponseSchema.safeParse({ id: 1, externalReferenceId: 2 }).success).toBe(false);
  });
});

describe('fixedLocationBody', () => {
  const STORE = {
    externalReferenceId: 'STORE-001',
    name: 'Long Street Store',
    latitude: -33.9249,
    longitude: '18.4241',
    address: '1 Long St, Cape Town',
    description: '  ',
    locationTypeId: 3,
  };

  it("sends the quickstart's keys only: the reference as locationIdentifier, the name as locationDescription", () => {
    expect(fixedLocationBody(STORE)).toEqual({
      externalReferenceId: 'STORE-001',
      locationIdentifier: 'STORE-001',
      locationDescription: 'Long Street Store',
      latitude: '-33.9249',
      longitude: '18.4241',
      formattedAddress: '1 Long St, Cape Town',
      calloutLocationTypeId: 3,
    });
  });

  it("adds Set A's name and address only for a server that speaks Set A", () => {
    expect(fixedLocationBody(STORE, 'b')).not.toHaveProperty('name');
    expect(fixedLocationBody(STORE, 'a')).toMatchObject({
      locationIdentifier: 'STORE-001',
      name: 'Long Street Store',
      address: '1 Long St, Cape Town',
    });
  });

  it("keeps an operator's identifier, and a Set B-named site's description where it was", () => {
    expect(fixedLocationBody({ ...STORE, locationIdentifier: 'LS-GATE', description: 'Back gate' })).toMatchObject({
      locationIdentifier: 'LS-GATE',
      locationDescription: 'Long Street Store',
      locationAdditionalInformation: 'Back gate',
    });
    const setB = fixedLocationBody({ ...STORE, locationIdentifier: 'Long Street Store', description: 'Retail' });
    expect(setB).toMatchObject({ locationIdentifier: 'Long Street Store', locationDescription: 'Retail' });
    expect(setB).not.toHaveProperty('locationAdditionalInformation');
  });

  it('refuses a coordinate that is not a number in range', () => {
    const base = { externalReferenceId: 'S', name: 'S', longitude: 0 };
    expect(() => fixedLocationBody({ ...base, latitude: 'north' })).toThrow(/latitude/);
    expect(() => fixedLocationBody({ ...base, latitude: 91 })).toThrow(/between -90 and 90/);
    expect(() => fixedLocationBody({ ...base, latitude: Number.NaN })).toThrow(/latitude/);
  });
});

describe('issue 11 tolerances, unit by unit', () => {
  it('finds a token under another key or one level down, and assumes an hour without a lifetime', () => {
    expect(TokenResponseSchema.parse({ token: 'tok' })).toEqual({
      token: 'tok',
      expiresInSeconds: 3600,
      lifetimeAssumed: true,
      docSet: null,
    });
    expect(TokenResponseSchema.parse({ data: { access_token: 'deep', expires_in: 60 } })).toMatchObject({
      token: 'deep',
      expiresInSeconds: 60,
      docSet: 'a',
    });
    expect(TokenResponseSchema.parse({ accessToken: 't', expiresIn: null })).toMatchObject({ expiresInSeconds: 3600 });
  });

  it('reads a raise answer with calloutId, without status, with a string predefinedLocationId', () => {
    const b = RaiseResponseSchema.parse({
      message: 'Callout created',
      callout: { calloutId: 992011, predefinedLocationId: '99001' },
    });
    expect(b.callout).toMatchObject({ id: '992011', status: 'created', predefinedLocationId: 99001 });
    const a = RaiseResponseSchema.parse({ calloutId: '5', status: null });
    expect(a.callout).toMatchObject({ id: '5', status: 'created' });
    // A read is still strict on status; a list item without one is skipped, not fatal.
    expect(CalloutResponseSchema.safeParse({ id: 1 }).success).toBe(false);
    expect(
      ActiveCalloutsSchema.parse([
        { id: 1, status: null },
        { id: 2, status: 'created' },
      ]).items,
    ).toHaveLength(1);
  });

  it('reads an event message sent as an array, and a numeric-string reason id', () => {
    expect(CalloutEventListSchema.parse([{ id: 1, message: ['Unit 12', 'on its way'] }]).items[0]?.message).toBe(
      'Unit 12; on its way',
    );
    expect(ExceptionReasonListSchema.parse([{ id: '101', reason: 'False alarm' }]).items).toEqual([
      { id: 101, reason: 'False alarm' },
    ]);
  });

  it('joins a message sent as an array', () => {
    expect(auraMessageOf('{"message":["latitude is required","longitude is required"]}')).toBe(
      'latitude is required; longitude is required',
    );
    expect(
      RaiseResponseSchema.parse({ message: ['Callout', 'created'], callout: { id: 1, status: 'x' } }).message,
    ).toBe('Callout; created');
  });

  it('names a site by its description when the identifier only repeats the reference', () => {
    const quickstart = FixedLocationResponseSchema.parse({
      id: 99001,
      externalReferenceId: 'site_9944',
      locationIdentifier: 'site_9944',
      locationDescription: 'Downtown Branch',
      locationAdditionalInformation: 'Side door',
      latitude: '-26.12345',
      longitude: '28.12345',
    });
    expect(quickstart).toMatchObject({ name: 'Downtown Branch', description: 'Side door', identifier: 'site_9944' });
    const bare = FixedLocationResponseSchema.parse({ id: 1, externalReferenceId: 'R1', locationIdentifier: 'R1' });
    expect(bare.name).toBe('R1');
    const setA = FixedLocationResponseSchema.parse({
      id: 2,
      externalReferenceId: 'R2',
      name: 'Shop',
      locationDescription: 'x',
    });
    expect(setA.name).toBe('Shop');
  });
});
