// `"Panic Desk" --export-diagnostics <file.zip>`: the diagnostics bundle without a window, for IT's
// remote collection (an MDM script in the user's session). It reads only what is on disk (the
// logs, the saved connection and settings, the unsent presses in the outboxes, the policy read
// afresh) and never opens a desk: the desk that may be running keeps its files to itself. What
// only the running desk knows (readiness now, the hotkey's registration) is marked as not known;
// the log files carry its history.
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ConnectionManager } from '../core/connection/connection';
import { describePolicy } from '../core/policy/effective-policy';
import { writeDiagnosticsBundle, type BundleInput } from '../core/host/diagnostics-export';
import { LEDGER_FILE } from '../core/dispatch/ledger';
import { pressCounts } from '../core/host/host-commands';
import type { PolicyRead } from '../core/policy/policy';
import type { CredentialVault, KeyValueStore } from '../core/ports';
import { readTextIfExists } from '../core/storage/durable-file';
import { PressSchema, type Press } from '../shared/model/press';
import { DEFAULT_SETTINGS } from '../shared/model/settings';
import { electronNetworkRoute, type ResolveProxy } from './diagnostics-shell';
import type { ShellApi } from './shell-api';

export const EXPORT_FLAG = '--export-diagnostics';

/** The file asked for: undefined when the flag is absent, null when it has no file after it. */
export function exportTarget(argv: readonly string[]): string | null | undefined {
  const at = argv.indexOf(EXPORT_FLAG);
  if (at < 0) return undefined;
  const file = argv[at + 1];
  return file && !file.startsWith('--') ? file : null;
}

export interface ExportCommandDeps {
  /** The app's data folder (outboxes). */
  dataDir: string;
  openStore(): KeyValueStore;
  vault: CredentialVault;
  readPolicy(): Promise<PolicyRead | null>;
  logFiles(): string[];
  versions: Record<string, string>;
  resolveProxy: ResolveProxy;
  redact(text: string): string;
  out(line: string): void;
  err(line: string): void;
  now?: () => number;
}

const HotkeySetting = z.object({ hotkey: z.string() });

/** Every press in the press ledger (and any outbox file of an earlier version not yet moved in), read without opening or repairing them. */
function outboxPresses(dataDir: string): Press[] {
  let names: string[];
  try {
    names = readdirSync(dataDir).filter((n) => n === LEDGER_FILE || /^outbox-[a-z]+\.json$/.test(n));
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    try {
      const parsed = z.array(PressSchema).safeParse(JSON.parse(readTextIfExists(join(dataDir, name)) ?? '[]'));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  });
}

async function gather(deps: ExportCommandDeps): Promise<Omit<BundleInput, 'createdAt' | 'redact'>> {
  const store = deps.openStore();
  const opened = await new ConnectionManager({ store, vault: deps.vault }).open();
  if (opened.client) opened.client.close();
  const read = await deps.readPolicy();
  const policy = read?.ok
    ? describePolicy(read.policy, read.sources, read.origins ?? {}, null)
    : read
      ? describePolicy({}, [], {}, read.problem)
      : null;
  const hotkey = HotkeySetting.safeParse(store.get('settings'));
  return {
    versions: deps.versions,
    connection: opened.connection,
    readiness: null,
    readinessHistory: [],
    audit: null,
    logFiles: deps.logFiles(),
    policy,
    hotkey: { accelerator: hotkey.success ? hotkey.data.hotkey : DEFAULT_SETTINGS.hotkey, state: null },
    presses: pressCounts(outboxPresses(deps.dataDir)),
    network: await electronNetworkRoute(deps.resolveProxy, opened.connection.baseUrl),
  };
}

/** Writes the bundle to `file` once the app is ready (the proxy lookup needs it); the exit code. */
export async function exportCommand(api: Pick<ShellApi, 'app'>, file: string | null, deps: ExportCommandDeps) {
  if (!file) {
    deps.err(`Usage: "Panic Desk" ${EXPORT_FLAG} <file.zip>`);
    return 2;
  }
  await api.app.whenReady();
  try {
    const input = await gather(deps);
    const path = writeDiagnosticsBundle(resolve(file), {
      ...input,
      createdAt: (deps.now ?? Date.now)(),
      redact: deps.redact,
    });
    deps.out(`Diagnostics written to ${path}`);
    return 0;
  } catch (error) {
    deps.err(`Diagnostics not written: ${deps.redact(error instanceof Error ? error.message : String(error))}`);
    return 1;
  }
}
