// "Export diagnostics": ONE zip file an operator or IT attaches to a support ticket (fflate, no
// native code). summary.json holds the app, OS, Electron and Node versions, the AURA environment
// and client id (never the secret), readiness now and over this run, the audit log's
// verification, the hotkey's registration, the count of unsent presses and the network path
// (how AURA traffic leaves, the proxy for AURA's address, certificate or proxy problems seen);
// policy.json the administrator's policy in force with each value's source (code hashes
// redacted); logs/ the recent diagnostics log files. Everything passes the log's redaction once
// more. The shell chooses the file: a save dialog in the app, the data folder in the harness, the
// command line for `--export-diagnostics`.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { arch, platform, release, version as osVersion } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { Connection, Readiness } from '../../shared/model/connection';
import type { HotkeyState } from '../../shared/model/desk-state';
import { NETWORK_PATH_WORDS } from '../../shared/network-path';
import type { EffectivePolicy } from '../policy/effective-policy';
import type { ReadinessChange } from '../diagnostics/readiness-history';

/** How AURA traffic leaves this host. */
export interface NetworkRoute {
  /** e.g. "Electron net.fetch (system proxy settings, OS certificate store)". */
  via: string;
  /** The proxy used for AURA's address ("DIRECT", "PROXY host:port", …), or null when unknown. */
  proxy: string | null;
}

/** What the shell provides for an export. */
export interface DiagnosticsShell {
  /** The zip file to write (a save dialog in the app, the data folder in the harness); null: cancelled. */
  chooseFile(suggestedName: string): Promise<string | null>;
  /** The diagnostics log files, oldest first. */
  logFiles(): string[];
  /** What only the shell knows, e.g. `{ app: '0.1.0', host: 'electron' }`. */
  versions: Record<string, string>;
  /** How AURA traffic leaves for `baseUrl` (null: Training or not configured). */
  networkRoute(baseUrl: string | null): Promise<NetworkRoute>;
}

export interface BundleInput {
  createdAt: number;
  versions: Record<string, string>;
  connection: Connection;
  /** Null when exported without the running desk (`--export-diagnostics` while it runs or not). */
  readiness: Readiness | null;
  readinessHistory: ReadinessChange[];
  audit: { chainOk: boolean; problem: string | null } | null;
  logFiles: string[];
  policy: EffectivePolicy | null;
  /** The hotkey and whether main could register it (null: not known in this process). */
  hotkey: { accelerator: string; state: HotkeyState | null };
  presses: { unsent: number; refused: number };
  network: NetworkRoute;
  /** The diagnostics log's redaction, applied again to everything written. */
  redact(text: string): string;
}

/** `panic-desk-diagnostics-2026-11-26T13-05-00Z.zip`: sortable, and valid on every file system. */
export function bundleName(at: number): string {
  return `panic-desk-diagnostics-${new Date(at).toISOString().slice(0, 19).replace(/:/g, '-')}Z.zip`;
}

function runtimeVersions(): Record<string, string> {
  const v = process.versions as Record<string, string | undefined>;
  const out: Record<string, string> = { node: v.node ?? process.version };
  for (const key of ['electron', 'chrome', 'v8'] as const) {
    const value = v[key];
    if (value) out[key] = value;
  }
  return out;
}

/** Proxy and certificate problems readiness reported over this run, with when. */
function networkProblems(history: ReadinessChange[]): Array<{ at: string; problem: string }> {
  const words = Object.values(NETWORK_PATH_WORDS);
  return history
    .map((c) => ({ at: new Date(c.at).toISOString(), problem: words.find((w) => c.message.includes(w)) }))
    .filter((p): p is { at: string; problem: string } => p.problem !== undefined);
}

function summaryOf(input: BundleInput, logFiles: string[]): Record<string, unknown> {
  const { connection } = input;
  return {
    createdAt: new Date(input.createdAt).toISOString(),
    versions: { ...input.versions, ...runtimeVersions() },
    os: { platform: platform(), release: release(), version: osVersion(), arch: arch() },
    aura: {
      environment: connection.environment,
      baseUrl: connection.baseUrl,
      clientId: connection.clientId,
      secretInKeychain: connection.hasSecret,
    },
    readiness: {
      now: input.readiness ?? 'not known: exported without the running desk (see the logs)',
      history: input.readinessHistory.map((c) => ({ ...c, at: new Date(c.at).toISOString() })),
    },
    auditLog: !input.audit
      ? 'not checked: exported without the running desk'
      : input.audit.chainOk
        ? { verified: true, problem: null }
        : { verified: false, problem: input.audit.problem },
    hotkey: {
      accelerator: input.hotkey.accelerator,
      registered: input.hotkey.state?.registered ?? 'not known in this process',
      error: input.hotkey.state?.error ?? null,
    },
    presses: input.presses,
    network: { ...input.network, problems: networkProblems(input.readinessHistory) },
    logFiles,
  };
}

/** The bundle's files by their path in the zip. */
export function bundleEntries(input: BundleInput): Record<string, string> {
  const entries: Record<string, string> = {};
  const copied: string[] = [];
  for (const file of input.logFiles) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // rotated away meanwhile
    }
    entries[`logs/${basename(file)}`] = text.split('\n').map(input.redact).join('\n');
    copied.push(basename(file));
  }
  const json = (value: unknown): string => input.redact(JSON.stringify(value, null, 2)) + '\n';
  entries['summary.json'] = json(summaryOf(input, copied));
  entries['policy.json'] = json(input.policy ?? { sources: [], problem: null, values: {}, note: 'not managed' });
  return entries;
}

/** Writes the bundle as one zip at `file` (through a temporary file, so no half zip is left); returns its path. */
export function writeDiagnosticsBundle(file: string, input: BundleInput): string {
  const entries = bundleEntries(input);
  const zip = zipSync(Object.fromEntries(Object.entries(entries).map(([name, text]) => [name, strToU8(text)])), {
    mtime: new Date(input.createdAt),
  });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  writeFileSync(temp, zip, { mode: 0o600 });
  renameSync(temp, file);
  return file;
}

/** Asks the shell where, then writes the bundle there; null when the operator cancelled. */
export async function exportDiagnostics(
  shell: DiagnosticsShell,
  input: Omit<BundleInput, 'createdAt' | 'versions' | 'logFiles' | 'network'>,
  now: () => number = Date.now,
): Promise<string | null> {
  const createdAt = now();
  const file = await shell.chooseFile(bundleName(createdAt));
  if (file === null) return null;
  const network = await shell.networkRoute(input.connection.baseUrl);
  try {
    return writeDiagnosticsBundle(file, {
      ...input,
      createdAt,
      network,
      versions: shell.versions,
      logFiles: shell.logFiles(),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'it may not be written to' : (code ?? 'unexpected error');
    throw new Error(`The diagnostics could not be saved as ${file} (${why}): choose another place`, {
      cause: error,
    });
  }
}
