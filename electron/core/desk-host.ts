// The desk host: the one thing a host (Electron main or the web harness) talks to. It runs the desk
// for whichever AURA environment is configured, and replaces it with one for the new environment
// when credentials are saved or the policy re-points it, one switch at a time: sites and callouts
// of two environments never mix. It opens the files the whole machine shares ONCE (the audit log,
// the press ledger, the storage watch: desk/durable.ts) and hands them to every desk. A press
// belongs to the machine: one made while the host switches (button, hotkey, tray) is written to
// the ledger at once for the connection the operator last saw; presses of another connection stay
// on screen, NOT SENT, with their choices (host/presses-elsewhere.ts).
import type { CommandName } from '../shared/command-names';
import type { CommandOutput, CommandParsedInput } from '../shared/contract';
import type { Connection } from '../shared/model/connection';
import type { DeskState, HotkeyReport } from '../shared/model/desk-state';
import type { Press, PressTarget } from '../shared/model/press';
import { DEFAULT_SETTINGS, SettingsSchema } from '../shared/model/settings';
import { describeCommandFailure } from './host/command-failure';
import { ConnectionManager } from './connection/connection';
import type { Desk } from './desk/desk';
import type { Handlers, HostCommandName } from './desk/command-table';
import { reportSkippedItems } from './host/report-skipped-items';
import { DiagnosticsLog } from './diagnostics/log';
import { ReadinessHistory } from './diagnostics/readiness-history';
import { legacyTargetFrom, openDurableFiles, type DurableFiles } from './desk/durable';
import { deskNameOf } from './desk/settings';
import { enrol, importEnrolFile } from './policy/enrol';
import { hostCommands } from './host/host-commands';
import { HostPolicy } from './host/host-policy';
import { PressesElsewhere, TRAINING_TARGET } from './host/presses-elsewhere';
import { deskSeams, type HostOptions } from './host/host-options';
import type { RunningDesk } from './host/desk-base';
import { closeRunningDesk, openRunningDesk } from './host/running-desk';
import type { PolicyRead } from './policy/policy';
import { checkAgainstPolicy } from './policy/policy-guard';
import { checkMonitorCommand, isMonitor, MonitorRefusal, refusedQuietly } from './monitor/monitor-rules';
import { silentLogger, systemClock } from './ports';
import { lockDataFolder, type FolderLock } from './storage/folder-lock';
import { AuditForwarder } from './siem/forwarder';

export type { HostOptions } from './host/host-options';

/** The commands on one press, which the host answers itself for a press of another connection. */
const PRESS_CHOICES = new Set<CommandName>(['press.sendNow', 'press.putAway', 'press.dismiss']);

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
  /** The audit log, press ledger and storage watch: opened once, shared by every desk. */
  private readonly files: DurableFiles;
  private readonly elsewhere: PressesElsewhere;
  /** The storage notice in force, for a desk that opens while it is up. */
  private storageText: string | null = null;
  /** The connection of the desk last opened: a press made while switching belongs to it. */
  private lastTarget: PressTarget | null = null;
  /** Switches run one at a time, in the order asked. */
  private switches: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly openingProblems: string[];
  private lock: FolderLock | null = null;
  /** Audit entries and readiness changes to the SIEM, as the policy's `auditForward` says. */
  private readonly forwarder: AuditForwarder;

  private constructor(private readonly opts: HostOptions) {
    this.log = opts.log ?? new DiagnosticsLog(silentLogger);
    this.readinessHistory = new ReadinessHistory(this.log);
    this.forwarder = new AuditForwarder({ log: this.log, eventLog: opts.eventLog });
    this.connections = new ConnectionManager({
      store: opts.store,
      vault: opts.vault,
      fetch: opts.fetch ?? opts.shell?.client?.fetch,
      clientOptions: { ...opts.shell?.client, log: this.log },
    });
    this.policy = new HostPolicy(opts.store, this.connections);
    this.hostCommands = hostCommands({
      vault: opts.vault,
      fetch: opts.fetch,
      connections: this.connections,
      plainHttpLoopback: opts.plainHttpLoopback ?? true,
      diagnostics: opts.diagnostics,
      log: this.log,
      readinessHistory: this.readinessHistory,
      effectivePolicy: () => this.policy.effective(),
      desk: () => this.desk(),
      getState: () => this.getState(),
      switchDesk: () => this.switchDesk([]),
    });
    const opened = openDurableFiles({
      dataDir: opts.dataDir,
      clock: opts.shell?.clock ?? systemClock,
      deskName: () => this.deskName(),
      legacyTarget: legacyTargetFrom(this.connections.connection()),
      storage: opts.storage,
      storageRetryMs: opts.timing?.storageRetryMs,
      onAudit: (entry) => this.forwarder.audit(entry),
      showStorageNotice: (text) => {
        this.storageText = text;
        this.running?.desk.showStorageNotice(text);
      },
    });
    this.files = opened;
    this.openingProblems = [...opened.errors, ...opened.warnings];
    this.elsewhere = new PressesElsewhere({
      ledger: opened.ledger,
      audit: opened.audit,
      clock: opts.shell?.clock ?? systemClock,
      connections: this.connections,
      deskName: () => this.deskName(),
      siteName: (siteId) => this.last?.allSites.find((site) => site.id === siteId)?.name ?? siteId,
      staleAfterMs: () => (this.last?.settings.stalePressMinutes ?? 10) * 60_000,
      tell: (text) => this.running?.desk.tell('warning', text),
    });
  }

  static async open(opts: HostOptions): Promise<DeskHost> {
    // Before any file is opened: two processes never share the ledger or the audit chain.
    const lock = opts.lockDataDir ? lockDataFolder(opts.dataDir) : null;
    let host: DeskHost;
    try {
      host = new DeskHost(opts);
    } catch (error) {
      lock?.release();
      throw error;
    }
    host.lock = lock;
    try {
      await host.start(opts);
    } catch (error) {
      await host.close().catch(() => undefined);
      throw error;
    }
    return host;
  }

  private async start(opts: HostOptions): Promise<void> {
    this.policy.take(opts.policy ?? null);
    this.forwarder.configure(this.policy.rules.auditForward);
    // A press before the first desk opens: Training's when Training opens, else the first live connection's.
    const training = this.connections.connection().environment === 'training';
    if (training && this.policy.rules.trainingAllowed !== false) this.lastTarget = TRAINING_TARGET;
    const problems = [...(opts.startupProblems ?? []), ...this.openingProblems];
    const before = this.connections.connection();
    const enrolled = opts.importEnrolFile === false ? null : await this.enrol(problems);
    await this.switchDesk(problems);
    if (enrolled) this.desk().recordCredentialsChange(before, this.connections.connection());
    this.stopFollowingPolicy = opts.followPolicy?.((read) => void this.applyPolicy(read)) ?? null;
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

  /**
   * An enrolment handed over by `"Panic Desk" --enrol` started while this desk runs (issue 20
   * finding 12): verified and saved as at start (core/enrol.ts), then the enrolled desk opens at
   * once, in turn with any other switch. The desk shows the outcome as a notice either way.
   */
  enrolFromCommandLine(raw: string): Promise<Connection> {
    const run = this.switches.then(async () => {
      const before = this.connections.connection();
      let after: Connection;
      try {
        after = await enrol(raw, { save: (input) => this.connections.save(input), policy: this.policy.rules });
      } catch (error) {
        const why = error instanceof Error ? error.message : 'unexpected error';
        this.running?.desk.tell('error', `Enrolment from the command line refused: ${why}`);
        throw error;
      }
      await this.switchNow([
        `Enrolled from the command line: AURA ${after.environment}, client ${after.clientId ?? ''}`,
      ]);
      this.desk().recordCredentialsChange(before, after);
      return after;
    });
    this.switches = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
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
    // A monitor raises nothing, between desks too (issue 24): refused before anything is written.
    checkMonitorCommand(this.policy.rules, name);
    if (!this.running && name === 'panic.trigger') {
      // Between two desks a PANIC press is kept like a hotkey or tray press, never refused.
      const { siteId } = input as CommandParsedInput<'panic.trigger'>;
      return Promise.resolve(this.trigger(siteId, 'button') as CommandOutput<N>);
    }
    const running = this.current();
    checkAgainstPolicy(this.policy.rules, name, input, running.desk.getState());
    const pressId = PRESS_CHOICES.has(name) ? (input as { pressId: string }).pressId : null;
    if (pressId !== null && this.elsewhere.isElsewhere(pressId, running.desk.pressTarget)) {
      return this.elsewhere.choose(name, pressId) as Promise<CommandOutput<N>>;
    }
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

  /** A panic (tray, or a button while switching): while switching, written to the ledger for the last desk's connection. */
  trigger(siteId: string, source: Press['source']): Press {
    if (isMonitor(this.policy.rules)) throw new MonitorRefusal('raise');
    if (this.running) return this.running.desk.trigger(siteId, source);
    return this.elsewhere.record(siteId, source, this.lastTarget);
  }

  /**
   * A press from the shell: the tray's menu or a site key. As `trigger`, but a monitor's refusal
   * is logged and answered with null, never thrown: for an instant after a switch to monitor the
   * old menu or key can still fire, and an exception in a shell callback reaches the operator as
   * a crash dialog (issue 24's seam, found by the reliability model).
   */
  pressFromShell(siteId: string, source: 'tray' | 'hotkey'): Press | null {
    // Refused by the host's policy or, mid-switch, by the running desk (a monitor until the next opens).
    const refused = () =>
      this.log.warn(`press: a ${source === 'tray' ? 'tray' : 'site key'} press on a monitor refused`);
    return refusedQuietly(() => this.trigger(siteId, source), refused);
  }

  /** The global hotkey fired; while switching, the press is written for the last desk's connection. */
  hotkeyPressed(): 'tested' | 'raised' | 'noSite' {
    if (this.running) return this.running.desk.hotkeyPressed();
    // A monitor has no hotkey site (the running desk says so itself).
    const siteId = isMonitor(this.policy.rules) ? null : this.last?.settings.hotkeySiteId;
    if (!siteId) return 'noSite';
    this.elsewhere.record(siteId, 'hotkey', this.lastTarget);
    return 'raised';
  }

  /** Main reports whether the global hotkey (or each site key) could be registered, and why not. */
  setHotkeyStatus(status: HotkeyReport): void {
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

  /** Stops the desk (after any switch under way) and everything it sent; nothing is written after. */
  async close(): Promise<void> {
    this.stopFollowingPolicy?.();
    this.stopFollowingPolicy = null;
    this.closed = true;
    await this.switches;
    await this.stopRunning();
    await this.elsewhere.stop();
    this.files.storage.stop();
    this.forwarder.close();
    this.lock?.release();
  }

  /** The desk's name in the audit log: the running desk's, else the saved settings'. */
  private deskName(): string {
    if (this.running) return this.running.desk.deskName();
    const saved = SettingsSchema.safeParse(this.opts.store.get('settings'));
    return deskNameOf(saved.success ? saved.data : DEFAULT_SETTINGS, undefined);
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

  /** Queues a switch behind any under way: one desk at a time, never two alive (issue 20 finding 8). */
  private switchDesk(startupProblems: string[]): Promise<void> {
    const next = this.switches.then(() => this.switchNow(startupProblems));
    this.switches = next.catch(() => undefined);
    return next;
  }

  private async switchNow(startupProblems: string[]): Promise<void> {
    if (this.closed) return;
    const hotkey = this.running?.desk.getState().hotkey;
    await this.stopRunning();
    const opened = await this.connections.open();
    const running = await openRunningDesk(
      opened,
      {
        ...deskSeams(this.opts),
        startupProblems,
        connection: opened.connection,
        log: this.log,
        policy: { policy: this.policy.rules, view: this.policy.view },
        shared: this.files,
        canSendElsewhere: (press) => this.elsewhere.canSendNow(press),
      },
      { trainingAllowed: this.policy.rules.trainingAllowed !== false, log: this.log, shell: this.opts.shell },
    );
    await this.elsewhere.prepare(running.desk.pressTarget);
    this.lastTarget = running.desk.pressTarget;
    if (this.storageText) running.desk.showStorageNotice(this.storageText);
    // The desk's own table (the commands a desk answers) and the host's own: every command once.
    this.running = { ...running, commands: { ...running.desk.handlers, ...this.hostCommands } };
    if (running.client) reportSkippedItems(running.client, running.desk, (line) => this.log.warn(line));
    if (hotkey) running.desk.setHotkeyStatus({ registered: hotkey.registered, error: hotkey.error });
    if (hotkey?.siteKeys) running.desk.setHotkeyStatus({ siteKeys: hotkey.siteKeys });
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
