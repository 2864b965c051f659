// What a host (Electron main, the web harness, the tests) hands the desk host when it opens it.
import type { DeskOptions } from '../desk/desk';
import type { DiagnosticsShell } from './diagnostics-export';
import type { DiagnosticsLog } from '../diagnostics/log';
import type { PolicyRead } from '../policy/policy';
import type { CredentialVault, KeyValueStore } from '../ports';
import type { EventLogPort } from '../siem/forwarder';
import type { StoragePort } from '../storage/port';
import type { HostShell } from './desk-base';

export interface HostOptions {
  store: KeyValueStore;
  /** Where the outboxes, the audit log, backups and the Training simulator's world live. */
  dataDir: string;
  vault: CredentialVault;
  /** Problems found opening the store (e.g. a corrupt settings file set aside). */
  startupProblems?: string[];
  timing?: DeskOptions['timing'];
  /** The diagnostics log (redacting); none: nothing is logged. */
  log?: DiagnosticsLog;
  /** Where "Export diagnostics" writes and what it adds; none: the command says it is unavailable. */
  diagnostics?: DiagnosticsShell;
  /** The administrator's policy as read at start (main/policy-sources.ts); null when unmanaged. */
  policy?: PolicyRead | null;
  /** Follows the policy's sources after start; returns the unsubscribe, called on close. */
  followPolicy?: (apply: (read: PolicyRead | null) => void) => () => void;
  /**
   * How every AURA call goes out (the desk, Setup's checks): Electron's net.fetch in the app, so
   * that the system proxy and certificate store apply; the harness's proxy-aware fetch; default
   * Node's. The Training simulator on loopback is not AURA and always uses Node's.
   */
  fetch?: typeof fetch;
  /** The Windows Event Log for `auditForward.eventLog` (main on Windows); none: syslog only. */
  eventLog?: EventLogPort | null;
  /** Import a one-time enrol.json from dataDir at start (default true). */
  importEnrolFile?: boolean;
  /** File I/O of the press ledger and the audit log (tests inject disk faults here). */
  storage?: StoragePort;
  /** Lock the data folder for this process (storage/folder-lock.ts); the app and the harness do. */
  lockDataDir?: boolean;
  /** Clock, fetch and Training simulator other than the machine's (the model-based test). */
  shell?: HostShell;
  /**
   * Whether Setup may name a plain-http loopback URL (a local simulator): unpacked builds and the
   * harness (default true). A packaged app passes false, so a compromised page cannot make main
   * POST to any port of this machine (issue 21 finding 8).
   */
  plainHttpLoopback?: boolean;
}

/** What each desk takes from the host's options: its store, folder, timing, and the shell's seams. */
export function deskSeams(
  opts: HostOptions,
): Pick<DeskOptions, 'store' | 'dataDir' | 'timing' | 'storage' | 'clock' | 'random' | 'checkCode'> {
  const { shell } = opts;
  return {
    store: opts.store,
    dataDir: opts.dataDir,
    timing: opts.timing,
    storage: opts.storage,
    // Each desk its own clock where the shell gives one (the model test tells desks' timers apart).
    clock: shell?.deskClock?.() ?? shell?.clock,
    random: shell?.random,
    checkCode: shell?.checkCode,
  };
}
