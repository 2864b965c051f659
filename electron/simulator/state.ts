// The simulator's world: Fixed Locations and callouts, and how each looks on the wire in the two
// documented shapes (shared/aura-api.md: Set B by default, Set A on request).

export type Shape = 'a' | 'b';

export const SIM_STEPS = ['dispatch', 'arrive', 'complete', 'close'] as const;
export type SimStep = (typeof SIM_STEPS)[number];

/** The status strings the simulator reports; AURA's full list is undocumented (§5). */
export const SIM_STATUS: Record<'created' | SimStep, string> = {
  created: 'created',
  dispatch: 'Responder Dispatched',
  arrive: 'Responder Arrived',
  complete: 'Responder Completed',
  close: 'Closed',
};

export interface SimLocation {
  id: number;
  externalReferenceId: string;
  locationIdentifier: string;
  locationDescription: string | null;
  formattedAddress: string | null;
  latitude: string;
  longitude: string;
  createdAt: string;
  updatedAt: string;
}

export interface SimCallout {
  id: number;
  customerId: number | null;
  predefinedLocationId: number;
  externalReferenceId: string;
  status: string;
  latitude: number;
  longitude: number;
  createdAt: string;
  dispatchedAt: string | null;
  arrivedAt: string | null;
  completedAt: string | null;
  closedAt: string | null;
}

type Reply = { status: number; body?: unknown };

/** The Fixed Location of AURA's Property Protect quickstart. */
export const DEMO_LOCATION = {
  externalReferenceId: 'site_9944',
  locationIdentifier: 'Downtown Branch',
  latitude: '-26.12345',
  longitude: '28.12345',
  formattedAddress: '123 Main Street, Johannesburg',
} as const;

export class SimulatorState {
  readonly shape: Shape;
  private readonly now: () => number;
  private readonly locations = new Map<number, SimLocation>();
  private readonly callouts = new Map<number, SimCallout>();
  private nextLocationId = 99001;
  private nextCalloutId = 992011;

  constructor(opts: { shape: Shape; now: () => number }) {
    this.shape = opts.shape;
    this.now = opts.now;
    this.addLocation({ ...DEMO_LOCATION });
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  addLocation(
    input: Pick<SimLocation, 'externalReferenceId' | 'locationIdentifier' | 'latitude' | 'longitude'> &
      Partial<SimLocation>,
  ): SimLocation {
    const at = this.iso();
    const loc: SimLocation = {
      locationDescription: null,
      formattedAddress: null,
      createdAt: at,
      updatedAt: at,
      ...input,
      id: this.nextLocationId++,
    };
    this.locations.set(loc.id, loc);
    return loc;
  }

  listLocations(): unknown[] {
    return [...this.locations.values()].map((l) => this.locationView(l));
  }

  createLocation(body: Record<string, unknown>): Reply {
    const { externalReferenceId: ref, locationIdentifier: name, latitude, longitude } = body;
    if (typeof ref !== 'string' || !ref || typeof name !== 'string' || !name) {
      return { status: 400, body: { message: 'externalReferenceId and locationIdentifier are required' } };
    }
    if (typeof latitude !== 'string' || typeof longitude !== 'string') {
      return { status: 400, body: { message: 'latitude and longitude are required strings' } };
    }
    if (this.findByRef(ref)) return { status: 400, body: { message: `externalReferenceId ${ref} already exists` } };
    const loc = this.addLocation({
      externalReferenceId: ref,
      locationIdentifier: name,
      latitude,
      longitude,
      formattedAddress: typeof body.formattedAddress === 'string' ? body.formattedAddress : null,
      locationDescription: typeof body.locationDescription === 'string' ? body.locationDescription : null,
    });
    return { status: 201, body: this.locationView(loc) };
  }

  raiseCallout(ref: string, _body: Record<string, unknown>): Reply {
    const loc = this.findByRef(ref);
    // Documented quirk: an unknown externalRef is a 400 with a message, never a 404.
    if (!loc) return { status: 400, body: { message: `No predefined location found for externalReferenceId ${ref}` } };
    const active = [...this.callouts.values()].find((c) => c.predefinedLocationId === loc.id && c.closedAt === null);
    const callout = active ?? this.newCallout(loc);
    const flat = this.flat(callout);
    if (this.shape === 'a') return { status: 201, body: flat };
    return {
      status: 201,
      body: {
        message: active ? 'Active callout already exists for this location' : 'Callout created',
        installerIdentifier: null,
        externalReferenceId: ref,
        callout: flat,
      },
    };
  }

  readCallout(id: number): Reply {
    const c = this.callouts.get(id);
    if (!c) return { status: 404, body: { message: `Callout ${id} not found` } };
    const body = this.shape === 'a' ? this.flat(c) : { message: 'Callout retrieved', callout: this.nested(c) };
    return { status: 200, body };
  }

  advance(id: number, step: SimStep): Reply {
    const c = this.callouts.get(id);
    if (!c) return { status: 404, body: { message: `Callout ${id} not found` } };
    if (c.closedAt) return { status: 409, body: { message: `Callout ${id} is closed` } };
    const at = this.iso();
    if (step === 'dispatch') c.dispatchedAt ??= at;
    if (step === 'arrive') c.arrivedAt ??= at;
    if (step === 'complete') c.completedAt ??= at;
    if (step === 'close') c.closedAt = at;
    c.status = SIM_STATUS[step];
    return { status: 200, body: { id: c.id, status: c.status } };
  }

  allCallouts(): SimCallout[] {
    return [...this.callouts.values()].map((c) => ({ ...c }));
  }

  private findByRef(ref: string): SimLocation | undefined {
    return [...this.locations.values()].find((l) => l.externalReferenceId === ref);
  }

  private newCallout(loc: SimLocation): SimCallout {
    const c: SimCallout = {
      id: this.nextCalloutId++,
      customerId: null,
      predefinedLocationId: loc.id,
      externalReferenceId: loc.externalReferenceId,
      status: SIM_STATUS.created,
      latitude: Number(loc.latitude),
      longitude: Number(loc.longitude),
      createdAt: this.iso(),
      dispatchedAt: null,
      arrivedAt: null,
      completedAt: null,
      closedAt: null,
    };
    this.callouts.set(c.id, c);
    return c;
  }

  private flat(c: SimCallout): Record<string, unknown> {
    return {
      id: c.id,
      customerId: c.customerId,
      predefinedLocationId: c.predefinedLocationId,
      status: c.status,
      latitude: c.latitude,
      longitude: c.longitude,
      responseTypeId: 2,
      calloutClassificationId: 3,
      createdAt: c.createdAt,
    };
  }

  private nested(c: SimCallout): Record<string, unknown> {
    return {
      ...this.flat(c),
      incidentInformation: c.dispatchedAt
        ? [
            {
              responderName: 'Unit 12',
              supplierName: 'Simulated Response Co.',
              responseType: 'Armed response',
              dispatchedAt: c.dispatchedAt,
              arrivedAt: c.arrivedAt,
              completedAt: c.completedAt,
            },
          ]
        : [],
    };
  }

  private locationView(l: SimLocation): Record<string, unknown> {
    if (this.shape === 'a') {
      return {
        id: l.id,
        name: l.locationIdentifier,
        externalReferenceId: l.externalReferenceId,
        latitude: Number(l.latitude),
        longitude: Number(l.longitude),
        address: l.formattedAddress,
        customerId: 1,
      };
    }
    return {
      id: l.id,
      customerId: null,
      customerSourceId: 42,
      externalReferenceId: l.externalReferenceId,
      locationIdentifier: l.locationIdentifier,
      locationDescription: l.locationDescription,
      locationAdditionalInformation: null,
      formattedAddress: l.formattedAddress,
      latitude: l.latitude,
      longitude: l.longitude,
      w3w: null,
      calloutLocationTypeId: null,
      calloutLocationTypeValue: null,
      calloutLocationTypeDescription: null,
      duressCode: null,
      medicalCoverage: true,
      securityCoverage: true,
      inCoverageLastCheckedAt: l.updatedAt,
      createdAt: l.createdAt,
      updatedAt: l.updatedAt,
      'calloutLocationType.id': null,
      'calloutLocationType.value': null,
      'calloutLocationType.description': null,
      'calloutLocationType.addressType': null,
      'calloutLocationType.createdAt': null,
      'calloutLocationType.updatedAt': null,
    };
  }
}
