// The AURA Panic API client. Runs in main (or plain Node), never in the renderer.
// It keeps a server token warm so that a panic press costs exactly one HTTP request, validates
// every response with zod (both documented shapes), and turns every failure into a typed
// AuraError with no secret or token in it. Paths marked INFERRED are our best reading of
// shared/aura-api.md where the docs did not capture the path (also in docs/decisions.md).
import type { z } from 'zod';
import type { RedactingLogger } from '../diagnostics/log';
import { silentLogger } from '../ports';
import { AuraError } from './errors';
import { AuraHttp, DEFAULT_MAX_BODY_BYTES, type HttpResult, type SendOptions, type StatusReader } from './http';
import type { ListRead, SkippedItem } from './fields';
import { fixedLocationBody, type DocSet, type FixedLocationInput } from './locations';
import { RateCap, REQUESTS_PER_MINUTE } from './rate-cap';
import { Redactor } from './redact';
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
  TokenResponseSchema,
  type AuraCallout,
  type CalloutEvent,
  type CalloutMap,
  type ExceptionReason,
  type FixedLocation,
  type ResolutionReport,
} from './schemas';
import { TokenKeeper, type TokenGrant } from './token';

export interface AuraClientOptions {
  /** Base URL including the API prefix, e.g. `https://staging-panic.aura.services/panic-api/v2`. */
  baseUrl: string;
  clientId: string;
  /** Read from the keychain when a token is needed; never stored by the client beyond redaction. */
  getSecret: () => Promise<string>;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  now?: () => number;
  /** Monotonic time for token lifetimes and the request-rate cap (default performance.now). */
  monotonic?: () => number;
  /** Waits on the monotonic clock (default real timers); tests pass a fake clock's. */
  sleep?: (ms: number) => Promise<void>;
  /** The request-rate cap (default REQUESTS_PER_MINUTE). */
  maxRequestsPerMinute?: number;
  fetch?: typeof fetch;
  /** Refresh the token on a timer ahead of expiry, even when idle (default true). */
  keepWarm?: boolean;
  /** Bodies larger than this are refused as badResponse (default 1 MB). */
  maxBodyBytes?: number;
  /**
   * Merged into every raise body, e.g. `{ responseTypeId: 2 }` where AURA requires it (Set A
   * documents `responseTypeId` as required; Set B takes no body). Nothing by default.
   */
  raiseDefaults?: RaiseCalloutBody;
  /** The diagnostics log: each request's method, route, status and latency; scrubbed with this client's redactor. */
  log?: RedactingLogger;
}

/** Optional body fields of the raise route, from both doc sets. */
export interface RaiseCalloutBody {
  /** Set A: required there; which response AURA sends. Confirm the ids with AURA. */
  responseTypeId?: number;
  /** Set A, optional. */
  calloutClassificationId?: number;
  /** Set A, legacy: routes to a test supplier. Never in production. */
  internalTest?: boolean;
  /** Set B, optional: groups a partner's Fixed Locations for reporting and billing. */
  installerIdentifier?: string;
}

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
  private readonly http: AuraHttp;
  private readonly tokens: TokenKeeper;
  private readonly redactor = new Redactor();
  private readonly clientId: string;
  private readonly getSecret: () => Promise<string>;
  private readonly raiseDefaults: RaiseCalloutBody;
  private readonly stopLogRedaction: () => void;
  private readonly skippedListeners = new Set<(report: SkippedItems) => void>();
  /** The doc set whose spelling the server's token answer used (decides Set A's extra keys). */
  private docSet: DocSet = null;

  constructor(options: AuraClientOptions) {
    const now = options.now ?? (() => Date.now());
    const monotonic = options.monotonic ?? (() => performance.now());
    this.clientId = options.clientId;
    this.getSecret = options.getSecret;
    this.raiseDefaults = options.raiseDefaults ?? {};
    this.http = new AuraHttp({
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      timeoutMs: options.timeoutMs ?? 10_000,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      now,
      redactor: this.redactor,
      log: options.log ?? silentLogger,
      rate: new RateCap({
        perMinute: options.maxRequestsPerMinute ?? REQUESTS_PER_MINUTE,
        monotonic,
        sleep: options.sleep,
      }),
    });
    this.stopLogRedaction = options.log?.redactWith(this.redactor) ?? (() => undefined);
    this.tokens = new TokenKeeper({
      exchange: () => this.exchange(),
      now: monotonic,
      sleep: options.sleep,
      keepWarm: options.keepWarm ?? true,
    });
  }

  // ---- Token -------------------------------------------------------------------------------

  /** True when a token is held that will not need refreshing for at least the margin. */
  get tokenIsWarm(): boolean {
    return this.tokens.isWarm;
  }

  /** A valid server token, exchanging credentials when needed; one exchange in flight at a time. */
  getToken(): Promise<string> {
    return this.tokens.get();
  }

  /** Drops the cached token (after a 401, or when credentials change). */
  forgetToken(): void {
    this.tokens.invalidate();
  }

  /** Stops the keep-warm timer; call when this client is replaced (new credentials, new environment). */
  close(): void {
    this.tokens.close();
    this.stopLogRedaction();
  }

  /** Which documented spelling the server's last token answer used: 'a', 'b' or null. */
  get serverDocSet(): DocSet {
    return this.docSet;
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
      (await this.authed({ method: 'GET', path, schema: FixedLocationListSchema })).data,
    );
  }

  async getFixedLocation(id: number): Promise<FixedLocation> {
    const path = `/predefinedLocations/${pathSegment(String(id))}`;
    return (await this.authed({ method: 'GET', path, schema: FixedLocationResponseSchema })).data;
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
      (await this.authed({ method, path, schema: FixedLocationResponseSchema, body })).data;
    try {
      return await send(fixedLocationBody(input, this.docSet));
    } catch (error) {
      const wantsName = error instanceof AuraError && error.status === 400 && /\bname\b/i.test(error.auraMessage ?? '');
      if (this.docSet !== null || !wantsName) throw error;
      return send(fixedLocationBody(input, 'a'));
    }
  }

  /** Deletes (AURA probably soft-deletes) a Fixed Location; 200 and 204 are both success. */
  async deleteFixedLocation(id: number): Promise<void> {
    const path = `/predefinedLocations/${pathSegment(String(id))}`;
    await this.authed({ method: 'DELETE', path, schema: null });
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
    const refused: StatusReader = (auraMessage, status) =>
      isUnknownSiteMessage(auraMessage, externalReferenceId)
        ? new AuraError(
            'unknownSite',
            `AURA does not know site "${externalReferenceId}": ${auraMessage ?? 'no reason given'}`,
            { status, auraMessage },
          )
        : new AuraError('invalidRequest', `AURA refused the panic for site "${externalReferenceId}": ${auraMessage}`, {
            status,
            auraMessage,
          });
    const { data, status } = await this.authed({
      method: 'POST',
      path: `/predefinedLocations/externalRef/${ref}/callouts`,
      schema: RaiseResponseSchema,
      body: { ...this.raiseDefaults, ...body },
      // Documented quirk: an unknown or deleted externalReferenceId is a 400, never a 404.
      statusReaders: { 400: refused },
    });
    return { callout: data.callout, message: data.message, status };
  }

  /** Reads a callout (flat or `{message, callout}`); `closed` when AURA answers 285. */
  async getCallout(calloutId: string): Promise<CalloutRead> {
    const { data, closed } = await this.authed({
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
    return this.listed(`GET ${path}`, (await this.authed({ method: 'GET', path, schema: ActiveCalloutsSchema })).data);
  }

  async listCalloutEvents(calloutId: string): Promise<CalloutEvent[]> {
    const path = `/callouts/${pathSegment(calloutId)}/events`;
    const read = (await this.authed({ method: 'GET', path, schema: CalloutEventListSchema })).data;
    return this.listed('GET /callouts/{calloutId}/events', read);
  }

  /** Sends a message to the control room on the callout's event stream. */
  async sendCalloutEvent(calloutId: string, message: string): Promise<CalloutEvent> {
    const path = `/callouts/${pathSegment(calloutId)}/events`;
    return (await this.authed({ method: 'POST', path, schema: CalloutEventResponseSchema, body: { message } })).data;
  }

  /**
   * Cancels a callout. Fixed sites send `{}` (an unconditional integrator cancel, no safeCode);
   * a safeCode is only for a verified customer cancel with duress detection.
   */
  async cancelCallout(calloutId: string, options: { safeCode?: string } = {}): Promise<CalloutRead> {
    const body = options.safeCode === undefined ? {} : { safeCode: options.safeCode };
    const { data, closed } = await this.authed({
      method: 'POST',
      path: `/callouts/${pathSegment(calloutId)}/cancel`,
      schema: CalloutResponseSchema,
      body,
      statusReaders: { 404: notFound(`AURA has no callout ${calloutId}`) },
    });
    return { callout: data, closed };
  }

  /** The cancellation ("exception") reasons AURA offers for this callout. */
  async listExceptionReasons(calloutId: string): Promise<ExceptionReason[]> {
    const path = `/callouts/${pathSegment(calloutId)}/exceptionReasons`;
    const read = (await this.authed({ method: 'GET', path, schema: ExceptionReasonListSchema })).data;
    return this.listed('GET /callouts/{calloutId}/exceptionReasons', read);
  }

  /** Attaches a reason to the callout (INFERRED order: the reason first, then the cancel). */
  async addExceptionReason(
    calloutId: string,
    reason: { exceptionReasonId: number; notes?: string },
  ): Promise<ExceptionReason> {
    const path = `/callouts/${pathSegment(calloutId)}/exceptionReasons`;
    const body: Record<string, unknown> = { exceptionReasonId: reason.exceptionReasonId };
    if (reason.notes?.trim()) body.notes = reason.notes.trim();
    return (await this.authed({ method: 'POST', path, schema: ExceptionReasonResponseSchema, body })).data;
  }

  /** The static map of a closed callout (CONFIRMED path `/maps`); notFound before close. */
  async getCalloutMap(calloutId: string): Promise<CalloutMap> {
    const { data } = await this.authed({
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
    const { data } = await this.authed({
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

  private async exchange(): Promise<TokenGrant> {
    const secret = await this.getSecret();
    this.redactor.setSecret(secret);
    const rejected: StatusReader = (auraMessage, status) =>
      new AuraError('credentialsRejected', 'AURA rejected the client ID or secret', { status, auraMessage });
    // Any 4xx but 429 on the token route is a credentials problem, never a permanent failure of
    // a press (the keeper confirms it with a second exchange); 5xx and 429 stay transient.
    const statusReaders: Partial<Record<number, StatusReader>> = {};
    for (let status = 400; status < 500; status++) if (status !== 429) statusReaders[status] = rejected;
    const { data } = await this.http.send({
      method: 'POST',
      path: '/oauth/token',
      schema: TokenResponseSchema,
      body: { clientId: this.clientId, clientSecret: secret },
      statusReaders,
      // The request holds the secret: an echo of it must never become a message.
      quoteBody: false,
    });
    this.redactor.addToken(data.token);
    this.docSet = data.docSet;
    return data;
  }

  /** The items of a list read item by item; skipped ones are reported to the listeners. */
  private listed<T>(list: string, read: ListRead<T>): T[] {
    if (read.skipped.length > 0) {
      const report: SkippedItems = {
        list,
        items: read.skipped.map((s) => ({ ...s, reason: this.redactor.redact(s.reason) })),
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

  /** A bearer-token call. A 401 refreshes the token once and retries the call once. */
  private async authed<S extends z.ZodType | null>(
    options: SendOptions<S>,
  ): Promise<HttpResult<S extends z.ZodType ? z.output<S> : undefined>> {
    // A warm token is taken synchronously: with it, fetch starts in the caller's own tick.
    const token = this.tokens.peek() ?? (await this.tokens.get());
    // `options` is always a literal built by the caller: setting the header on it saves a copy.
    options.authorization = `Bearer ${token}`;
    try {
      return await this.http.send(options);
    } catch (error) {
      if (!(error instanceof AuraError) || error.kind !== 'unauthorized') throw error;
      // The server forgot the token or it expired early: a 401 means nothing was done, so a
      // retry (even of a raise) cannot duplicate anything.
      this.tokens.invalidate(token);
      const fresh = await this.tokens.get();
      options.authorization = `Bearer ${fresh}`;
      return this.http.send(options);
    }
  }
}

/**
 * The raise route answers 400 for an unknown or deleted site (aura-api.md §4.1), but a 400 can
 * also be a refused body. AURA's advice: a 400 whose message names the reference or says "not
 * found" is an unknown site; so is a 400 without a message.
 */
export function isUnknownSiteMessage(auraMessage: string | null, externalReferenceId: string): boolean {
  if (auraMessage === null) return true;
  if (externalReferenceId && auraMessage.includes(externalReferenceId)) return true;
  return /not found|unknown|does not exist|no (such )?(predefined )?location|deleted|externalRef/i.test(auraMessage);
}

function notFound(message: string): StatusReader {
  return (auraMessage, status) => new AuraError('notFound', message, { status, auraMessage });
}
