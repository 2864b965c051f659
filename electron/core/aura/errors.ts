import { NETWORK_PATH_WORDS, type NetworkPathCause } from '../../shared/network-path';
// Typed failures of the AURA client. Messages are written for the operator and never contain the
// client secret or a bearer token (the client redacts both before building any message).

export const AURA_ERROR_KINDS = [
  /** No answer: DNS, refused, reset, TLS. The request may or may not have reached AURA. */
  'network',
  /** No complete answer within the request's timeout. */
  'timeout',
  /** A 401 on a bearer-token call that survived one refresh and one retry. */
  'unauthorized',
  /** The token exchange itself got a 401: the client ID or secret is wrong. */
  'credentialsRejected',
  /** A 400 on the raise route: AURA does not know (or no longer knows) the externalReferenceId. */
  'unknownSite',
  /** Any other 4xx that a retry will not fix (400, 405, 413, 422, …). */
  'invalidRequest',
  /** 404: no such record, or not visible to this customer source (or not available yet). */
  'notFound',
  /** 403: authenticated but not allowed. */
  'forbidden',
  /** 409: conflicts with the current state (e.g. a duplicate externalReferenceId). */
  'conflict',
  /** 5xx (500, 502, 503, …): transient, retry with backoff. */
  'server',
  /** 429: slow down; `retryAfterMs` from Retry-After when given. */
  'rateLimited',
  /** An answer we cannot use: HTML, truncated or malformed JSON, wrong types, oversized body. */
  'badResponse',
] as const;
export type AuraErrorKind = (typeof AURA_ERROR_KINDS)[number];

export interface AuraErrorDetails {
  status?: number | null;
  auraMessage?: string | null;
  retryAfterMs?: number | null;
  notSent?: boolean;
  /** For `network`: the cause on the way to AURA (proxy, certificate), when the error names one. */
  path?: NetworkPathCause | null;
}

export class AuraError extends Error {
  readonly kind: AuraErrorKind;
  /** HTTP status, when a response arrived. */
  readonly status: number | null;
  /** AURA's own `message`, when its body had one (redacted like the message). */
  readonly auraMessage: string | null;
  /** From Retry-After on 429 (and 5xx), in milliseconds. */
  readonly retryAfterMs: number | null;
  /**
   * The call itself never went out: the token it needed could not be had (a failed exchange,
   * e.g. after a 401). Whatever the kind, AURA did nothing with the request.
   */
  readonly notSent: boolean;
  /** For `network`: a proxy or certificate problem on the way to AURA, when one was named. */
  readonly path: NetworkPathCause | null;

  constructor(kind: AuraErrorKind, message: string, details: AuraErrorDetails = {}) {
    super(message);
    this.name = 'AuraError';
    this.kind = kind;
    this.status = details.status ?? null;
    this.auraMessage = details.auraMessage ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.notSent = details.notSent ?? false;
    this.path = details.path ?? null;
  }

  /** The same failure, marked as coming before the call was sent. */
  beforeSending(): AuraError {
    const details = { status: this.status, auraMessage: this.auraMessage, retryAfterMs: this.retryAfterMs };
    return new AuraError(this.kind, this.message, { ...details, path: this.path, notSent: true });
  }

  /** What a log line or an IPC reply may carry: only fields built from redacted text. */
  toJSON(): { name: string; kind: AuraErrorKind; message: string; status: number | null; auraMessage: string | null } {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      auraMessage: this.auraMessage,
    };
  }
}

/**
 * AURA answered and refused this one request for good (unknown or deleted site, bad request,
 * no such record, not allowed, a conflict): no retry will change its answer, and AURA itself
 * is reachable. The dispatcher stops such a press; readiness counts it as contact.
 */
export function refusedForGood(error: unknown): error is AuraError {
  return error instanceof AuraError && REFUSED_FOR_GOOD_KINDS.has(error.kind);
}
const REFUSED_FOR_GOOD_KINDS: ReadonlySet<AuraErrorKind> = new Set([
  'unknownSite',
  'invalidRequest',
  'notFound',
  'forbidden',
  'conflict',
]);

/** The error in plain words for the operator's screen. */
export function describeError(error: unknown): string {
  if (error instanceof AuraError) return error.message;
  // The keychain's own errors are written for the operator (what to install), and hold no secret.
  if (error instanceof Error && error.name === 'KeychainUnavailableError') return error.message;
  return 'Unexpected error in Panic Desk';
}

/**
 * The error in the plainest words, for the NOT SENT banner and the readiness bar: what happened,
 * not which route. AURA's own reason is kept where it tells the operator something (a refused
 * site). The technical text (describeError) goes to the audit log.
 */
export function plainWords(error: unknown): string {
  if (!(error instanceof AuraError)) return describeError(error);
  const said = error.auraMessage ? `: ${error.auraMessage}` : '';
  switch (error.kind) {
    case 'network':
      return error.path ? NETWORK_PATH_WORDS[error.path] : 'Cannot reach AURA (no network, or AURA is down)';
    case 'timeout':
      return 'AURA did not answer in time';
    case 'server':
      return `AURA's server had a problem${error.status ? ` (error ${error.status})` : ''}`;
    case 'rateLimited':
      return 'AURA asked Panic Desk to wait before trying again';
    case 'badResponse':
      return 'AURA sent an answer Panic Desk could not read';
    case 'unauthorized':
    case 'credentialsRejected':
      return 'AURA rejected the client ID or secret';
    case 'unknownSite':
      return `AURA does not know this site${said}`;
    case 'forbidden':
      return `AURA does not allow this${said}`;
    default:
      return `AURA refused the request${said}`;
  }
}
