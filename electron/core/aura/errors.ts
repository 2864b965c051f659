// Typed failures of the AURA client. Messages are written for the operator and never contain the
// client secret or a bearer token (the client redacts both before building any message).

export const AURA_ERROR_KINDS = [
  'network',
  'timeout',
  'unauthorized',
  'credentialsRejected',
  'unknownSite',
  'invalidRequest',
  'notFound',
  'forbidden',
  'server',
  'rateLimited',
  'badResponse',
] as const;
export type AuraErrorKind = (typeof AURA_ERROR_KINDS)[number];

export class AuraError extends Error {
  readonly kind: AuraErrorKind;
  /** HTTP status, when a response arrived. */
  readonly status: number | null;
  /** AURA's own `message`, when its body had one. */
  readonly auraMessage: string | null;
  /** From Retry-After on 429 (and 503), in milliseconds. */
  readonly retryAfterMs: number | null;

  constructor(
    kind: AuraErrorKind,
    message: string,
    opts: { status?: number | null; auraMessage?: string | null; retryAfterMs?: number | null } = {},
  ) {
    super(message);
    this.name = 'AuraError';
    this.kind = kind;
    this.status = opts.status ?? null;
    this.auraMessage = opts.auraMessage ?? null;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

/** Failures after which the request may or may not have reached AURA. */
export function outcomeUnknown(error: unknown): boolean {
  return (
    error instanceof AuraError &&
    (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server' || error.kind === 'badResponse')
  );
}

/** Failures that no retry will fix: the operator or the admin must act. */
export function isPermanent(error: unknown): boolean {
  return (
    error instanceof AuraError &&
    (error.kind === 'credentialsRejected' ||
      error.kind === 'unknownSite' ||
      error.kind === 'invalidRequest' ||
      error.kind === 'forbidden')
  );
}

/** The error in plain words for the operator's screen. */
export function describeError(error: unknown): string {
  if (error instanceof AuraError) return error.message;
  return 'Unexpected error in Panic Desk';
}
