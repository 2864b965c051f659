// Keeps AURA's server token warm, so that a panic press never waits for a token exchange.
// - A held token is used until `refreshAt` (a margin before expiry); between `refreshAt` and
//   expiry it is still used while a refresh runs in the background (the press stays 1 request).
// - With `keepWarm`, a timer refreshes at `refreshAt` even when the desk is idle for hours.
// - One exchange in flight at a time, however many callers.
// - Bounds on what a server can make it do: a token lifetime is taken as at least
//   MIN_LIFETIME_MS for scheduling, and exchanges are at least MIN_EXCHANGE_GAP_MS apart
//   (`expiresIn: 0.001` once caused 1,551 exchanges in 5 s).
// - Credentials count as rejected only when two fresh exchanges are refused: one refusal may
//   be a hiccup of AURA's token route, so a second exchange confirms it before anyone is told.
// - Times are monotonic (`now` must not jump with the wall clock).
import { AuraError } from './errors';

export interface TokenGrant {
  token: string;
  expiresInSeconds: number;
}

export interface TokenKeeperOptions {
  exchange: () => Promise<TokenGrant>;
  /** A monotonic clock in ms. */
  now: () => number;
  /** Waits (the gap between exchanges); real timers by default. */
  sleep?: (ms: number) => Promise<void>;
  /** Refresh on a timer ahead of expiry (unref'd, so it never keeps a process alive). */
  keepWarm: boolean;
  /** After a failed background refresh, try again this much later. */
  retryMs?: number;
}

/** Refresh at most this long before expiry (AURA's advice: about 60 s). */
const MAX_REFRESH_MARGIN_MS = 60_000;
/** Below this much remaining life a token is not sent at all: it could expire in flight. */
const MAX_EXPIRY_SKEW_MS = 5_000;

/** setTimeout's ceiling (about 24.8 days); a longer wait fires at once, so it is clamped. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A token is treated as living at least this long when scheduling its refresh. */
export const MIN_LIFETIME_MS = 30_000;
/** Exchanges are at least this far apart, whatever the server answers. */
export const MIN_EXCHANGE_GAP_MS = 1000;

const realSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    t.unref?.();
  });

interface HeldToken {
  value: string;
  expiresAt: number;
  refreshAt: number;
  /** Last moment it is still worth sending. */
  usableUntil: number;
}

export class TokenKeeper {
  // ES private (#): util.inspect of a client must never print the token.
  #held: HeldToken | null = null;
  #refreshing: Promise<string> | null = null;
  private lastExchangeAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly opts: TokenKeeperOptions) {}

  /** True when a token is held that needs no refresh yet. */
  get isWarm(): boolean {
    return this.#held !== null && this.opts.now() < this.#held.refreshAt;
  }

  /** A token to send now: the held one when usable, else the result of an exchange. */
  async get(): Promise<string> {
    return this.peek() ?? this.refresh();
  }

  /**
   * The held token if it is still worth sending, synchronously (a press then reaches fetch
   * without yielding to the event loop); null when an exchange is needed. Inside the refresh
   * margin it starts a background refresh and still returns the current token.
   */
  peek(): string | null {
    const held = this.#held;
    if (!held) return null;
    const now = this.opts.now();
    if (now < held.refreshAt) return held.value;
    if (now < held.usableUntil) {
      // Close to expiry: refresh behind the caller's back, do not make the caller wait.
      this.refresh().catch(() => undefined);
      return held.value;
    }
    return null;
  }

  /** Exchanges credentials for a new token; joins the exchange already in flight, if any. */
  refresh(): Promise<string> {
    this.#refreshing ??= this.confirmedExchange()
      .then((grant) => {
        this.hold(grant);
        return grant.token;
      })
      .finally(() => {
        this.#refreshing = null;
      });
    return this.#refreshing;
  }

  /** One exchange; a refusal is confirmed by a second fresh exchange before it is believed. */
  private confirmedExchange(): Promise<TokenGrant> {
    return this.spacedExchange().catch((error: unknown) => {
      if (!(error instanceof AuraError && error.kind === 'credentialsRejected')) throw error;
      return this.spacedExchange();
    });
  }

  /** An exchange at least MIN_EXCHANGE_GAP_MS after the last (at once, synchronously, when it is). */
  private spacedExchange(): Promise<TokenGrant> {
    const wait = this.lastExchangeAt + MIN_EXCHANGE_GAP_MS - this.opts.now();
    const run = (): Promise<TokenGrant> => {
      this.lastExchangeAt = this.opts.now();
      return this.opts.exchange();
    };
    return wait > 0 ? (this.opts.sleep ?? realSleep)(wait).then(run) : run();
  }

  /** Forgets the held token (all of them, or only `token` if that is the one held: after a 401). */
  invalidate(token?: string): void {
    if (token !== undefined && this.#held?.value !== token) return;
    this.#held = null;
    this.clearTimer();
  }

  /** Stops the keep-warm timer for good (the client is being replaced or shut down). */
  close(): void {
    this.closed = true;
    this.clearTimer();
  }

  private hold(grant: TokenGrant): void {
    const now = this.opts.now();
    const lifetime = Math.max(MIN_LIFETIME_MS, grant.expiresInSeconds * 1000);
    const expiresAt = now + lifetime;
    const refreshAt = expiresAt - Math.min(MAX_REFRESH_MARGIN_MS, lifetime / 4);
    const usableUntil = expiresAt - Math.min(MAX_EXPIRY_SKEW_MS, lifetime / 10);
    this.#held = { value: grant.token, expiresAt, refreshAt, usableUntil };
    this.schedule(refreshAt - now);
  }

  private schedule(delayMs: number): void {
    this.clearTimer();
    if (!this.opts.keepWarm || this.closed) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.refresh().catch((error: unknown) => {
          // Wrong credentials will not fix themselves: the next request reports them.
          if (error instanceof AuraError && error.kind === 'credentialsRejected') return;
          this.schedule(this.opts.retryMs ?? 30_000);
        });
      },
      Math.min(MAX_TIMER_MS, Math.max(0, delayMs)),
    );
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
