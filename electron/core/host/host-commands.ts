// The commands the desk host runs itself, because they outlive one desk: saving credentials
// (which replaces the desk with one for the new environment), Setup's full check (on the form's
// credentials, not the desk's) and exporting diagnostics (which gathers from the host's logs).
// Every other command belongs to the current desk's own table.
import type { DeskState } from '../../shared/model/desk-state';
import { refusePlainHttp } from '../aura/environments';
import type { ConnectionManager } from '../connection/connection';
import { runSetupCheck } from '../conformance/setup-check';
import type { Desk } from '../desk/desk';
import type { Handlers, HostCommandName } from '../desk/command-table';
import { exportDiagnostics, type DiagnosticsShell } from './diagnostics-export';
import type { EffectivePolicy } from '../policy/effective-policy';
import type { DiagnosticsLog } from '../diagnostics/log';
import type { Press } from '../../shared/model/press';
import type { ReadinessHistory } from '../diagnostics/readiness-history';
import type { CredentialVault } from '../ports';

export interface HostCommandDeps {
  vault: CredentialVault;
  /** How Setup's full check reaches AURA (the desk host's fetch). */
  fetch: typeof fetch | undefined;
  connections: Pick<ConnectionManager, 'connection' | 'save'>;
  /** False in a packaged app: Setup's URLs must be https (core/aura/environments.ts). */
  plainHttpLoopback: boolean;
  /** Where "Export diagnostics" writes and what it adds; none: the command says it is unavailable. */
  diagnostics: DiagnosticsShell | undefined;
  log: DiagnosticsLog;
  readinessHistory: ReadinessHistory;
  /** The administrator's policy in force, with each value's source. */
  effectivePolicy(): EffectivePolicy;
  /** The current desk (throws while the host switches desks). */
  desk(): Desk;
  getState(): DeskState;
  /** Replaces the desk with one for the saved connection. */
  switchDesk(): Promise<void>;
}

export function hostCommands(deps: HostCommandDeps): Pick<Handlers, HostCommandName> {
  return {
    async 'setup.saveCredentials'(input) {
      if (!deps.plainHttpLoopback && input.environment === 'custom') refusePlainHttp(input.baseUrl);
      const before = deps.connections.connection();
      const after = await deps.connections.save(input);
      deps.desk().recordCredentialsChange(before, after);
      await deps.switchDesk();
      return { saved: true };
    },
    'setup.fullCheck': (input) => {
      if (!deps.plainHttpLoopback && input.environment === 'custom') refusePlainHttp(input.baseUrl);
      return runSetupCheck(input, deps.vault, { fetch: deps.fetch });
    },
    'diagnostics.export': () => exportFromHost(deps),
  };
}

async function exportFromHost(deps: HostCommandDeps): Promise<{ location: string | null }> {
  const shell = deps.diagnostics;
  if (!shell) throw new Error('Export diagnostics is not available in this host');
  const audit = await deps.desk().handlers['audit.list']({ text: '', limit: 1 });
  const state = deps.getState();
  const location = await exportDiagnostics(shell, {
    connection: state.connection,
    readiness: state.readiness,
    readinessHistory: deps.readinessHistory.entries(),
    audit: { chainOk: audit.chainOk, problem: audit.problem },
    policy: deps.effectivePolicy(),
    hotkey: { accelerator: state.settings.hotkey, state: state.hotkey },
    presses: pressCounts(state.presses),
    redact: (text) => deps.log.redact(text),
  });
  deps.log.info(location ? `diagnostics exported to ${location}` : 'diagnostics export cancelled');
  return { location };
}

/** Presses not at AURA: on their way or NOT SENT, and refused for good but not yet put away. */
export function pressCounts(presses: readonly Press[]): { unsent: number; refused: number } {
  const live = presses.filter((p) => !p.dismissed);
  return {
    unsent: live.filter((p) => p.status === 'queued' || p.status === 'sending' || p.status === 'notSent').length,
    refused: live.filter((p) => p.status === 'failed').length,
  };
}
