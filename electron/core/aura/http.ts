// One HTTP exchange with AURA: timeout, capped body, status -> typed AuraError, JSON + zod.
// Knows nothing of tokens; the client adds the Authorization header and the 401 retry.
import type { z } from 'zod';
import type { Logger } from '../ports';
import { Deadlines } from './deadlines';
import { networkPathCauseOf } from '../../shared/network-path';
import { AuraError } from './errors';
import type { RateCap } from './rate-cap';
import type { Redactor } from '../diagnostics/redact';

/** AURA's custom 2xx: the callout is closed; the body is its latest state (aura-api.md §6). */
export const HTTP_CLOSED = 285;
/** Larger bodies are refused: no AURA response we read is anywhere near this. */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;

export interface HttpOptions {
  baseUrl: string;
  timeoutMs: number;
  maxBodyBytes: number;
  fetch: typeof fetch;
  now: () => number;
  redactor: Redactor;
  /** The diagnostics log: method, route, status and latency of each exchange; never a body. */
  log: Logger;
  /** The request-rate cap: no 429 storm or retry loop can push past it. */
  rate?: RateCap;
}

/** A route's own reading of a status (e.g. the raise route's 400 means an unknown site). */
export type StatusReader = (auraMessage: string | null, status: number) => AuraError;

export interface SendOptions<S extends z.ZodType | null> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** Null: the body is ignored (DELETE, or any answer we only need the status of). */
  schema: S;
  /** The Authorization header value (the client's bearer), when the route needs one. */
  authorization?: string;
  body?: unknown;
  timeoutMs?: number;
  statusReaders?: Partial<Record<number, StatusReader>>;
  /**
   * False: an error answer's body is never read into a message (the token route: a server may
   * echo the request, and the request holds the client secret). Default true.
   */
  quoteBody?: boolean;
  /**
   * True: no log line for this exchange. A cancel's requests (reason and cancel, or the duress
   * event) differ by route; the cancel service writes one line alike for both (issue 21 finding 5).
   */
  unlogged?: boolean;
}

export interface HttpResult<T> {
  data: T;
  status: number;
  /** True when AURA answered 285: the callout is closed, stop polling. */
  closed: boolean;
}

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export class AuraHttp {
  private readonly deadlines = new Deadlines();
  /** Requests in flight: `close()` aborts them all, and no new one starts (issue 25 item 3). */
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(private readonly opts: HttpOptions) {}

  /** Cancels every request in flight and refuses new ones: the desk that used this client stopped. */
  close(): void {
    this.closed = true;
    for (const controller of this.inFlight) controller.abort();
    this.inFlight.clear();
  }

  async send<S extends z.ZodType | null>(options: SendOptions<S>): Promise<HttpResult<Output<S>>> {
    const { method, path } = options;
    const what = `${method} ${path}`;
    this.refuseWhenClosed(what);
    // POSTs (a raise, an event, a token exchange) may use the minute's reserved last slots.
    await this.opts.rate?.take(method === 'POST');
    this.refuseWhenClosed(what);
    const started = performance.now();
    const took = (): string => `${Math.round(performance.now() - started)} ms`;
    const { response, text } = await this.exchange(options, what, took);
    const status = response.status;
    if (!options.unlogged)
      this.opts.log[status >= 200 && status < 300 ? 'info' : 'warn'](`AURA ${what} ${status} ${took()}`);
    if (status < 200 || status >= 300) throw this.errorFor(status, text, response.headers, what, options);
    if (options.schema === null) return { data: undefined as Output<S>, status, closed: status === HTTP_CLOSED };
    const data = this.parse(options.schema, text, what, status) as Output<S>;
    return { data, status, closed: status === HTTP_CLOSED };
  }

  /** The request and its whole (capped) body under one deadline; a failure becomes a typed AuraError. */
  private async exchange(
    options: SendOptions<z.ZodType | null>,
    what: string,
    took: () => string,
  ): Promise<{ response: Response; text: string }> {
    const timeoutMs = options.timeoutMs ?? this.opts.timeoutMs;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.authorization !== undefined) headers.authorization = options.authorization;
    // One deadline for the whole exchange, headers and body.
    const controller = new AbortController();
    this.inFlight.add(controller);
    let timedOut = false;
    const done = this.deadlines.add(timeoutMs, () => {
      timedOut = true;
      controller.abort();
    });
    try {
      const response = await this.opts.fetch(this.opts.baseUrl + options.path, {
        method: options.method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        // An API never redirects; following one could carry the secret or a token elsewhere.
        redirect: 'manual',
        signal: controller.signal,
      });
      return { response, text: await readCapped(response, this.opts.maxBodyBytes) };
    } catch (error) {
      if (!options.unlogged)
        this.opts.log.warn(
          `AURA ${what} ${error instanceof AuraError ? error.kind : timedOut ? 'timeout' : 'network'} ${took()}`,
        );
      if (error instanceof AuraError) throw error;
      this.refuseWhenClosed(what);
      if (timedOut) {
        throw new AuraError('timeout', `AURA did not answer within ${formatSeconds(timeoutMs)} (${what})`);
      }
      const cause = causeOf(error);
      // Chromium (net.fetch) refuses a redirect under redirect: 'manual' instead of answering it.
      if (REDIRECT_REFUSED.test(cause)) {
        throw new AuraError('badResponse', `AURA answered with a redirect, which it never should (${what})`);
      }
      throw new AuraError('network', `Cannot reach AURA (${what}): ${this.opts.redactor.redact(cause)}`, {
        path: networkPathCauseOf(cause),
      });
    } finally {
      done();
      this.inFlight.delete(controller);
    }
  }

  /**
   * A request cut short by `close()` is a network failure: it may have reached AURA, so a raise
   * keeps its `uncertain` mark and the next desk checks before raising again.
   */
  private refuseWhenClosed(what: string): void {
    if (this.closed) throw new AuraError('network', `The desk stopped before AURA answered (${what})`);
  }

  /** A 2xx body as JSON checked by the route's schema; anything else is a badResponse. */
  private parse(schema: z.ZodType, text: string, what: string, status: number): unknown {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const looksHtml = /^\s*</.test(text);
      const why = text.trim() === '' ? 'an empty body' : looksHtml ? 'an HTML page' : 'malformed or truncated JSON';
      throw new AuraError('badResponse', `AURA sent ${why} instead of JSON (${what})`, { status });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'unexpected shape';
      throw new AuraError(
        'badResponse',
        this.opts.redactor.redact(`AURA sent an unexpected response (${what}; ${where})`),
        {
          status,
        },
      );
    }
    return parsed.data;
  }

  private errorFor(
    status: number,
    text: string,
    headers: Headers,
    what: string,
    options: SendOptions<z.ZodType | null>,
  ): AuraError {
    // Redact the whole message first, then cut it: a cut must never leave part of a secret.
    const spoken = options.quoteBody === false ? null : this.opts.redactor.redactNullable(auraMessageOf(text));
    const auraMessage = spoken === null ? null : clip(spoken);
    const reader = options.statusReaders?.[status];
    if (reader) return reader(auraMessage, status);
    const said = auraMessage ? `: ${auraMessage}` : '';
    const details = { status, auraMessage };
    if (status >= 300 && status < 400) {
      return new AuraError(
        'badResponse',
        `AURA answered with a redirect ${status}, which it never should (${what})`,
        details,
      );
    }
    if (status === 401) return new AuraError('unauthorized', `AURA refused the credentials (${what})${said}`, details);
    if (status === 403) return new AuraError('forbidden', `AURA does not allow this (${what})${said}`, details);
    if (status === 404) return new AuraError('notFound', `AURA has no such record (${what})${said}`, details);
    if (status === 409)
      return new AuraError('conflict', `AURA refused: it conflicts with the current state (${what})${said}`, details);
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'), this.opts.now());
      const wait = retryAfterMs === null ? '' : `; retry in ${formatSeconds(retryAfterMs)}`;
      return new AuraError('rateLimited', `AURA asked us to slow down (${what})${wait}`, { ...details, retryAfterMs });
    }
    if (status >= 500) {
      const retryAfterMs = parseRetryAfter(headers.get('retry-after'), this.opts.now());
      return new AuraError('server', `AURA had a server error ${status} (${what})${said}`, {
        ...details,
        retryAfterMs,
      });
    }
    return new AuraError('invalidRequest', `AURA refused the request with ${status} (${what})${said}`, details);
  }
}

/** The longest piece of AURA's own words kept in a message (cut only after redaction). */
export const MAX_AURA_MESSAGE = 300;

function clip(text: string): string {
  return text.length > MAX_AURA_MESSAGE ? `${text.slice(0, MAX_AURA_MESSAGE)}…` : text;
}

/**
 * AURA error bodies: `{message}` documented; `{error}` and plain text tolerated; HTML ignored.
 * Returned whole: the caller redacts, then cuts.
 */
export function auraMessageOf(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const o = parsed as Record<string, unknown>;
      if (typeof o.message === 'string') return o.message;
      // Tolerated: `message` as an array of strings (validation errors in some frameworks), joined.
      const joined = joinedMessages(o.message);
      if (joined) return joined;
      if (typeof o.error === 'string') return o.error;
      if (o.error && typeof o.error === 'object') {
        const inner = (o.error as Record<string, unknown>).message;
        if (typeof inner === 'string') return inner;
      }
    }
    if (typeof parsed === 'string') return parsed;
    return null;
  } catch {
    // not JSON: fall through to plain text
  }
  const text = body.trim();
  if (!text || text.startsWith('<')) return null;
  return text;
}

function joinedMessages(value: unknown): string | null {
  if (!Array.isArray(value)) return null;
  const parts = value.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return parts.length > 0 ? parts.join('; ') : null;
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const tooLarge = (): AuraError =>
    new AuraError('badResponse', `AURA sent a response larger than ${maxBytes} bytes`, { status: response.status });
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function formatSeconds(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}

/** What Electron's net.fetch rejects with when a request meets a redirect it may not follow. */
const REDIRECT_REFUSED = /^Redirect was cancelled$|redirect policy was 'error'/;

/** The failure's own words: undici's causes (with Node's TLS codes) or Chromium's net::ERR_ name. */
function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts: string[] = [];
  // undici wraps its reasons ("fetch failed" → "Request was cancelled." → the proxy's answer).
  let inner: unknown = (error as Error & { cause?: unknown }).cause;
  for (let depth = 0; inner instanceof Error && depth < 4; depth++) {
    const code = (inner as NodeJS.ErrnoException).code;
    parts.push(typeof code === 'string' && !inner.message.includes(code) ? `${code}: ${inner.message}` : inner.message);
    inner = (inner as Error & { cause?: unknown }).cause;
  }
  return parts.length > 0 ? parts.join('; ') : error.message;
}
