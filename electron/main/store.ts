// electron-store behind the KeyValueStore port. electron-store 11 is ESM-only: electron-vite
// bundles it into main (see electron.vite.config.ts) so that main stays a CommonJS bundle.
import Store from 'electron-store';
import type { KeyValueStore } from '../core/ports';

export function openStore(name = 'panic-desk'): KeyValueStore {
  const store = new Store<Record<string, unknown>>({ name, clearInvalidConfig: false });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set(key, value),
    delete: (key) => store.delete(key),
  };
}
