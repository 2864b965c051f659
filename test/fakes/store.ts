// An in-memory KeyValueStore for tests and benches, with electron-store's copy-on-read and
// copy-on-write, so a test can never change stored state through a value it holds.
import type { KeyValueStore } from '../../electron/core/ports';

export function memoryStore(initial: Record<string, unknown> = {}): KeyValueStore {
  const data = new Map<string, unknown>(Object.entries(initial));
  return {
    get: (key) => structuredClone(data.get(key)),
    set: (key, value) => void data.set(key, structuredClone(value)),
    delete: (key) => void data.delete(key),
  };
}
