// Where an administrator's policy comes from on each OS (docs/policy.md), read into the raw
// values core/policy.ts validates and merges:
//   Windows  <ProgramData>\Panic Desk\policy.json, then HKLM\SOFTWARE\Policies\Panic Desk
//            (what Intune and Group Policy write; read through native-reg, windows-registry.ts)
//   macOS    /Library/Application Support/Panic Desk/policy.json, then the managed preferences
//            plist for the app id (what Jamf and other MDMs write; `/usr/bin/plutil -convert json`)
//   Linux    /etc/panic-desk/policy.json
// A file or plist counts only when administrators alone can change it (policy-trust.ts). In a
// packaged app nothing here comes from the environment: not the policy's path
// (PANIC_DESK_POLICY, for tests, the web harness and unpacked runs only), not ProgramData, not the
// user name, not the programs run. Later sources win. No Electron here: the harness uses it too.
import { execFile } from 'node:child_process';
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { userInfo } from 'node:os';
import { win32 } from 'node:path';
import { withoutBom } from '../core/storage/bom';
import { mergePolicy, type PolicyRead, type PolicySource } from '../core/policy/policy';
import { APP_ID } from './app-id';
import { posixTrust, windowsTrust, type TrustCheck } from './policy-trust';
import { policyFromRegistry } from './registry-values';
import { nativeRegistry, type RegistryPort } from './windows-registry';

const POLICY_SUBKEY = 'SOFTWARE\\Policies\\Panic Desk';
export const REGISTRY_KEY = `HKLM\\${POLICY_SUBKEY}`;
const PLUTIL = '/usr/bin/plutil';

export interface PolicyDeps {
  platform: NodeJS.Platform;
  /** PANIC_DESK_POLICY: then the only source, its folder not checked. Always null in a packaged app. */
  override: string | null;
  /** Windows: the ProgramData folder (the registry's, else C:\ProgramData). */
  programData: string;
  /** macOS: the user whose managed preferences apply (os.userInfo()); null: the computer's only. */
  user: string | null;
  /** The file's text, or null when it does not exist. */
  readFile(path: string): string | null;
  /** Null when only administrators can change the path (and every folder above it). */
  trust: TrustCheck;
  /** Windows: HKEY_LOCAL_MACHINE; null elsewhere. */
  registry: RegistryPort | null;
  /** Runs a program by absolute path; null when it could not run or exited with an error. */
  run(program: string, args: string[]): Promise<string | null>;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function run(program: string, args: string[]): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(program, args, { timeout: 10_000, windowsHide: true, maxBuffer: 1_000_000 }, (error, stdout) =>
      resolve(error ? null : stdout),
    );
  });
}

/** The user's name as the OS knows it, never `$USER`; null when it could name another folder. */
export function safeUserName(name: string | null | undefined): string | null {
  if (!name || name === '.' || name === '..' || /[/\\\0]/.test(name)) return null;
  return name;
}

/** A drive-rooted folder from the registry, else Windows' fixed default. */
function driveFolder(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^[A-Za-z]:\\[^%]*$/.test(value) ? value : fallback;
}

async function registryString(registry: RegistryPort, subKey: string, name: string): Promise<unknown> {
  try {
    const entry = (await registry.readLocalMachineKey(subKey))?.[name];
    return entry?.type === 'string' ? entry.value : null;
  } catch {
    return null;
  }
}

/** This machine's policy readers. `packaged`: the app's (PANIC_DESK_POLICY ignored). */
export async function systemPolicyDeps(options: {
  packaged: boolean;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
}): Promise<PolicyDeps> {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const registry = platform === 'win32' ? nativeRegistry() : null;
  const shellFolders = 'SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\Shell Folders';
  const read = (subKey: string, name: string): Promise<unknown> =>
    registry ? registryString(registry, subKey, name) : Promise.resolve(null);
  const programData = driveFolder(await read(shellFolders, 'Common AppData'), 'C:\\ProgramData');
  const systemRoot = driveFolder(
    await read('SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', 'SystemRoot'),
    'C:\\Windows',
  );
  return {
    platform,
    override: options.packaged ? null : env.PANIC_DESK_POLICY || null,
    programData,
    user: platform === 'darwin' ? safeUserName(userInfo().username) : null,
    readFile: readText,
    trust: platform === 'win32' ? windowsTrust(systemRoot) : posixTrust(),
    registry,
    run,
  };
}

/** The policy files this OS reads, in order. */
export function policyFiles(deps: Pick<PolicyDeps, 'platform' | 'override' | 'programData'>): string[] {
  if (deps.override) return [deps.override];
  switch (deps.platform) {
    case 'win32':
      return [win32.join(deps.programData, 'Panic Desk', 'policy.json')];
    case 'darwin':
      return ['/Library/Application Support/Panic Desk/policy.json'];
    default:
      return ['/etc/panic-desk/policy.json'];
  }
}

/** macOS managed preferences for the app id: the computer's, then the user's (MDM-written). */
export function managedPlists(deps: Pick<PolicyDeps, 'user' | 'platform' | 'override'>): string[] {
  if (deps.override || deps.platform !== 'darwin') return [];
  const base = '/Library/Managed Preferences';
  const user = safeUserName(deps.user);
  return [`${base}/${APP_ID}.plist`, ...(user ? [`${base}/${user}/${APP_ID}.plist`] : [])];
}

/** MDM profiles may carry their own Payload* keys beside the settings: they are not policy. */
export function fromManagedPlistJson(text: string): unknown {
  const value = JSON.parse(text) as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('Payload')));
}

type Step = PolicySource | { problem: string } | null;
const refusal = (problem: string): PolicyRead => ({ ok: false, badKey: null, problem });
const ignoredBecause = (path: string, why: string): string =>
  `The policy at ${path} was ignored: ${why}. Only administrators may be able to change it and each folder above ` +
  `it (docs/policy.md). The desk keeps its last good policy.`;

async function fileSource(deps: PolicyDeps, path: string): Promise<Step> {
  let text: string | null;
  try {
    text = deps.readFile(path);
  } catch (error) {
    return { problem: `The policy at ${path} could not be read: ${String(error)}` };
  }
  if (text === null) return null;
  const untrusted = deps.override ? null : await deps.trust(path);
  if (untrusted) return { problem: ignoredBecause(path, untrusted) };
  try {
    return { name: path, values: JSON.parse(withoutBom(text)) as unknown };
  } catch {
    return { problem: `The policy at ${path} is not valid JSON and was ignored` };
  }
}

/** "Key not found" is no policy; any other failure keeps the last good policy (finding 3). */
async function registrySource(registry: RegistryPort): Promise<Step> {
  try {
    const values = await registry.readLocalMachineKey(POLICY_SUBKEY);
    return values ? { name: REGISTRY_KEY, values: policyFromRegistry(values) } : null;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      problem: `The registry key ${REGISTRY_KEY} could not be read (${why}); the desk keeps its last good policy`,
    };
  }
}

async function plistSource(deps: PolicyDeps, plist: string): Promise<Step> {
  if (deps.readFile(plist) === null) return null;
  const untrusted = await deps.trust(plist);
  if (untrusted) return { problem: ignoredBecause(plist, untrusted) };
  const out = await deps.run(PLUTIL, ['-convert', 'json', '-o', '-', plist]);
  if (out === null) return { problem: `The managed preferences ${plist} could not be read` };
  try {
    return { name: plist, values: fromManagedPlistJson(out) };
  } catch {
    return { problem: `The managed preferences ${plist} are not readable as JSON` };
  }
}

/** Reads every source of this OS; null when there is none (an unmanaged desk). */
export async function readManagedPolicy(deps: PolicyDeps): Promise<PolicyRead | null> {
  const steps: Array<() => Promise<Step>> = policyFiles(deps).map((path) => () => fileSource(deps, path));
  const { registry } = deps;
  if (!deps.override && deps.platform === 'win32' && registry) steps.push(() => registrySource(registry));
  for (const plist of managedPlists(deps)) steps.push(() => plistSource(deps, plist));
  const sources: PolicySource[] = [];
  for (const step of steps) {
    const found = await step();
    if (found && 'problem' in found) return refusal(found.problem);
    if (found) sources.push(found);
  }
  return sources.length ? mergePolicy(sources) : null;
}

/**
 * Re-reads the policy when a file changes (polled every few seconds: the files may not exist
 * yet) and every minute for the registry, the plists and the files' permissions; calls back only
 * when the answer changes.
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
  const files = [...policyFiles(deps), ...managedPlists(deps)];
  const interval = options.filePollMs ?? 5000;
  for (const file of files) watchFile(file, { interval, persistent: false }, reread);
  const timer = setInterval(reread, options.rereadMs ?? 60_000);
  timer.unref();
  return () => {
    clearInterval(timer);
    for (const file of files) unwatchFile(file, reread);
  };
}
