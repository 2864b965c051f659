// The client's authenticated transport: AURA's token route (the credentials exchanged for a server
// token, kept warm by the TokenKeeper), then every call with the bearer token. A 401 refreshes the
// token once and retries the call once. The token answer's spelling tells which doc set the server
// follows (Set A's extra location keys depend on it). Every error text passes this client's redactor.
import type { z } from 'zod';
import { silentLogger } from '../ports';
import type { AuraClientOptions } from './client-options';
import { AuraError } from './errors';
import { AuraHttp, DEFAULT_MAX_BODY_BYTES, type HttpResult, type SendOptions, type StatusReader } from './http';
import type { DocSet } from './locations';
import { RateCap, REQUESTS_PER_MINUTE } from './rate-cap';
import { Redactor } from '../diagnostics/redact';
import { TokenResponseSchema } from './schemas';
import { TokenKeeper, type TokenGrant } from './token';

export class AuthedHttp {
  readonly redactor = new Redactor();
  readonly tokens: TokenKeeper;
  private readonly http: AuraHttp;
  private readonly clientId: string;
  private readonly getSecret: () => Promise<string>;
  private readonly stopLogRedaction: () => void;
  /** The doc set whose spelling the server's token answer used (decides Set A's extra keys). */
  private docSetSeen: DocSet = null;

  constructor(options: AuraClientOptions) {
    const now = options.now ?? (() => Date.now());
    const monotonic = options.monotonic ?? (() => performance.now());
    this.clientId = options.clientId;
    this.getSecret = options.getSecret;
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

  /** Which documented spelling the server's last token answer used: 'a', 'b' or null. */
  get docSet(): DocSet {
    return this.docSetSeen;
  }

  /** Cancels requests in flight, stops the keep-warm timer and the log's use of this client's redactor. */
  close(): void {
    this.http.close();
    this.tokens.close();
    this.stopLogRedaction();
  }

  /** A bearer-token call. A 401 refreshes the token once and retries the call once. */
  async send<S extends z.ZodType | null>(
    options: SendOptions<S>,
  ): Promise<HttpResult<S extends z.ZodType ? z.output<S> : undefined>> {
    // A warm token is taken synchronously: with it, fetch starts in the caller's own tick.
    const token = this.tokens.peek() ?? (await this.tokenBeforeSending());
    // `options` is always a literal built by the caller: setting the header on it saves a copy.
    options.authorization = `Bearer ${token}`;
    try {
      return await this.http.send(options);
    } catch (error) {
      if (!(error instanceof AuraError) || error.kind !== 'unauthorized') throw error;
      // The server forgot the token or it expired early: a 401 means nothing was done, so a
      // retry (even of a raise) cannot duplicate anything.
      this.tokens.invalidate(token);
      const fresh = await this.tokenBeforeSending();
      options.authorization = `Bearer ${fresh}`;
      return this.http.send(options);
    }
  }

  /**
   * A token for a call not sent yet: a failed exchange (503, timeout) is marked `notSent`, so
   * that a raise refused with 401 and then stopped by the refresh is known never to have reached
   * AURA (issue 20: it was flagged "AURA may hold two callouts").
   */
  private async tokenBeforeSending(): Promise<string> {
    try {
      return await this.tokens.get();
    } catch (error) {
      throw error instanceof AuraError ? error.beforeSending() : error;
    }
  }

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
    this.docSetSeen = data.docSet;
    return data;
  }
}
