// The desk's port to AURA, in the desk's words: a callout is a `CalloutSnapshot` (what the
// timeline and the dispatcher read of it), a Fixed Location is a `Site`. `deskPortFor` is the one
// place where an AuraClient's shapes (AuraCallout, FixedLocation, exception reasons, events with
// authors) are translated; everything behind the port (dispatch/, desk/) never sees them.
import type { Responder } from '../../shared/model/callout';
import type { Site, SiteInput } from '../../shared/model/site';
import type { AuraClient, CalloutRead } from './client';
import type { FixedLocation, FixedLocationInput } from './locations';
import type { AuraCallout } from './schemas';

/**
 * What the desk knows of a callout from one AURA answer. `predefinedLocationId` is AURA's id of
 * the site (`Site.auraId`); the times and the responder are those of the first incident.
 */
export interface CalloutSnapshot {
  id: string;
  /** AURA's status string. */
  status: string;
  predefinedLocationId: number | null;
  createdAt: string | null;
  dispatchedAt: string | null;
  arrivedAt: string | null;
  completedAt: string | null;
  responder: Responder | null;
}

/** AURA's answer to a raise: the callout, and whether AURA said it already had it. */
export interface RaisedCallout extends CalloutSnapshot {
  /** AURA's message said the site's active callout was returned instead of a new one. */
  alreadyActive?: boolean;
}

/** A callout event as the timeline needs it (messages from either side, AURA's notes). Its
 * time and text identify it: AURA's event ids are undocumented and may be absent. */
export interface TimelineEvent {
  at: string | null;
  text: string;
}

/** A callout read back: `closed` when AURA answered 285 (stop following; the snapshot is its last state). */
export interface CalloutReading {
  callout: CalloutSnapshot;
  closed: boolean;
}

/** What the dispatcher needs of AURA to send presses. */
export interface DispatchPort {
  raiseCallout(siteId: string): Promise<RaisedCallout>;
  listActiveCallouts(): Promise<CalloutSnapshot[]>;
  /** `unlogged`: no diagnostics line for the request (the cancel writes its own, issue 21 finding 5). */
  sendCalloutEvent(calloutId: string, message: string, options?: { unlogged?: boolean }): Promise<void>;
  listCalloutEvents(calloutId: string): Promise<Array<{ text: string }>>;
  /** Gets a token ready, so that a failure there is known not to have reached the raise route. */
  prepare?(): Promise<void>;
}

/** What the desk needs of AURA. */
export interface DeskPort extends DispatchPort {
  getCallout(calloutId: string): Promise<CalloutReading>;
  listCalloutEvents(calloutId: string): Promise<TimelineEvent[]>;
  listCancelReasons(calloutId: string): Promise<Array<{ id: number; text: string }>>;
  cancelCallout(calloutId: string, reason: { id: number; notes: string }): Promise<CalloutReading>;
  listSites(): Promise<Site[]>;
  registerSite(input: SiteInput): Promise<Site>;
  /** Edits the site AURA knows by `auraId`; `existing` is the desk's copy (its identifier is kept). */
  editSite(auraId: number, input: SiteInput, existing: Site): Promise<Site>;
  deleteSite(auraId: number): Promise<void>;
}

/** The port, or the words an operator needs when this desk has no AURA credentials yet. */
export function requireApi<A>(api: A | null): A {
  if (!api) throw new Error('Panic Desk has no AURA credentials yet: enter them in Setup');
  return api;
}

/** True when AURA's message says it returned the site's active callout (Set B's "already exists"). */
function saysAlreadyActive(message: string | null): boolean {
  return message !== null && /\balready\b/i.test(message);
}

/** The desk's view of an AuraClient: AURA's shapes in, the desk's words out. */
export function deskPortFor(client: AuraClient): DeskPort {
  return {
    async raiseCallout(siteId) {
      const raised = await client.raise(siteId);
      return { ...snapshotOf(raised.callout), alreadyActive: saysAlreadyActive(raised.message) };
    },
    prepare: async () => void (await client.getToken()),
    listActiveCallouts: async () => (await client.listActiveCallouts()).map(snapshotOf),
    getCallout: async (id) => readingOf(await client.getCallout(id)),
    async listCalloutEvents(id) {
      const events = await client.listCalloutEvents(id);
      return events.map((e) => ({ at: e.createdAt, text: e.author ? `${e.author}: ${e.message}` : e.message }));
    },
    async sendCalloutEvent(id, message, options) {
      await client.sendCalloutEvent(id, message, options);
    },
    async listCancelReasons(id) {
      const reasons = await client.listExceptionReasons(id);
      return reasons.map((r) => ({ id: r.id, text: r.reason }));
    },
    async cancelCallout(id, reason) {
      // INFERRED order (aura-api.md): attach the reason, then cancel; fixed sites send no safeCode.
      // Unlogged: the cancel service logs one line alike for a cancel and a duress cancel.
      await client.addExceptionReason(id, { exceptionReasonId: reason.id, notes: reason.notes }, { unlogged: true });
      return readingOf(await client.cancelCallout(id, { unlogged: true }));
    },
    listSites: async () => (await client.listFixedLocations()).map(siteFromLocation),
    registerSite: async (input) => siteFromLocation(await client.createFixedLocation(locationInputFrom(input))),
    editSite: async (auraId, input, existing) =>
      siteFromLocation(await client.updateFixedLocation(auraId, locationInputFrom(input, existing))),
    deleteSite: (auraId) => client.deleteFixedLocation(auraId),
  };
}

/** AURA's normalised callout as the desk reads it (the first incident's times and responder). */
export function snapshotOf(callout: AuraCallout): CalloutSnapshot {
  const incident = callout.incidents[0];
  const name = incident?.responderName ?? null;
  const phone = incident?.responderPhone ?? null;
  const supplier = incident?.supplierName ?? null;
  return {
    id: callout.id,
    status: callout.status,
    predefinedLocationId: callout.predefinedLocationId,
    createdAt: callout.createdAt,
    dispatchedAt: incident?.dispatchedAt ?? null,
    arrivedAt: incident?.arrivedAt ?? null,
    completedAt: incident?.completedAt ?? null,
    responder: name || phone || supplier ? { name, phone, supplier } : null,
  };
}

function readingOf(read: CalloutRead): CalloutReading {
  return { callout: snapshotOf(read.callout), closed: read.closed };
}

/** A site's id is AURA's externalReferenceId, the stable key the raise route takes. */
function siteFromLocation(location: FixedLocation): Site {
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
function locationInputFrom(input: SiteInput, existing: Site | null = null): FixedLocationInput {
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
