// "Export diagnostics": one folder an operator can attach to a support ticket. summary.json holds
// the app, OS, Electron and Node versions, the AURA environment and client id (never the secret),
// readiness now and over this run, and the audit log's verification result; logs/ holds the recent
// diagnostics log files, every line passed once more through the log's redaction. A folder needs
// no archive library and opens anywhere; the shell chooses where it goes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch, platform, release, version as osVersion } from 'node:os';
import { basename, join } from 'node:path';
import type { Connection, Readiness } from '../../shared/model/connection';
import type { ReadinessChange } from './readiness-history';

/** What the shell provides for an export. */
export interface DiagnosticsShell {
  /** The folder to put the bundle in (a dialog in the app, the data folder in the harness); null: cancelled. */
  chooseFolder(suggestedName: string): Promise<string | null>;
  /** The diagnostics log files, oldest first. */
  logFiles(): string[];
  /** What only the shell knows, e.g. `{ app: '0.1.0', host: 'electron' }`. */
  versions: Record<string, string>;
}

export interface BundleInput {
  createdAt: number;
  versions: Record<string, string>;
  connection: Connection;
  readiness: Readiness;
  readinessHistory: ReadinessChange[];
  audit: { chainOk: boolean; problem: string | null };
  logFiles: string[];
  /** The diagnostics log's redaction, applied again to everything written. */
  redact(text: string): string;
}

/** `panic-desk-diagnostics-2026-11-26T13-05-00Z`: sortable, and valid on every file system. */
export function bundleName(at: number): string {
  return `panic-desk-diagnostics-${new Date(at).toISOString().slice(0, 19).replace(/:/g, '-')}Z`;
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

/** Writes the bundle as a new folder inside `parent`; returns its path. */
export function writeDiagnosticsBundle(parent: string, input: BundleInput): string {
  let folder = join(parent, bundleName(input.createdAt));
  for (let n = 2; ; n++) {
    try {
      mkdirSync(folder, { recursive: false });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || n > 99) throw error;
      folder = join(parent, `${bundleName(input.createdAt)}-${n}`);
    }
  }
  const logsDir = join(folder, 'logs');
  mkdirSync(logsDir);
  const copied: string[] = [];
  for (const file of input.logFiles) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // rotated away meanwhile
    }
    const name = basename(file);
    writeFileSync(join(logsDir, name), text.split('\n').map(input.redact).join('\n'), { mode: 0o600 });
    copied.push(name);
  }
  const { connection } = input;
  const summary = {
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
      now: input.readiness,
      history: input.readinessHistory.map((c) => ({ ...c, at: new Date(c.at).toISOString() })),
    },
    auditLog: input.audit.chainOk
      ? { verified: true, problem: null }
      : { verified: false, problem: input.audit.problem },
    logFiles: copied,
  };
  writeFileSync(join(folder, 'summary.json'), input.redact(JSON.stringify(summary, null, 2)) + '\n', { mode: 0o600 });
  return folder;
}

/** Asks the shell where, then writes the bundle there; null when the operator cancelled. */
export async function exportDiagnostics(
  shell: DiagnosticsShell,
  input: Omit<BundleInput, 'createdAt' | 'versions' | 'logFiles'>,
  now: () => number = Date.now,
): Promise<string | null> {
  const createdAt = now();
  const parent = await shell.chooseFolder(bundleName(createdAt));
  if (parent === null) return null;
  try {
    return writeDiagnosticsBundle(parent, {
      ...input,
      createdAt,
      versions: shell.versions,
      logFiles: shell.logFiles(),
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'it may not be written to' : (code ?? 'unexpected error');
    throw new Error(`The diagnostics could not be saved in ${parent} (${why}): choose another folder`, {
      cause: error,
    });
  }
}
