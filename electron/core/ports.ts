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

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): () => void;
}

/** Native notifications; never used for silent (hotkey) presses. */
export interface Notifier {
  notify(title: string, body: string): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};

/** A KeyValueStore in memory, for tests and for a store that failed to open. */
export function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore {
  const data = new Map<string, unknown>(Object.entries(initial));
  return {
    get: (key) => structuredClone(data.get(key)),
    set: (key, value) => void data.set(key, structuredClone(value)),
    delete: (key) => void data.delete(key),
  };
}
