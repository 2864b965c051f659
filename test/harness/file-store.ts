// The KeyValueStore port on real files, through `conf` (the library under electron-store), for
// the web harness and the tests: the same on-disk behaviour as the app, without Electron.
import { chmodSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValueStore } from '../../electron/core/ports';
import { setAsideUnreadableJson } from '../../electron/core/storage/validated';

export type FileStore = KeyValueStore & {
  /** Set when the file could not be read and was moved aside (tell the operator). */
  openProblem: string | null;
};

export async function openFileStore(dir: string, name = 'panic-desk'): Promise<FileStore> {
  const openProblem = setAsideUnreadableJson(join(dir, `${name}.json`), Date.now());
  // conf is ESM-only; a dynamic import keeps this file loadable from CommonJS.
  const { default: Conf } = await import('conf');
  const conf = new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: name,
    clearInvalidConfig: false,
    configFileMode: 0o600,
  });
  if (existsSync(conf.path)) chmodSync(conf.path, 0o600);
  return {
    openProblem,
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
    delete: (key) => conf.delete(key),
  };
}
