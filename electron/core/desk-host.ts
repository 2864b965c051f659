// The desk host: the one thing a host (Electron main or the web harness) talks to. It runs the desk
// for whichever AURA environment is configured, and replaces it with one for the new environment
// when credentials are saved or the policy re-points it: sites, callouts and unsent presses of two
// environments never mix. While it switches there is no desk at all; a hotkey press, a tray panic
// or a hotkey status arriving just then is kept and handed to the new desk the moment it opens.
import type { CommandName } from '../shared/command-names';
import type { CommandOutput, CommandParsedInput } from '../shared/contract';
import type { DeskState } from '../shared/model/desk-state';
import type { Press } from '../shared/model/press';
import { describeCommandFailure } from './commands';
import { ConnectionManager } from './connection';
import type { Desk, DeskOptions } from './desk';
import type { Handlers, HostCommandName } from './desk/command-table';
import { reportSkippedItems } from './desk-api';
import type { DiagnosticsShell } from './diagnostics/export';
import { DiagnosticsLog } from './diagnostics/log';
import { ReadinessHistory } from './diagnostics/readiness-history';
import { importEnrolFile } from './enrol';
import { hostCommands } from './host/host-commands';
import { HostPolicy } from './host/host-policy';
import { closeRunningDesk, openRunningDesk, type RunningDesk } from './host/running-desk';
import type { PolicyRead } from './policy';
import { checkAgainstPolicy } from './policy-guard';
import { AuditForwarder, type EventLogPort } from './siem/forwarder';
import { silentLogger, type CredentialVault, type KeyValueStore } from './ports';

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
}

type Listener = (state: DeskState) => void;
/** Something for the desk that is being opened. */
type Waiting = (desk: Desk) => void;

export class DeskHost {
  /** What runs now, with its command table; null while switching. */
  private running: (RunningDesk & { commands: Handlers }) | null = null;
  private readonly listeners = new Set<Listener>();
  private unsubscribe: (() => void) | null = null;
  private stopFollowingPolicy: (() => void) | null = null;
  private readonly waiting: Waiting[] = [];
  /** The last state announced or read: what a read between two desks answers. */
  private last: DeskState | null = null;
  private readonly connections: ConnectionManager;
  private readonly log: DiagnosticsLog;
  private readonly readinessHistory: ReadinessHistory;
  private readonly policy: HostPolicy;
  private readonly hostCommands: Pick<Handlers, HostCommandName>;
  /** Audit entries and readiness changes to the SIEM, as the policy's `auditForward` says. */
  private readonly forwarder: AuditForwarder;

  private constructor(private readonly opts: HostOptions) {
    this.log = opts.log ?? new DiagnosticsLog(silentLogger);
    this.readinessHistory = new ReadinessHistory(this.log);
    this.forwarder = new AuditForwarder({ log: this.log, eventLog: opts.eventLog });
    this.connections = new ConnectionManager({
      store: opts.store,
      vault: opts.vault,
      fetch: opts.fetch,
      clientOptions: { log: this.log },
    });
    this.policy = new HostPolicy(opts.store, this.connections);
    this.hostCommands = hostCommands({
      vault: opts.vault,
      fetch: opts.fetch,
      connections: this.connections,
      diagnostics: opts.diagnostics,
      log: this.log,
      readinessHistory: this.readinessHistory,
      effectivePolicy: () => this.policy.effective(),
      desk: () => this.desk(),
      getState: () => this.getState(),
      switchDesk: () => this.switchDesk([]),
    });
  }

  static async open(opts: HostOptions): Promise<DeskHost> {
    const host = new DeskHost(opts);
    host.policy.take(opts.policy ?? null);
    host.forwarder.configure(host.policy.rules.auditForward);
    const problems = [...(opts.startupProblems ?? [])];
    const before = host.connections.connection();
    const enrolled = opts.importEnrolFile === false ? null : await host.enrol(problems);
    await host.switchDesk(problems);
    if (enrolled) host.desk().recordCredentialsChange(before, host.connections.connection());
    host.stopFollowingPolicy = opts.followPolicy?.((read) => void host.applyPolicy(read)) ?? null;
    return host;
  }

  /** Imports a one-time enrol.json; true when it saved credentials. A refusal joins the problems. */
  private async enrol(problems: string[]): Promise<boolean> {
    const outcome = await importEnrolFile(this.opts.dataDir, {
      save: (input) => this.connections.save(input),
      policy: this.policy.rules,
    });
    if (outcome.kind === 'refused') problems.push(outcome.message);
    return outcome.kind === 'enrolled';
  }

  /** The Training simulator, when Training is the current environment. */
  get simulator(): RunningDesk['simulator'] {
    return this.running?.simulator ?? null;
  }

  /**
   * Runs one contract command (its payload already checked against the contract): the host's own,
   * or the current desk's. The administrator's locks hold here, in core, whatever the screen shows.
   */
  invoke<N extends CommandName>(name: N, input: CommandParsedInput<N>): Promise<CommandOutput<N>> {
    const running = this.current();
    checkAgainstPolicy(this.policy.rules, name, input, running.desk.getState());
    return running.commands[name](input);
  }

  /** The words an error reply carries (shared/wire.ts): AURA's errors worded, secrets removed. */
  describeFailure(error: unknown): string {
    return describeCommandFailure(error);
  }

  getState(): DeskState {
    if (this.running) this.last = this.running.desk.getState();
    if (!this.last) throw new Error('the desk is not open yet');
    return this.last;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A panic from the shell (tray); kept for the next desk while switching (then null). */
  trigger(siteId: string, source: Press['source']): Press | null {
    if (this.running) return this.running.desk.trigger(siteId, source);
    this.waiting.push((desk) => void desk.trigger(siteId, source));
    return null;
  }

  /** The global hotkey fired; while switching, the next desk raises it (or confirms a test). */
  hotkeyPressed(): 'tested' | 'raised' | 'noSite' {
    if (this.running) return this.running.desk.hotkeyPressed();
    this.waiting.push((desk) => void desk.hotkeyPressed());
    return 'raised';
  }

  /** Main reports whether the global hotkey could be registered, and why not. */
  setHotkeyStatus(status: { registered: boolean; error: string | null }): void {
    if (this.running) this.running.desk.setHotkeyStatus(status);
    else this.waiting.push((desk) => desk.setHotkeyStatus(status));
  }

  /**
   * A new read of the administrator's policy (at start, and whenever a source changes). A policy
   * that fails its schema changes nothing but the warning; the last good one stays in force.
   */
  async applyPolicy(read: PolicyRead | null): Promise<void> {
    const connectionChanged = this.policy.take(read);
    this.forwarder.configure(this.policy.rules.auditForward);
    if (connectionChanged) await this.switchDesk([]);
    else this.running?.desk.applyPolicy(this.policy.rules, this.policy.view);
  }

  async close(): Promise<void> {
    this.stopFollowingPolicy?.();
    this.stopFollowingPolicy = null;
    await this.stopRunning();
    this.forwarder.close();
  }

  private current(): RunningDesk & { commands: Handlers } {
    if (!this.running) throw new Error('the desk is not open');
    return this.running;
  }

  private desk(): Desk {
    return this.current().desk;
  }

  /** Tells every listener; the waiting presses go to the new desk before anyone hears of it. */
  private announce(state: DeskState): void {
    this.last = state;
    const change = this.readinessHistory.observe(state.environment, state.readiness);
    if (change) this.forwarder.readiness(change.at, change.level, change.message);
    if (this.running) for (const action of this.waiting.splice(0)) action(this.running.desk);
    for (const listener of this.listeners) listener(state);
  }

  private async switchDesk(startupProblems: string[]): Promise<void> {
    const hotkey = this.running?.desk.getState().hotkey;
    await this.stopRunning();
    const opened = await this.connections.open();
    const running = await openRunningDesk(
      opened,
      {
        store: this.opts.store,
        dataDir: this.opts.dataDir,
        startupProblems,
        timing: this.opts.timing,
        connection: opened.connection,
        log: this.log,
        onAudit: (entry) => this.forwarder.audit(entry),
        policy: { policy: this.policy.rules, view: this.policy.view },
      },
      { trainingAllowed: this.policy.rules.trainingAllowed !== false, log: this.log },
    );
    // The desk's own table (the commands a desk answers) and the host's own: every command once.
    this.running = { ...running, commands: { ...running.desk.handlers, ...this.hostCommands } };
    if (running.client) reportSkippedItems(running.client, running.desk, (line) => this.log.warn(line));
    if (hotkey) running.desk.setHotkeyStatus({ registered: hotkey.registered, error: hotkey.error });
    this.unsubscribe = running.desk.onChange((state) => this.announce(state));
    this.log.info(`desk opened: ${opened.connection.environment} (${opened.state})`);
    await running.desk.start();
    this.announce(running.desk.getState());
  }

  private async stopRunning(): Promise<void> {
    const running = this.running;
    if (!running) return;
    // From here on nothing reaches the closing desk (its dispatcher stops now, its simulator may
    // take a while): a press waits for the next desk instead of landing in a stopped outbox.
    this.last = running.desk.getState();
    this.running = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.log.info(`desk closing: ${this.last.environment}`);
    await closeRunningDesk(running);
    this.log.info(`desk closed: ${this.last.environment}`);
  }
}
