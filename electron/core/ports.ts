// What the shell provides to core. Core never imports Electron; main adapts Electron, keytar and
// electron-store to these ports, and the tests and the web harness adapt plain Node to them.

/** Durable key-value storage (electron-store in the app, `conf` on real files in tests). */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

/** The OS keychain. The secret never leaves main's memory except into the keychain. */
export interface CredentialVault {
  getSecret(account: string): Promise<string | null>;
  setSecret(account: string, secret: string): Promise<void>;
  deleteSecret(account: string): Promise<boolean>;
}

/**
 * Time. `now()` is the wall clock: for display and records only, since it jumps (NTP, sleep,
 * an operator fixing the time). `monotonic()` only moves forward: every delay and due time is
 * measured on it. `setTimeout` clamps its delay to what a Node/DOM timer can hold (2^31-1 ms);
 * a longer delay would overflow to about 1 ms and fire at once.
 */
export interface Clock {
  now(): number;
  monotonic(): number;
  setTimeout(fn: () => void, ms: number): () => void;
}

/** The longest delay a JavaScript timer can hold; longer ones overflow and fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** A delay a timer can hold: not negative, not NaN, at most MAX_TIMER_MS. */
export function timerDelay(ms: number): number {
  if (!Number.isFinite(ms)) return Number.isNaN(ms) ? 0 : MAX_TIMER_MS;
  return Math.min(MAX_TIMER_MS, Math.max(0, ms));
}

/**
 * The diagnostics log for IT (electron-log in the app, a rotating file in the harness): one plain
 * line per event. Callers write ids and plain words only, never a secret, a token or a body; the
 * DiagnosticsLog in core/diagnostics redacts every line on top of that.
 */
export interface Logger {
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

/** A Logger that writes nothing: the default where no diagnostics log is wired (tests). */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** Native notifications; never used for silent (hotkey) presses. */
export interface Notifier {
  /** `silent`: no sound (issue 24's colleague alerts, unless the policy asks for one). */
  notify(title: string, body: string, options?: { silent?: boolean }): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, timerDelay(ms));
    return () => clearTimeout(handle);
  },
};
