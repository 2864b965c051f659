// Where an administrator's policy comes from on each OS (docs/policy.md), read into the raw
// values core/policy.ts validates and merges:
//   Windows  %ProgramData%\Panic Desk\policy.json, then HKLM\SOFTWARE\Policies\Panic Desk
//            (what Intune and Group Policy write; read by parsing `reg query` output)
//   macOS    /Library/Application Support/Panic Desk/policy.json, then the managed preferences
//            plist for the app id (what Jamf and other MDMs write; `plutil -convert json`)
//   Linux    /etc/panic-desk/policy.json
// PANIC_DESK_POLICY, when set, is the only source (tests and the web harness). Later sources win.
// No Electron here: the web harness uses this module too.
import { execFile } from 'node:child_process';
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { win32 } from 'node:path';
import { mergePolicy, type PolicyRead, type PolicySource } from '../core/policy';
import { APP_ID } from './app-id';

export const REGISTRY_KEY = 'HKLM\\SOFTWARE\\Policies\\Panic Desk';
const BOOLEAN_KEYS = new Set(['startAtLogin', 'notifications', 'trainingAllowed']);

export interface PolicyDeps {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The file's text, or null when it does not exist. */
  readFile(path: string): string | null;
  /** Runs a program; null when it could not run or exited with an error. */
  run(program: string, args: string[]): Promise<string | null>;
}

export const systemPolicyDeps: PolicyDeps = {
  platform: process.platform,
  env: process.env,
  readFile(path) {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  },
  run: (program, args) =>
    new Promise((resolve) => {
      execFile(program, args, { timeout: 10_000, windowsHide: true, maxBuffer: 1_000_000 }, (error, stdout) =>
        resolve(error ? null : stdout),
      );
    }),
};

/** The policy files this OS reads, in order. */
export function policyFiles(deps: Pick<PolicyDeps, 'platform' | 'env'>): string[] {
  if (deps.env.PANIC_DESK_POLICY) return [deps.env.PANIC_DESK_POLICY];
  switch (deps.platform) {
    case 'win32':
      return [win32.join(deps.env.ProgramData ?? 'C:\\ProgramData', 'Panic Desk', 'policy.json')];
    case 'darwin':
      return ['/Library/Application Support/Panic Desk/policy.json'];
    default:
      return ['/etc/panic-desk/policy.json'];
  }
}

/** macOS managed preferences for the app id: the computer's, then the user's (MDM-written). */
export function managedPlists(env: NodeJS.ProcessEnv): string[] {
  const base = '/Library/Managed Preferences';
  const user = env.USER;
  return [`${base}/${APP_ID}.plist`, ...(user ? [`${base}/${user}/${APP_ID}.plist`] : [])];
}

/**
 * Parses `reg query "<key>"` output: one `    name    REG_TYPE    data` line per value. DWORDs
 * become numbers (0/1 become booleans for the on/off settings), REG_MULTI_SZ a list, and a REG_SZ
 * holding JSON (the cancel codes object) is parsed.
 */
export function parseRegQuery(stdout: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(line);
    if (!match?.[1] || !match[2]) continue;
    const [, name, type, data = ''] = match;
    let value: unknown;
    switch (type) {
      case 'REG_DWORD':
      case 'REG_QWORD':
        value = Number.parseInt(data, 16);
        if (BOOLEAN_KEYS.has(name) && (value === 0 || value === 1)) value = value === 1;
        break;
      case 'REG_MULTI_SZ':
        value = data.split('\\0').filter((item) => item.length > 0);
        break;
      case 'REG_SZ':
      case 'REG_EXPAND_SZ':
        value = /^\s*[[{]/.test(data) ? parseJsonOr(data) : data;
        if (BOOLEAN_KEYS.has(name) && (data === 'true' || data === 'false')) value = data === 'true';
        break;
      default:
        value = data; // an unexpected type: the schema names the key
    }
    values[name] = value;
  }
  return values;
}

/** MDM profiles may carry their own Payload* keys beside the settings: they are not policy. */
export function fromManagedPlistJson(text: string): unknown {
  const value = JSON.parse(text) as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('Payload')));
}

function parseJsonOr(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Reads every source of this OS; null when there is none (an unmanaged desk). */
export async function readManagedPolicy(deps: PolicyDeps): Promise<PolicyRead | null> {
  const sources: PolicySource[] = [];
  for (const path of policyFiles(deps)) {
    let text: string | null;
    try {
      text = deps.readFile(path);
    } catch (error) {
      return { ok: false, badKey: null, problem: `The policy at ${path} could not be read: ${String(error)}` };
    }
    if (text === null) continue;
    try {
      sources.push({ name: path, values: JSON.parse(text) as unknown });
    } catch {
      return { ok: false, badKey: null, problem: `The policy at ${path} is not valid JSON and was ignored` };
    }
  }
  if (!deps.env.PANIC_DESK_POLICY && deps.platform === 'win32') {
    const out = await deps.run('reg', ['query', REGISTRY_KEY]);
    if (out !== null) sources.push({ name: REGISTRY_KEY, values: parseRegQuery(out) });
  }
  if (!deps.env.PANIC_DESK_POLICY && deps.platform === 'darwin') {
    for (const plist of managedPlists(deps.env)) {
      if (deps.readFile(plist) === null) continue;
      const out = await deps.run('plutil', ['-convert', 'json', '-o', '-', plist]);
      if (out === null)
        return { ok: false, badKey: null, problem: `The managed preferences ${plist} could not be read` };
      try {
        sources.push({ name: plist, values: fromManagedPlistJson(out) });
      } catch {
        return { ok: false, badKey: null, problem: `The managed preferences ${plist} are not readable as JSON` };
      }
    }
  }
  return sources.length ? mergePolicy(sources) : null;
}

/**
 * Re-reads the policy when a file changes (polled every few seconds: the files may not exist
 * yet) and every minute for the registry and the plists; calls back only when the answer changes.
 */
export function watchPolicy(
  deps: PolicyDeps,
  onChange: (read: PolicyRead | null) => void,
  options: { filePollMs?: number; rereadMs?: number; initial?: PolicyRead | null } = {},
): () => void {
  let last = JSON.stringify(options.initial ?? null);
  let reading = false;
  const reread = (): void => {
    if (reading) return;
    reading = true;
    void readManagedPolicy(deps)
      .then((read) => {
        const text = JSON.stringify(read);
        if (text === last) return;
        last = text;
        onChange(read);
      })
      .catch(() => undefined)
      .finally(() => (reading = false));
  };
  const files = [...policyFiles(deps), ...(deps.platform === 'darwin' ? managedPlists(deps.env) : [])];
  const interval = options.filePollMs ?? 5000;
  for (const file of files) watchFile(file, { interval, persistent: false }, reread);
  const timer = setInterval(reread, options.rereadMs ?? 60_000);
  timer.unref();
  return () => {
    clearInterval(timer);
    for (const file of files) unwatchFile(file, reread);
  };
}
