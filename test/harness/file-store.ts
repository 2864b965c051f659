// The KeyValueStore port on real files, through `conf` (the library under electron-store), for
// the web harness and the tests: the same on-disk behaviour as the app, without Electron.
import type { KeyValueStore } from '../../electron/core/ports';

export async function openFileStore(dir: string, name = 'panic-desk'): Promise<KeyValueStore> {
  // conf is ESM-only; a dynamic import keeps this file loadable from CommonJS.
  const { default: Conf } = await import('conf');
  const conf = new Conf<Record<string, unknown>>({ cwd: dir, configName: name, clearInvalidConfig: false });
  return {
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
    delete: (key) => conf.delete(key),
  };
}
