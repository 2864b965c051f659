// electron-store behind the KeyValueStore port. electron-store 11 is ESM-only: electron-vite
// bundles it into main (see electron.vite.config.ts) so that main stays a CommonJS bundle.
// An unreadable file is moved aside first (electron-store would throw on it and stop the app).
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Store from 'electron-store';
import type { KeyValueStore } from '../core/ports';
import { setAsideUnreadableJson } from '../core/storage/validated';

export interface OpenedStore {
  store: KeyValueStore;
  /** Set when the file could not be read and was moved aside (tell the operator). */
  problem: string | null;
}

export function openStore(dir: string, name = 'panic-desk'): OpenedStore {
  const problem = setAsideUnreadableJson(join(dir, `${name}.json`), Date.now());
  // 0600 like every other file of the desk: new files are created so, older ones are narrowed.
  const store = new Store<Record<string, unknown>>({
    name,
    cwd: dir,
    clearInvalidConfig: false,
    configFileMode: 0o600,
  });
  if (existsSync(store.path)) chmodSync(store.path, 0o600);
  return {
    problem,
    store: {
      get: (key) => store.get(key),
      set: (key, value) => store.set(key, value),
      delete: (key) => store.delete(key),
    },
  };
}
