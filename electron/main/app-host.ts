// The desk host as the app opens it: the saved connection on the OS keychain, the administrator's
// policy read before the desk opens and followed after, and every AURA call through Electron's
// net.fetch (aura-fetch.ts). Apart from index.ts so that the tests can open it on the fake
// Electron and see which network the desk, Setup's checks and enrolment use.
import type { ConnectionManagerOptions } from '../core/connection/connection';
import { DeskHost, type HostOptions } from '../core/desk-host';
import type { PolicyRead } from '../core/policy/policy';
import { auraFetch } from './aura-fetch';
import type { ShellNet } from './shell-api';

export interface AppHostDeps extends Pick<
  HostOptions,
  'dataDir' | 'vault' | 'log' | 'diagnostics' | 'store' | 'lockDataDir' | 'plainHttpLoopback'
> {
  /** A problem found opening the store (e.g. a corrupt settings file set aside). */
  storeProblem: string | null;
  /** What the last run's fatal error was (crash-capture.ts), to tell the operator once. */
  lastCrash?: string | null;
  readPolicy(): Promise<PolicyRead | null>;
  watchPolicy(apply: (read: PolicyRead | null) => void, initial: PolicyRead | null): () => void;
}

/**
 * The desk host for the saved connection: Training on the embedded simulator, or the configured
 * AURA environment with its secret in the OS keychain. A keychain that cannot be used is the
 * readiness state "keychain unavailable", never a crash and never a plain-text fallback.
 */
export async function openAppHost(net: ShellNet, deps: AppHostDeps): Promise<DeskHost> {
  const policy = await deps.readPolicy();
  return DeskHost.open({
    store: deps.store,
    dataDir: deps.dataDir,
    vault: deps.vault,
    fetch: auraFetch(net),
    startupProblems: [deps.lastCrash, deps.storeProblem].filter((p): p is string => Boolean(p)),
    log: deps.log,
    diagnostics: deps.diagnostics,
    policy,
    followPolicy: (apply) => deps.watchPolicy(apply, policy),
    lockDataDir: deps.lockDataDir,
    plainHttpLoopback: deps.plainHttpLoopback,
  });
}

/** The connection options of `--enrol`: the same network as the desk (net.fetch, after ready). */
export function enrolConnectionOptions(
  net: ShellNet,
  deps: Pick<ConnectionManagerOptions, 'store' | 'vault'>,
): ConnectionManagerOptions {
  return { ...deps, fetch: auraFetch(net) };
}
