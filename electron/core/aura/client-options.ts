// What an AuraClient is built with: where AURA is, whose credentials, clocks, limits, and the
// raise route's optional body fields. Its own module because the client and its authenticated
// transport (authed-http.ts) both read it.
import type { RedactingLogger } from '../diagnostics/log';

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
