// The simulator's world: Fixed Locations, callouts, their events and cancellation reasons, and
// how a callout moves (dispatch, arrive, complete, close, cancel). Shape-agnostic except where a
// reply is built; every change is announced so the server can persist it and autoplay can
// reschedule.
import { fail, type Reply } from './reply';
import type { Shape } from './views';
import { boundEvents } from './event-bound';
import {
  DEFAULT_AUTOPLAY_TIMINGS,
  SIM_STEPS,
  type AutoplayTimings,
  type PersistedWorld,
  type SimCallout,
  type SimEvent,
  type SimLocation,
  type SimPhase,
  type SimReasonRecord,
  type SimStep,
} from './world';

export { SIM_STEPS, type SimCallout, type SimLocation, type SimStep } from './world';
export type { Shape } from './views';

/** The status strings the simulator reports. Only `created`, `Responder Dispatched` and
 *  `Responder Cancelled` are CONFIRMED (aura-api.md §5.1); the rest are INFERRED and configurable. */
export type StatusStrings = Record<'created' | SimStep, string>;
export const SIM_STATUS: StatusStrings = {
  created: 'created',
  dispatch: 'Responder Dispatched',
  arrive: 'Responder Arrived',
  complete: 'Responder Completed',
  close: 'Closed',
  cancel: 'Responder Cancelled',
};

/** The cancellation reasons of aura-api.md §4.8. */
export const EXCEPTION_REASONS = [
  { id: 101, reason: 'Customer unavailable at location' },
  { id: 102, reason: 'False alarm triggered' },
  { id: 103, reason: 'Technical malfunction detected' },
] as const;

/**
 * The body AURA's Property Protect quickstart registers (seed/aura-property-protect-quickstart.txt,
 * step 2), key for key: the reference as `locationIdentifier`, the name in `locationDescription`.
 * The simulator's Training site is exactly this.
 */
export const QUICKSTART_FIXED_LOCATION = {
  externalReferenceId: 'site_9944',
  locationIdentifier: 'site_9944',
  locationDescription: 'Downtown Branch',
  latitude: '-26.12345',
  longitude: '28.12345',
  formattedAddress: '123 Main Street, Johannesburg',
  calloutLocationTypeId: 3,
} as const;

const STEP_PHASE: Record<SimStep, SimPhase> = {
  dispatch: 'dispatched',
  arrive: 'arrived',
  complete: 'completed',
  close: 'closed',
  cancel: 'cancelled',
};
const ORDER: Record<SimPhase, number> = {
  created: 0,
  dispatched: 1,
  arrived: 2,
  completed: 3,
  cancelled: 4,
  closed: 5,
};

export type LocationFields = Pick<
  SimLocation,
  'externalReferenceId' | 'locationIdentifier' | 'latitude' | 'longitude'
> &
  Partial<Omit<SimLocation, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt'>>;

export interface SimulatorStateOptions {
  shape: Shape;
  now: () => number;
  statusStrings?: Partial<StatusStrings>;
  /** A saved world to continue from; otherwise a fresh one with the quickstart location. */
  world?: PersistedWorld | null;
  /**
   * Return the site's active callout when it is raised again (AURA's behaviour, the default).
   * Off, every raise opens a new callout: a test then sees any blind retry as a duplicate.
   */
  dedupeActive?: boolean;
  /**
   * Also write lifecycle notes (dispatched, arrived, …) into the callout's event stream, which
   * AURA's stream carries besides chat (aura-api.md §4.6). Off by default: the desk's timeline
   * already shows each stage, and the notes' wording is ours, not AURA's.
   */
  lifecycleEvents?: boolean;
}

export class SimulatorState {
  readonly shape: Shape;
  readonly statusStrings: StatusStrings;
  private readonly now: () => number;
  private readonly dedupeActive: boolean;
  private readonly lifecycleEvents: boolean;
  private readonly locations = new Map<number, SimLocation>();
  private readonly callouts = new Map<number, SimCallout>();
  private events: SimEvent[] = [];
  private reasonRecords: SimReasonRecord[] = [];
  private nextIds = { location: 99001, callout: 992011, event: 771, reasonRecord: 12345 };
  private autoplaySetting: PersistedWorld['autoplay'] = { on: false, timings: { ...DEFAULT_AUTOPLAY_TIMINGS } };
  private readonly listeners = new Set<() => void>();

  constructor(opts: SimulatorStateOptions) {
    this.shape = opts.shape;
    this.now = opts.now;
    this.dedupeActive = opts.dedupeActive ?? true;
    this.lifecycleEvents = opts.lifecycleEvents ?? false;
    this.statusStrings = { ...SIM_STATUS, ...opts.statusStrings };
    if (opts.world) this.restore(opts.world);
    else this.addLocation({ ...QUICKSTART_FIXED_LOCATION });
  }

  /** Called after every change of the world (persistence, autoplay). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }

  // ---- Fixed Locations ---------------------------------------------------------------------

  addLocation(input: LocationFields): SimLocation {
    const at = this.iso();
    const loc: SimLocation = {
      locationDescription: null,
      locationAdditionalInformation: null,
      formattedAddress: null,
      w3w: null,
      calloutLocationTypeId: null,
      customerId: null,
      ...input,
      id: this.nextIds.location++,
      createdAt: at,
      updatedAt: at,
      deletedAt: null,
    };
    this.locations.set(loc.id, loc);
    this.changed();
    return loc;
  }

  /** Fixed Locations that are not deleted, in id order. */
  activeLocations(): SimLocation[] {
    return [...this.locations.values()].filter((l) => l.deletedAt === null);
  }

  location(id: number): SimLocation | undefined {
    const l = this.locations.get(id);
    return l && l.deletedAt === null ? l : undefined;
  }

  locationByRef(ref: string): SimLocation | undefined {
    return this.activeLocations().find((l) => l.externalReferenceId === ref);
  }

  updateLocation(id: number, patch: Partial<LocationFields>): SimLocation | undefined {
    const l = this.location(id);
    if (!l) return undefined;
    Object.assign(l, patch, { updatedAt: this.iso() });
    this.changed();
    return l;
  }

  deleteLocation(id: number): boolean {
    const l = this.location(id);
    if (!l) return false;
    l.deletedAt = this.iso();
    l.updatedAt = l.deletedAt;
    this.changed();
    return true;
  }

  // ---- Callouts ----------------------------------------------------------------------------

  callout(id: number): SimCallout | undefined {
    return this.callouts.get(id);
  }

  /** Callouts not yet closed (a cancelled one stays active until the control room closes it). */
  activeCallouts(): SimCallout[] {
    return [...this.callouts.values()].filter((c) => c.phase !== 'closed');
  }

  allCallouts(): SimCallout[] {
    return [...this.callouts.values()].map((c) => ({ ...c }));
  }

  /** The site's active callout, or a new one: one active incident per site (aura-api.md §4.1). */
  raise(
    loc: SimLocation,
    fields: {
      responseTypeId?: number | null;
      calloutClassificationId?: number | null;
      installerIdentifier?: string | null;
      internalTest?: boolean | null;
    },
  ): { callout: SimCallout; existing: boolean } {
    const active = this.dedupeActive ? this.activeCallouts().find((c) => c.predefinedLocationId === loc.id) : undefined;
    if (active) return { callout: active, existing: true };
    const c: SimCallout = {
      id: this.nextIds.callout++,
      customerId: loc.customerId,
      predefinedLocationId: loc.id,
      externalReferenceId: loc.externalReferenceId,
      status: this.statusStrings.created,
      phase: 'created',
      phaseSince: this.now(),
      latitude: Number(loc.latitude),
      longitude: Number(loc.longitude),
      responseTypeId: fields.responseTypeId ?? 2,
      calloutClassificationId: fields.calloutClassificationId ?? 3,
      installerIdentifier: fields.installerIdentifier ?? null,
      internalTest: fields.internalTest ?? false,
      createdAt: this.iso(),
      dispatchedAt: null,
      arrivedAt: null,
      completedAt: null,
      cancelledAt: null,
      closedAt: null,
      cancelledWithSafeCode: false,
    };
    this.callouts.set(c.id, c);
    if (this.lifecycleEvents) this.logEvent(c.id, 'aura', `New callout for ${loc.locationIdentifier}`);
    this.changed();
    return { callout: c, existing: false };
  }

  /**
   * The responder control: moves a callout one named step. Steps only go forward; a cancelled
   * callout can only be closed; a closed one cannot move. Skipped stages get the same time.
   */
  advance(id: number, step: SimStep): Reply {
    const c = this.callouts.get(id);
    if (!c) return fail(404, `Callout ${id} not found`);
    const refusal = this.refusal(c, step);
    if (refusal) return fail(409, refusal);
    const at = this.iso();
    if (step === 'dispatch' || step === 'arrive' || step === 'complete') c.dispatchedAt ??= at;
    if (step === 'arrive' || step === 'complete') c.arrivedAt ??= at;
    if (step === 'complete') c.completedAt ??= at;
    if (step === 'cancel') c.cancelledAt = at;
    if (step === 'close') c.closedAt = at;
    c.phase = STEP_PHASE[step];
    c.phaseSince = this.now();
    c.status = this.statusStrings[step];
    if (this.lifecycleEvents) this.logEvent(c.id, 'aura', STEP_NOTES[step]);
    this.changed();
    return { status: 200, body: { id: c.id, status: c.status, phase: c.phase } };
  }

  private refusal(c: SimCallout, step: SimStep): string | null {
    if (c.phase === 'closed') return `Callout ${c.id} is closed`;
    if (step === 'close') return null;
    if (c.phase === 'cancelled') return `Callout ${c.id} is cancelled; it can only be closed`;
    if (step === 'cancel') return c.phase === 'completed' ? `Callout ${c.id} is already completed` : null;
    if (ORDER[STEP_PHASE[step]] <= ORDER[c.phase]) return `Callout ${c.id} is already ${c.phase}`;
    return null;
  }

  /** An integrator cancel: `{}` stands the responder down; a safeCode is a verified customer cancel. */
  cancel(id: number, safeCode: string | null): { callout: SimCallout } | { refused: Reply } {
    const c = this.callouts.get(id);
    if (!c) return { refused: fail(404, `Callout ${id} not found`) };
    if (c.phase === 'closed') return { refused: fail(400, `Callout ${id} is already closed`) };
    if (c.phase === 'completed') return { refused: fail(400, `Callout ${id} is already completed`) };
    if (c.phase !== 'cancelled') {
      c.cancelledWithSafeCode = safeCode !== null;
      this.advance(id, 'cancel');
    }
    return { callout: c };
  }

  // ---- Events and reasons ------------------------------------------------------------------

  eventsOf(calloutId: number): SimEvent[] {
    return this.events.filter((e) => e.calloutId === calloutId);
  }

  addEvent(calloutId: number, message: string): SimEvent {
    const event = this.logEvent(calloutId, 'integration', message);
    this.changed();
    return event;
  }

  private logEvent(calloutId: number, author: SimEvent['author'], message: string): SimEvent {
    const event: SimEvent = { id: this.nextIds.event++, calloutId, message, createdAt: this.iso(), author };
    this.events.push(event);
    this.events = boundEvents(this.events, (id) => this.callouts.get(id)?.phase === 'closed');
    return event;
  }

  reasonsOf(calloutId: number): SimReasonRecord[] {
    return this.reasonRecords.filter((r) => r.calloutId === calloutId);
  }

  addReason(calloutId: number, exceptionReasonId: number, notes: string | null): SimReasonRecord {
    const record: SimReasonRecord = {
      id: this.nextIds.reasonRecord++,
      calloutId,
      exceptionReasonId,
      notes,
      createdAt: this.iso(),
    };
    this.reasonRecords.push(record);
    this.changed();
    return record;
  }

  // ---- Autoplay setting and persistence ----------------------------------------------------

  get autoplay(): PersistedWorld['autoplay'] {
    return { on: this.autoplaySetting.on, timings: { ...this.autoplaySetting.timings } };
  }

  setAutoplay(patch: { on?: boolean; timings?: Partial<AutoplayTimings> }): void {
    this.autoplaySetting = {
      on: patch.on ?? this.autoplaySetting.on,
      timings: { ...this.autoplaySetting.timings, ...patch.timings },
    };
    this.changed();
  }

  toJSON(): PersistedWorld {
    return {
      version: 1,
      nextIds: { ...this.nextIds },
      locations: [...this.locations.values()].map((l) => ({ ...l })),
      callouts: this.allCallouts(),
      events: this.events.map((e) => ({ ...e })),
      reasonRecords: this.reasonRecords.map((r) => ({ ...r })),
      autoplay: this.autoplay,
    };
  }

  private restore(world: PersistedWorld): void {
    for (const l of world.locations) this.locations.set(l.id, { ...l });
    for (const c of world.callouts) this.callouts.set(c.id, { ...c });
    this.events = world.events.map((e) => ({ ...e }));
    this.reasonRecords = world.reasonRecords.map((r) => ({ ...r }));
    this.nextIds = { ...world.nextIds };
    this.autoplaySetting = { on: world.autoplay.on, timings: { ...world.autoplay.timings } };
  }
}

const STEP_NOTES: Record<SimStep, string> = {
  dispatch: 'Responder dispatched: Unit 12 (Simulated Response Co.), ETA 7 min',
  arrive: 'Responder arrived on scene',
  complete: 'Responder completed',
  close: 'Callout closed by the control room',
  cancel: 'Responder stood down: callout cancelled',
};

export function isSimStep(value: unknown): value is SimStep {
  return typeof value === 'string' && (SIM_STEPS as readonly string[]).includes(value);
}
