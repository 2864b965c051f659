// The AURA Panic API client. Runs in main (or plain Node), never in the renderer.
// It keeps a server token warm so that a panic press costs exactly one HTTP request, validates
// every response with zod, and turns every failure into a typed AuraError with no secret in it.
import type { z } from 'zod';
import { AuraError } from './errors';
import {
  auraMessageOf,
  CalloutResponseSchema,
  FixedLocationListSchema,
  TokenResponseSchema,
  type AuraCallout,
  type FixedLocation,
} from './schemas';

export interface AuraClientOptions {
  /** Base URL including the API prefix, e.g. `https://staging-panic.aura.services/panic-api/v2`. */
  baseUrl: string;
  clientId: string;
  /** Read from the keychain when a token is needed; kept only in this closure's caller. */
  getSecret: () => Promise<string>;
  timeoutMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

/** Refresh this long before the token's expiry, so that a press never waits for a token. */
const REFRESH_MARGIN_MS = 60_000;
/** Larger bodies are refused: no AURA response we read is anywhere near this. */
const MAX_BODY_BYTES = 1_000_000;
/** AURA's custom 2xx: the callout is closed; the body is its latest state. */
const HTTP_CLOSED = 285;

export interface CalloutRead {
  callout: AuraCallout;
  /** True when AURA answered 285 (closed): stop polling. */
  closed: boolean;
}

type RequestOptions = {
  body?: unknown;
  auth?: boolean;
  /** Route-specific reading of a 400 (the raise route's 400 means an unknown site). */
  on400?: (auraMessage: string | null) => AuraError;
};

export class AuraClient {
  private readonly opts: Required<Omit<AuraClientOptions, 'fetch'>> & { fetch: typeof fetch };
  private token: { value: string; expiresAt: number } | null = null;
  private refreshing: Promise<string> | null = null;
  /** Strings that must never appear in an error message (the secret and the current token). */
  private readonly secrets = new Set<string>();

  constructor(options: AuraClientOptions) {
    this.opts = {
      timeoutMs: 10_000,
      now: () => Date.now(),
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    };
  }

  /** True when a token is held that will not need refreshing for at least the margin. */
  get tokenIsWarm(): boolean {
    return this.token !== null && this.token.expiresAt - this.opts.now() > REFRESH_MARGIN_MS;
  }

  /** A valid server token, exchanging credentials when needed; one exchange in flight at a time. */
  async getToken(): Promise<string> {
    if (this.token && this.tokenIsWarm) return this.token.value;
    this.refreshing ??= this.exchange().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Drops the cached token (after a 401, or when credentials change). */
  forgetToken(): void {
    this.token = null;
  }

  async raiseCallout(externalReferenceId: string, body: Record<string, unknown> = {}): Promise<AuraCallout> {
    const path = `/predefinedLocations/externalRef/${encodeURIComponent(externalReferenceId)}/callouts`;
    const { data } = await this.request('POST', path, CalloutResponseSchema, {
      body,
      on400: (auraMessage) =>
        new AuraError(
          'unknownSite',
          `AURA does not know site "${externalReferenceId}": ${auraMessage ?? 'no reason given'}`,
          {
            status: 400,
            auraMessage,
          },
        ),
    });
    return data;
  }

  async getCallout(calloutId: string): Promise<CalloutRead> {
    const { data, status } = await this.request(
      'GET',
      `/callouts/${encodeURIComponent(calloutId)}`,
      CalloutResponseSchema,
    );
    return { callout: data, closed: status === HTTP_CLOSED };
  }

  async listFixedLocations(): Promise<FixedLocation[]> {
    const { data } = await this.request('GET', '/predefinedLocations', FixedLocationListSchema);
    return data;
  }

  private async exchange(): Promise<string> {
    const secret = await this.opts.getSecret();
    this.secrets.add(secret);
    let grant;
    try {
      ({ data: grant } = await this.request('POST', '/oauth/token', TokenResponseSchema, {
        auth: false,
        body: { clientId: this.opts.clientId, clientSecret: secret },
      }));
    } catch (error) {
      if (error instanceof AuraError && error.kind === 'unauthorized') {
        throw new AuraError('credentialsRejected', 'AURA rejected the client ID or secret', {
          status: error.status,
          auraMessage: error.auraMessage,
        });
      }
      throw error;
    }
    this.secrets.add(grant.token);
    this.token = { value: grant.token, expiresAt: this.opts.now() + grant.expiresInSeconds * 1000 };
    return grant.token;
  }

  private async request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    options: RequestOptions = {},
  ): Promise<{ data: z.output<S>; status: number }> {
    const auth = options.auth ?? true;
    const attempt = async (): Promise<{ data: z.output<S>; status: number }> => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      if (auth) headers.authorization = `Bearer ${await this.getToken()}`;
      return this.send(method, path, schema, headers, options);
    };
    try {
      return await attempt();
    } catch (error) {
      // A 401 on a warm token: the server forgot it or it expired early. Refresh once, retry once.
      if (auth && error instanceof AuraError && error.kind === 'unauthorized') {
        this.forgetToken();
        return attempt();
      }
      throw error;
    }
  }

  private async send<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    headers: Record<string, string>,
    options: RequestOptions,
  ): Promise<{ data: z.output<S>; status: number }> {
    const what = `${method} ${path}`;
    let response: Response;
    let text: string;
    try {
      response = await this.opts.fetch(this.opts.baseUrl + path, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.opts.timeoutMs),
      });
      text = await readCapped(response);
    } catch (error) {
      if (error instanceof AuraError) throw error;
      const name = error instanceof Error ? error.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new AuraError(
          'timeout',
          `AURA did not answer within ${Math.round(this.opts.timeoutMs / 1000)} s (${what})`,
        );
      }
      throw new AuraError('network', `Cannot reach AURA (${what}): ${this.redact(causeOf(error))}`);
    }

    const status = response.status;
    const auraMessage = status >= 300 && status !== HTTP_CLOSED ? this.redactNullable(auraMessageOf(text)) : null;
    const said = auraMessage ? `: ${auraMessage}` : '';
    if (status === 401)
      throw new AuraError('unauthorized', `AURA refused the credentials (${what})${said}`, { status, auraMessage });
    if (status === 400 && options.on400) throw options.on400(auraMessage);
    if (status === 400)
      throw new AuraError('invalidRequest', `AURA refused the request (${what})${said}`, { status, auraMessage });
    if (status === 403)
      throw new AuraError('forbidden', `AURA does not allow this (${what})${said}`, { status, auraMessage });
    if (status === 404)
      throw new AuraError('notFound', `AURA has no such record (${what})${said}`, { status, auraMessage });
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.opts.now());
      throw new AuraError('rateLimited', `AURA asked us to slow down (${what})`, { status, auraMessage, retryAfterMs });
    }
    if (status >= 500) {
      throw new AuraError('server', `AURA had a server error ${status} (${what})${said}`, {
        status,
        auraMessage,
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), this.opts.now()),
      });
    }
    if (status < 200 || status >= 300) {
      throw new AuraError('invalidRequest', `AURA answered ${status} (${what})${said}`, { status, auraMessage });
    }

    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AuraError('badResponse', `AURA sent a response that is not JSON (${what})`, { status });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? `${first.path.join('.') || 'body'}: ${first.message}` : 'unexpected shape';
      throw new AuraError('badResponse', `AURA sent an unexpected response (${what}; ${where})`, { status });
    }
    return { data: parsed.data, status };
  }

  private redact(text: string): string {
    let out = text;
    for (const s of this.secrets) if (s) out = out.split(s).join('[redacted]');
    return out;
  }

  private redactNullable(text: string | null): string | null {
    return text === null ? null : this.redact(text);
  }
}

async function readCapped(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) {
    await response.body?.cancel();
    throw new AuraError('badResponse', `AURA sent a response larger than ${MAX_BODY_BYTES} bytes`, {
      status: response.status,
    });
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw new AuraError('badResponse', `AURA sent a response larger than ${MAX_BODY_BYTES} bytes`, {
        status: response.status,
      });
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function causeOf(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) return cause.message;
    return error.message;
  }
  return String(error);
}
