// The running desk of a host (Electron main or the web harness), for whichever AURA environment
// is configured. Training runs the embedded simulator on 127.0.0.1 and talks to it exactly as
// it would to AURA. Saving new credentials verifies them, then replaces the desk with one for the
// new environment: sites, callouts and unsent presses of two environments never mix.
import { join } from 'node:path';
import { startSimulator, type RunningSimulator } from '../simulator/server';
import { COMMAND_NAMES } from '../shared/command-names';
import type { CommandOutput, CommandParsedInput } from '../shared/contract';
import { UNMANAGED, type DeskState, type PolicyState } from '../shared/model/desk-state';
import { AuraClient } from './aura/client';
import { ConnectionManager } from './connection';
import { runSetupCheck } from './conformance/setup-check';
import { Desk, type DeskApi, type DeskOptions, type Handlers } from './desk';
import { exportDiagnostics, type DiagnosticsShell } from './diagnostics/export';
import { DiagnosticsLog } from './diagnostics/log';
import { ReadinessHistory } from './diagnostics/readiness-history';
import { importEnrolFile } from './enrol';
import { LOCKABLE, PolicySchema, type Policy, type PolicyRead } from './policy';
import { checkAgainstPolicy } from './policy-guard';
import { silentLogger, type CredentialVault, type KeyValueStore } from './ports';
import { simulatorControl } from './training';

/** The embedded simulator's credentials: not secret, they open nothing but the local simulator. */
export const TRAINING_CREDENTIALS = { clientId: 'training-desk', clientSecret: 'training-only-not-a-secret' };

/** The desk's view of an AuraClient: AURA's shapes in, the desk's words out. */
export function deskApiFor(client: AuraClient): DeskApi {
  return {
    raiseCallout: (ref) => client.raiseCallout(ref),
    prepare: async () => void (await client.getToken()),
    listActiveCallouts: () => client.listActiveCallouts(),
    getCallout: (id) => client.getCallout(id),
    async listCalloutEvents(id) {
      const events = await client.listCalloutEvents(id);
      return events.map((e) => ({
        id: e.id,
        at: e.createdAt,
        text: e.author ? `${e.author}: ${e.message}` : e.message,
      }));
    },
    async sendCalloutEvent(id, message) {
      await client.sendCalloutEvent(id, message);
    },
    async listCancelReasons(id) {
      const reasons = await client.listExceptionReasons(id);
      return reasons.map((r) => ({ id: r.id, text: r.reason }));
    },
    async cancelCallout(id, reason) {
      // INFERRED order (aura-api.md): attach the reason, then cancel; fixed sites send no safeCode.
      await client.addExceptionReason(id, { exceptionReasonId: reason.id, notes: reason.notes });
      return client.cancelCallout(id);
    },
    listFixedLocations: () => client.listFixedLocations(),
    createFixedLocation: (input) => client.createFixedLocation(input),
    updateFixedLocation: (auraId, input) => client.updateFixedLocation(auraId, input),
    deleteFixedLocation: (auraId) => client.deleteFixedLocation(auraId),
  };
}

/**
 * Odd list items AURA sends are skipped by the client; the desk records each once in the audit
 * log, and the diagnostics log gets the same line as a warning (issue 10 item 8).
 */
export function reportSkippedItems(client: AuraClient, desk: Desk, warn: (line: string) => void): void {
  client.onSkippedItems((report) => {
    for (const line of desk.recordSkippedItems(report)) warn(line);
  });
}

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
  /** Import a one-time enrol.json from dataDir at start (default true). */
  importEnrolFile?: boolean;
}

/** The store key of the last policy that passed its schema (kept when a later one fails). */
const LAST_GOOD_POLICY = 'managedPolicyLastGood';

/** What runs for one environment: the desk, and its client or simulator. */
interface Running {
  desk: Desk;
  client: AuraClient | null;
  simulator: RunningSimulator | null;
}

export class DeskHost {
  private running: Running | null = null;
  private readonly listeners = new Set<(state: DeskState) => void>();
  private unsubscribe: (() => void) | null = null;
  private readonly connections: ConnectionManager;
  private readonly log: DiagnosticsLog;
  private readonly readinessHistory: ReadinessHistory;
  private policy: Policy = {};
  private policyView: PolicyState = UNMANAGED;

  private constructor(private readonly opts: HostOptions) {
    this.log = opts.log ?? new DiagnosticsLog(silentLogger);
    this.readinessHistory = new ReadinessHistory(this.log);
    this.connections = new ConnectionManager({
      store: opts.store,
      vault: opts.vault,
      clientOptions: { log: this.log },
    });
  }

  static async open(opts: HostOptions): Promise<DeskHost> {
    const host = new DeskHost(opts);
    host.takePolicy(opts.policy ?? null);
    const problems = [...(opts.startupProblems ?? [])];
    let enrolled: { before: ReturnType<ConnectionManager['connection']> } | null = null;
    if (opts.importEnrolFile !== false) {
      const before = host.connections.connection();
      const outcome = await importEnrolFile(opts.dataDir, {
        save: (input) => host.connections.save(input),
        policy: host.policy,
      });
      if (outcome.kind === 'refused') problems.push(outcome.message);
      if (outcome.kind === 'enrolled') enrolled = { before };
    }
    await host.switchDesk(problems);
    if (enrolled) host.desk.recordCredentialsChange(enrolled.before, host.connections.connection());
    return host;
  }

  /** The current desk (it changes when the environment does). */
  get desk(): Desk {
    if (!this.running) throw new Error('the desk is not open');
    return this.running.desk;
  }

  /** The Training simulator, when Training is the current environment. */
  get simulator(): RunningSimulator | null {
    return this.running?.simulator ?? null;
  }

  /** Every command, on whichever desk is current; saving credentials switches the desk. */
  readonly handlers: Handlers = Object.fromEntries(
    COMMAND_NAMES.map((name) => [
      name,
      (input: unknown) => {
        // The administrator's locks hold here, in core, whatever the screen shows or hides.
        checkAgainstPolicy(this.policy, name, input, this.desk.getState());
        return name === 'setup.saveCredentials'
          ? this.saveCredentials(input as CommandParsedInput<'setup.saveCredentials'>)
          : name === 'diagnostics.export'
            ? this.exportDiagnostics()
            : name === 'setup.fullCheck'
              ? runSetupCheck(input as CommandParsedInput<'setup.fullCheck'>, this.opts.vault)
              : (this.desk.handlers[name] as (i: unknown) => Promise<unknown>)(input);
      },
    ]),
  ) as Handlers;

  /**
   * A new read of the administrator's policy (at start, and whenever a source changes). A policy
   * that fails its schema changes nothing but the warning; the last good one stays in force.
   */
  async applyPolicy(read: PolicyRead | null): Promise<void> {
    const connectionChanged = this.takePolicy(read);
    if (connectionChanged) await this.switchDesk([]);
    else this.running?.desk.applyPolicy(this.policy, this.policyView);
  }

  /** Takes a policy read; true when it changed the saved AURA connection. */
  private takePolicy(read: PolicyRead | null): boolean {
    if (read && !read.ok) {
      const lastGood = PolicySchema.safeParse(this.opts.store.get(LAST_GOOD_POLICY));
      if (this.policyView === UNMANAGED && lastGood.success) this.setPolicy(lastGood.data, ['last good policy']);
      this.policyView = { ...this.policyView, problem: read.problem };
      return false;
    }
    const policy = read?.ok ? read.policy : {};
    this.opts.store.set(LAST_GOOD_POLICY, policy);
    this.setPolicy(policy, read?.ok ? read.sources : []);
    const { environment, baseUrl, clientId } = policy;
    if (environment === undefined && baseUrl === undefined && clientId === undefined) return false;
    return this.connections.preset({ environment, baseUrl, clientId });
  }

  private setPolicy(policy: Policy, sources: string[]): void {
    this.policy = policy;
    this.policyView = {
      sources,
      locked: LOCKABLE.filter((key) => policy.locked?.includes(key)),
      problem: null,
      trainingAllowed: policy.trainingAllowed !== false,
      cancelCodeRequired: (policy.cancelCodes?.cancel.length ?? 0) > 0,
    };
  }

  onChange(listener: (state: DeskState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getState(): DeskState {
    return this.desk.getState();
  }

  async close(): Promise<void> {
    await this.stopRunning();
  }

  private async saveCredentials(
    input: CommandParsedInput<'setup.saveCredentials'>,
  ): Promise<CommandOutput<'setup.saveCredentials'>> {
    const before = this.connections.connection();
    const after = await this.connections.save(input);
    this.desk.recordCredentialsChange(before, after);
    await this.switchDesk([]);
    return { saved: true };
  }

  private async exportDiagnostics(): Promise<CommandOutput<'diagnostics.export'>> {
    const shell = this.opts.diagnostics;
    if (!shell) throw new Error('Export diagnostics is not available in this host');
    const audit = await this.desk.handlers['audit.list']({ text: '', limit: 1 });
    const state = this.getState();
    const location = await exportDiagnostics(shell, {
      connection: state.connection,
      readiness: state.readiness,
      readinessHistory: this.readinessHistory.entries(),
      audit: { chainOk: audit.chainOk, problem: audit.problem },
      redact: (text) => this.log.redact(text),
    });
    this.log.info(location ? `diagnostics exported to ${location}` : 'diagnostics export cancelled');
    return { location };
  }

  private async switchDesk(startupProblems: string[]): Promise<void> {
    const hotkey = this.running?.desk.getState().hotkey;
    await this.stopRunning();
    const opened = await this.connections.open();
    const base = {
      store: this.opts.store,
      dataDir: this.opts.dataDir,
      startupProblems,
      timing: this.opts.timing,
      connection: opened.connection,
      log: this.log,
      policy: { policy: this.policy, view: this.policyView },
    };
    let running: Running;
    if (opened.state === 'training' && this.policy.trainingAllowed === false) {
      running = {
        desk: new Desk({
          ...base,
          environment: 'training',
          api: null,
          configProblem: {
            level: 'notConfigured',
            message: 'Not configured — Training is turned off by your organisation; this desk waits for enrolment',
          },
        }),
        client: null,
        simulator: null,
      };
    } else if (opened.state === 'training') {
      const simulator = await startSimulator({
        ...TRAINING_CREDENTIALS,
        stateFile: join(this.opts.dataDir, 'training-simulator.json'),
      });
      const client = new AuraClient({
        baseUrl: simulator.baseUrl,
        clientId: TRAINING_CREDENTIALS.clientId,
        getSecret: async () => TRAINING_CREDENTIALS.clientSecret,
        log: this.log,
      });
      const desk = new Desk({
        ...base,
        environment: 'training',
        api: deskApiFor(client),
        training: simulatorControl(simulator.origin, simulator.controlToken),
      });
      running = { desk, client, simulator };
    } else if (opened.state === 'configured') {
      running = {
        desk: new Desk({ ...base, environment: opened.connection.environment, api: deskApiFor(opened.client) }),
        client: opened.client,
        simulator: null,
      };
    } else {
      const level = opened.state === 'keychainUnavailable' ? 'keychainUnavailable' : 'notConfigured';
      running = {
        desk: new Desk({
          ...base,
          environment: opened.connection.environment,
          api: null,
          configProblem: { level, message: opened.message },
        }),
        client: null,
        simulator: null,
      };
    }
    this.running = running;
    if (running.client) reportSkippedItems(running.client, running.desk, (line) => this.log.warn(line));
    if (hotkey) running.desk.setHotkeyStatus({ registered: hotkey.registered, error: hotkey.error });
    this.unsubscribe = running.desk.onChange((state) => {
      this.readinessHistory.observe(state.environment, state.readiness);
      for (const listener of this.listeners) listener(state);
    });
    this.log.info(`desk opened: ${opened.connection.environment} (${opened.state})`);
    await running.desk.start();
    const state = running.desk.getState();
    this.readinessHistory.observe(state.environment, state.readiness);
    for (const listener of this.listeners) listener(state);
  }

  private async stopRunning(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    running.desk.stop();
    running.client?.close();
    await running.simulator?.close();
    this.running = null;
    this.log.info(`desk closed: ${running.desk.getState().environment}`);
  }
}

/** A CredentialVault in memory: for the web harness and tests, never for the app. */
export function memoryVault(): CredentialVault {
  const secrets = new Map<string, string>();
  return {
    getSecret: async (account) => secrets.get(account) ?? null,
    setSecret: async (account, secret) => void secrets.set(account, secret),
    deleteSecret: async (account) => secrets.delete(account),
  };
}
