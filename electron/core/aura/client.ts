// The AURA Panic API client. Runs in main (or plain Node), never in the renderer.
// It keeps a server token warm so that a panic press costs exactly one HTTP request, validates
// every response with zod (both documented shapes), and turns every failure into a typed
// AuraError with no secret or token in it (the token and the 401 retry: authed-http.ts). This
// file is AURA's routes, one method each. Paths marked INFERRED are our best reading of
// shared/aura-api.md where the docs did not capture the path (also in docs/decisions.md).
import { AuthedHttp } from './authed-http';
import type { AuraClientOptions, RaiseCalloutBody } from './client-options';
import { AuraError } from './errors';
import type { ListRead, SkippedItem } from './fields';
import { fixedLocationBody, type FixedLocationInput } from './locations';
import { notFound, raiseRefusal } from './route-refusals';
import { pathSegment } from './segment';
import {
  ActiveCalloutsSchema,
  CalloutEventListSchema,
  CalloutEventResponseSchema,
  CalloutMapSchema,
  CalloutResponseSchema,
  ExceptionReasonListSchema,
  ExceptionReasonResponseSchema,
  FixedLocationListSchema,
  FixedLocationResponseSchema,
  RaiseResponseSchema,
  ResolutionReportSchema,
  type AuraCallout,
  type CalloutEvent,
  type CalloutMap,
  type ExceptionReason,
  type FixedLocation,
  type ResolutionReport,
} from './schemas';

export interface CalloutRead {
  callout: AuraCallout;
  /** True when AURA answered 285 (closed): stop polling; `callout` is the latest state. */
  closed: boolean;
}

export interface RaiseResult {
  callout: AuraCallout;
  /** AURA's `message` (Set B), e.g. whether it created a callout or returned the active one. */
  message: string | null;
  /** The HTTP status (200 or 201 are both success; the docs do not say which). */
  status: number;
}

/** Items of an AURA list that failed their schema and were skipped (issue 10 item 8). */
export interface SkippedItems {
  /** Which list, e.g. `GET /callouts/activeCallouts`. */
  list: string;
  items: SkippedItem[];
}

export class AuraClient {
  private readonly http: AuthedHttp;
  private readonly raiseDefaults: RaiseCalloutBody;
  private readonly skippedListeners = new Set<(report: SkippedItems) => void>();

  constructor(options: AuraClientOptions) {
    this.http = new AuthedHttp(options);
    this.raiseDefaults = options.raiseDefaults ?? {};
  }

  // ---- Token -------------------------------------------------------------------------------

  /** True when a token is held that will not need refreshing for at least the margin. */
  get tokenIsWarm(): boolean {
    return this.http.tokens.isWarm;
  }

  /** A valid server token, exchanging credentials when needed; one exchange in flight at a time. */
  getToken(): Promise<string> {
    return this.http.tokens.get();
  }

  /** Drops the held token, so that the next call exchanges afresh (the reliability tests use it). */
  forgetToken(): void {
    this.http.tokens.invalidate();
  }

  /** Cancels its requests in flight and stops the keep-warm timer: the desk using it stopped or was replaced. */
  close(): void {
    this.http.close();
  }

  /** Hears of list items skipped for failing their schema; returns the unsubscribe function. */
  onSkippedItems(listener: (report: SkippedItems) => void): () => void {
    this.skippedListeners.add(listener);
    return () => this.skippedListeners.delete(listener);
  }

  // ---- Fixed Locations ---------------------------------------------------------------------
  // List/get/create/delete paths are INFERRED (aura-api.md §3.1); update's PUT is CONFIRMED.

  async listFixedLocations(): Promise<FixedLocation[]> {
    const path = '/predefinedLocations';
    return this.listed(
      `GET ${path}`,
      (await this.http.send({ method: 'GET', path, schema: FixedLocationListSchema })).data,
    );
  }

  async getFixedLocation(id: number): Promise<FixedLocation> {
    const path = `/predefinedLocations/${pathSegment(String(id))}`;
    return (await this.http.send({ method: 'GET', path, schema: FixedLocationResponseSchema })).data;
  }

  /** The Fixed Location with this externalReferenceId, by listing (AURA has no get-by-ref route). */
  async findFixedLocationByRef(externalReferenceId: string): Promise<FixedLocation | null> {
    const all = await this.listFixedLocations();
    return all.find((l) => l.externalReferenceId === externalReferenceId) ?? null;
  }

  async createFixedLocation(input: FixedLocationInput): Promise<FixedLocation> {
    return this.sendLocation('POST', '/predefinedLocations', input);
  }

  async updateFixedLocation(id: number, input: FixedLocationInput): Promise<FixedLocation> {
    return this.sendLocation('PUT', `/predefinedLocations/${pathSegment(String(id))}`, input);
  }

  /**
   * The body's Set A keys depend on the server's spelling, learnt from the token answer. When the
   * token answer used neither spelling and the server refuses the body for want of a `name` (a 400:
   * nothing was stored), it is sent once more with Set A's keys.
   */
  private async sendLocation(method: 'POST' | 'PUT', path: string, input: FixedLocationInput): Promise<FixedLocation> {
    await this.getToken();
    const send = async (body: Record<string, unknown>): Promise<FixedLocation> =>
      (await this.http.send({ method, path, schema: FixedLocationResponseSchema, body })).data;
    try {
      return await send(fixedLocationBody(input, this.http.docSet));
    } catch (error) {
      const wantsName = error instanceof AuraError && error.status === 400 && /\bname\b/i.test(error.auraMessage ?? '');
      if (this.http.docSet !== null || !wantsName) throw error;
      return send(fixedLocationBody(input, 'a'));
    }
  }

  /** Deletes (AURA probably soft-deletes) a Fixed Location; 200 and 204 are both success. */
  async deleteFixedLocation(id: number): Promise<void> {
    const path = `/predefinedLocations/${pathSegment(String(id))}`;
    await this.http.send({ method: 'DELETE', path, schema: null });
  }

  // ---- Callouts ----------------------------------------------------------------------------

  /** Raises a callout for a site (CONFIRMED path). With a warm token: exactly one HTTP request. */
  async raiseCallout(externalReferenceId: string, body: RaiseCalloutBody = {}): Promise<AuraCallout> {
    return (await this.raise(externalReferenceId, body)).callout;
  }

  /**
   * Raises a callout and keeps AURA's message and status. Never retried on an unknown outcome:
   * AURA de-duplicates only while a callout is active, so check `listActiveCallouts` first.
   */
  async raise(externalReferenceId: string, body: RaiseCalloutBody = {}): Promise<RaiseResult> {
    const ref = pathSegment(externalReferenceId);
    const { data, status } = await this.http.send({
      method: 'POST',
      path: `/predefinedLocations/externalRef/${ref}/callouts`,
      schema: RaiseResponseSchema,
      body: { ...this.raiseDefaults, ...body },
      // Documented quirk: an unknown or deleted externalReferenceId is a 400, never a 404.
      statusReaders: { 400: raiseRefusal(externalReferenceId) },
    });
    return { callout: data.callout, message: data.message, status };
  }

  /** Reads a callout (flat or `{message, callout}`); `closed` when AURA answers 285. */
  async getCallout(calloutId: string): Promise<CalloutRead> {
    const { data, closed } = await this.http.send({
      method: 'GET',
      path: `/callouts/${pathSegment(calloutId)}`,
      schema: CalloutResponseSchema,
      statusReaders: { 404: notFound(`AURA has no callout ${calloutId}`) },
    });
    return { callout: data, closed };
  }

  /** The customer source's active callouts (bare array or wrapped). */
  async listActiveCallouts(): Promise<AuraCallout[]> {
    const path = '/callouts/activeCallouts';
    return this.listed(
      `GET ${path}`,
      (await this.http.send({ method: 'GET', path, schema: ActiveCalloutsSchema })).data,
    );
  }

  async listCalloutEvents(calloutId: string): Promise<CalloutEvent[]> {
    const path = `/callouts/${pathSegment(calloutId)}/events`;
    const read = (await this.http.send({ method: 'GET', path, schema: CalloutEventListSchema })).data;
    return this.listed('GET /callouts/{calloutId}/events', read);
  }

  /** Sends a message to the control room on the callout's event stream. */
  async sendCalloutEvent(
    calloutId: string,
    message: string,
    options: { unlogged?: boolean } = {},
  ): Promise<CalloutEvent> {
    const path = `/callouts/${pathSegment(calloutId)}/events`;
    const body = { message };
    return (await this.http.send({ method: 'POST', path, schema: CalloutEventResponseSchema, body, ...options })).data;
  }

  /**
   * Cancels a callout. Fixed sites send `{}` (an unconditional integrator cancel, no safeCode);
   * a safeCode is only for a verified customer cancel with duress detection.
   */
  async cancelCallout(
    calloutId: string,
    options: { safeCode?: string; unlogged?: boolean } = {},
  ): Promise<CalloutRead> {
    const body = options.safeCode === undefined ? {} : { safeCode: options.safeCode };
    const { data, closed } = await this.http.send({
      method: 'POST',
      path: `/callouts/${pathSegment(calloutId)}/cancel`,
      schema: CalloutResponseSchema,
      body,
      unlogged: options.unlogged,
      statusReaders: { 404: notFound(`AURA has no callout ${calloutId}`) },
    });
    return { callout: data, closed };
  }

  /** The cancellation ("exception") reasons AURA offers for this callout. */
  async listExceptionReasons(calloutId: string): Promise<ExceptionReason[]> {
    const path = `/callouts/${pathSegment(calloutId)}/exceptionReasons`;
    const read = (await this.http.send({ method: 'GET', path, schema: ExceptionReasonListSchema })).data;
    return this.listed('GET /callouts/{calloutId}/exceptionReasons', read);
  }

  /** Attaches a reason to the callout (INFERRED order: the reason first, then the cancel). */
  async addExceptionReason(
    calloutId: string,
    reason: { exceptionReasonId: number; notes?: string },
    options: { unlogged?: boolean } = {},
  ): Promise<ExceptionReason> {
    const path = `/callouts/${pathSegment(calloutId)}/exceptionReasons`;
    const body: Record<string, unknown> = { exceptionReasonId: reason.exceptionReasonId };
    if (reason.notes?.trim()) body.notes = reason.notes.trim();
    const schema = ExceptionReasonResponseSchema;
    return (await this.http.send({ method: 'POST', path, schema, body, ...options })).data;
  }

  /** The static map of a closed callout (CONFIRMED path `/maps`); notFound before close. */
  async getCalloutMap(calloutId: string): Promise<CalloutMap> {
    const { data } = await this.http.send({
      method: 'GET',
      path: `/callouts/${pathSegment(calloutId)}/maps`,
      schema: CalloutMapSchema,
      statusReaders: { 404: notFound(`AURA has no map for callout ${calloutId} (maps exist only once it is closed)`) },
    });
    return data;
  }

  /**
   * The resolution report of a closed callout. Path INFERRED: `/callouts/{id}/resolutionReport`
   * (the Set A sidebar's "Generate a resolution report"); notFound before close.
   */
  async getResolutionReport(calloutId: string): Promise<ResolutionReport> {
    const { data } = await this.http.send({
      method: 'GET',
      path: `/callouts/${pathSegment(calloutId)}/resolutionReport`,
      schema: ResolutionReportSchema,
      statusReaders: {
        404: notFound(`AURA has no resolution report for callout ${calloutId} (it exists only once it is closed)`),
      },
    });
    return data;
  }

  // ---- Plumbing ----------------------------------------------------------------------------

  /** The items of a list read item by item; skipped ones are reported to the listeners. */
  private listed<T>(list: string, read: ListRead<T>): T[] {
    if (read.skipped.length > 0) {
      const report: SkippedItems = {
        list,
        items: read.skipped.map((s) => ({ ...s, reason: this.http.redactor.redact(s.reason) })),
      };
      for (const listener of this.skippedListeners) {
        try {
          listener(report);
        } catch {
          // A listener's failure must never cost the caller its list.
        }
      }
    }
    return read.items;
  }
}
