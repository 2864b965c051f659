// The desk: every contract command for one AURA environment, its state, and `state.changed`
// whenever that state moves. Both hosts (Electron main and the web harness) wrap this same class;
// nothing here knows about windows, IPC or WebSockets. This file only composes the desk's
// services (desk/*: store, presses, callouts, cancel, sites, settings, training) and keeps the
// surface the desk host uses; the command table (desk/command-table.ts) maps each command to one.
import type { Callout } from '../../shared/model/callout';
import type { Connection } from '../../shared/model/connection';
import type { DeskState, PolicyState } from '../../shared/model/desk-state';
import type { HotkeyReport, PressElsewhere } from '../../shared/model/desk-state';
import type { Press, PressTarget } from '../../shared/model/press';
import type { SkippedItems } from '../aura/client';
import type { AuditLog } from '../audit/audit-log';
import type { DeskPresses } from '../dispatch/ledger';
import type { Policy } from '../policy/policy';
import { systemClock, type Clock } from '../ports';
import type { DeskOptions } from './desk-options';
import { ReadinessTracker } from '../connection/readiness';
import { SkippedItemsReporter } from '../audit/skipped-items';
import type { StorageWatch } from '../storage/storage-watch';
import type { DeskPort } from '../aura/port';
import { credentialsChanged } from './audit-records';
import { CalloutsService } from './callouts';
import { CancelService } from './cancel';
import { commandTable, type DeskHandlers } from './command-table';
import { ConfirmWatch } from './confirm-watch';
import { openDeskFiles, type DurableFiles } from './durable';
import { DeskEvents } from './events';
import { PressService } from './presses';
import { deskNameOf, hotkeySiteOf, SettingsService } from './settings';
import { SitesService } from './sites';
import { closedCallouts, digestHistory, recentFrom, recentPresses, type HistoryDigest } from './recent-work';
import { DeskStore } from './store';
import { TrainingPractice } from './training-practice';
import { isMonitor, MonitorRefusal } from '../monitor/monitor-rules';
import { holdPressesForChoice, MonitorPace, monitorTiming } from '../monitor/monitor-pace';
import { monitorState } from '../monitor/monitor-view';
import { MAX_RECENT_DONE } from '../dispatch/press-archive';

export type { DeskOptions } from './desk-options';

/** What every service of the desk is given. */
interface ServiceBase {
  api: DeskPort | null;
  store: DeskStore;
  audit: AuditLog;
  clock: Clock;
  emit(): void;
}

export class Desk {
  readonly handlers: DeskHandlers;
  private readonly clock: Clock;
  private readonly events: DeskEvents;
  private readonly store: DeskStore;
  private readonly settings: SettingsService;
  private readonly audit: AuditLog;
  private readonly outbox: DeskPresses;
  private readonly storage: StorageWatch;
  private readonly files: DurableFiles & { own: boolean; unsubscribe(): void };
  private readonly readiness: ReadinessTracker;
  private readonly sites: SitesService;
  private readonly callouts: CalloutsService;
  private readonly presses: PressService;
  private readonly training: TrainingPractice;
  private readonly skippedItems = new SkippedItemsReporter();
  private readonly confirm: ConfirmWatch;
  /** What of the history may ride along, as last derived, and from what (recentWork). */
  private digest: { history: readonly Callout[]; views: number; minute: number; digest: HistoryDigest } | null = null;
  /** Issue 24: a monitor (policy `role`) shows every site, raises nothing and polls at its own pace. */
  private readonly monitor: MonitorPace | null;

  constructor(private readonly opts: DeskOptions) {
    const clock = (this.clock = opts.clock ?? systemClock);
    const pace = { clock, probe: () => this.callouts.probe(), everyMs: opts.timing?.movingMs, random: opts.random };
    this.monitor = opts.policy && isMonitor(opts.policy.policy) ? new MonitorPace(pace) : null;
    const events = (this.events = new DeskEvents(clock, () => this.getState()));
    const notice = events.notice.bind(events);
    this.confirm = new ConfirmWatch(clock, () => events.emit());
    this.store = new DeskStore({ ...opts, now: () => clock.now(), report: notice });
    for (const problem of opts.startupProblems ?? []) notice('warning', problem);
    this.files = openDeskFiles(opts, { clock, events, deskName: () => this.deskName() });
    ({ audit: this.audit, storage: this.storage } = this.files);
    this.outbox = this.files.ledger.viewFor(pressTargetOf(opts));
    const base = { api: opts.api, store: this.store, audit: this.audit, clock, emit: () => events.emit() };
    this.settings = new SettingsService({ ...base, hostName: opts.hostName, siteName: (id) => this.sites.nameOf(id) });
    this.readiness = this.openReadiness();
    let cancel: CancelService;
    ({ sites: this.sites, callouts: this.callouts, presses: this.presses, cancel } = this.openServices(base, notice));
    this.training = new TrainingPractice({
      ...base,
      control: opts.training ?? null,
      refresh: async (id) => (await this.callouts.refresh(id, { details: true, events: true })).stage,
      followAllMoving: () => this.callouts.followAllMoving(),
    });
    const { sites, callouts, presses, settings, training, audit } = this;
    const state = (): DeskState => this.getState();
    const history = (): Callout[] => closedCallouts(this.store.callouts.all().map((c) => this.store.shown(c)));
    this.handlers = commandTable({
      state,
      history,
      sites,
      callouts,
      presses,
      cancel,
      settings,
      training,
      audit,
      events,
    });
    if (opts.policy) this.applyPolicy(opts.policy.policy, opts.policy.view);
  }

  /** The desk's name in the audit log and in messages to AURA: the setting, else the computer's name. */
  deskName(): string {
    // From the store, not the settings service: the audit log may write while the desk opens.
    return deskNameOf(this.store.settings, this.opts.hostName);
  }

  /**
   * Applies the administrator's policy (policy.ts): its settings, and what the screen shows as
   * locked. Locked commands are refused by the host before they reach the desk (policy-guard.ts).
   */
  applyPolicy(policy: Policy, view: PolicyState): void {
    this.settings.applyPolicy(policy, view);
  }

  /** Resumes unsent presses, polls tracked callouts again, syncs sites, starts readiness checks. */
  async start(): Promise<void> {
    this.store.pruneHistory(this.clock.now());
    // The first live connection to open takes the presses made while none was open (issue 20).
    const target = this.outbox.target;
    if (target && target.environment !== 'training') this.files.ledger.claim(target);
    this.callouts.recoverFollowed();
    // A monitor sends nothing by itself: presses made before the switch wait for a choice.
    if (this.monitor) holdPressesForChoice(this.outbox);
    this.presses.dispatcher.resumeAll();
    this.callouts.followOpen();
    this.readiness.start();
    if (this.opts.api) this.monitor?.start();
    await this.training.readTruth();
    await this.sites.sync().catch(() => undefined);
  }

  /** Stops everything; from here on the desk makes no request and writes no press. */
  stop(): void {
    this.outbox.stop();
    this.files.unsubscribe();
    if (this.files.own) this.storage.stop();
    this.presses.dispatcher.stop();
    this.monitor?.stop();
    this.callouts.stop();
    this.readiness.stop();
    this.confirm.stop();
    this.settings.stop();
    this.events.clear();
  }

  onChange(listener: (state: DeskState) => void): () => void {
    return this.events.onChange(listener);
  }

  getState(): DeskState {
    const { store, settings } = this;
    const shown = this.monitor ? null : settings.current.shownSiteIds;
    const sites = shown ? shown.flatMap((id) => store.sites.filter((site) => site.id === id)) : store.sites;
    const env = this.opts.environment;
    const recent = this.recentWork();
    const state: DeskState = {
      environment: env,
      connection: this.opts.connection ?? { environment: env, baseUrl: null, clientId: null, hasSecret: false },
      readiness: this.readiness.current,
      sites,
      allSites: store.sites,
      lastSyncAt: store.lastSyncAt,
      // Another connection's press is NOT SENT by this desk, whatever its age: it is never sent from here.
      presses: [
        ...recentPresses(this.outbox.all(), recent.callouts, MAX_RECENT_DONE).map((press) => this.confirm.view(press)),
        ...this.outbox.elsewhere().map((press) => ({ ...press, phase: 'notSent' as const })),
      ],
      pressesElsewhere: this.outbox.elsewhere().map((p) => this.elsewhere(p)),
      ...recent,
      settings: settings.current,
      training: this.training.state,
      hotkey: {
        ...settings.hotkey,
        siteId: hotkeySiteOf(
          settings.current,
          settings.policy,
          sites.map((s) => s.id),
        ),
      },
      notices: this.events.notices,
      policy: settings.policyView,
    };
    // A monitor registers no hotkey (main unregisters an empty one) and its tray raises nothing.
    return this.monitor ? monitorState(state, this.settings.policy) : state;
  }

  /** The callouts as shown (a cancelled view in place of its callout): recent work, and the history left out. */
  private recentWork(): Pick<DeskState, 'callouts' | 'historyCount'> {
    // The history's part is kept until the history, the duress views or the minute change: a
    // state is read at every update, and 30 days of callouts must not cost each one (bench history).
    const { store } = this;
    const key = {
      history: store.callouts.history,
      views: store.duressViews.changes,
      minute: Math.floor(this.clock.now() / 60_000),
    };
    let kept = this.digest;
    if (!kept || kept.history !== key.history || kept.views !== key.views || kept.minute !== key.minute) {
      const shown = key.history.map((c) => store.shown(c));
      kept = this.digest = { ...key, digest: digestHistory(shown, this.clock.now()) };
    }
    const { shown, left } = recentFrom(
      kept.digest,
      store.callouts.live.map((c) => store.shown(c)),
    );
    return { callouts: shown, historyCount: left };
  }

  /** The connection this desk's presses belong to (null: it has no live connection). */
  get pressTarget(): PressTarget | null {
    return this.outbox.target;
  }

  /** A notice for the operator from outside the desk (the host: e.g. an enrolment's outcome). */
  tell(level: 'warning' | 'error', text: string): void {
    this.events.notice(level, text);
  }

  /** The one storage notice, when the desk host's storage watch shows or clears it. */
  showStorageNotice(text: string | null): void {
    this.events.showStorageNotice(text);
  }

  private elsewhere(press: Press): PressElsewhere {
    const canSendNow = this.opts.canSendElsewhere?.(press) ?? false;
    return { pressId: press.id, environment: press.target?.environment ?? null, canSendNow };
  }

  /** A press (desk/presses.ts): written before any network I/O, then sent; never throws. */
  trigger(siteId: string, source: Press['source']): Press {
    if (this.monitor) throw new MonitorRefusal('raise');
    const press = this.presses.trigger(siteId, source);
    this.confirm.watch(press);
    return press;
  }

  /**
   * AURA list items skipped for failing their schema (issue 10 item 8): each goes to the audit log
   * once; the lines are returned for the diagnostics log.
   */
  recordSkippedItems(report: SkippedItems): string[] {
    const lines = this.skippedItems.linesFor(report);
    for (const line of lines) this.audit.record('failure', line.text, line.data);
    return lines.map((line) => line.text);
  }

  /** Records a change of AURA connection in the audit log: environment and client id, never the secret. */
  recordCredentialsChange(before: Connection, after: Connection): void {
    this.audit.record(...credentialsChanged(before, after));
  }

  /** Main reports whether the global hotkey (or each site key, issue 24) could be registered, and why not. */
  setHotkeyStatus(status: HotkeyReport): void {
    this.settings.setHotkeyStatus(status);
  }

  /**
   * The global hotkey fired. During a "test the hotkey" step it only confirms the test (no
   * callout); otherwise it raises a silent callout for the hotkey's site.
   */
  hotkeyPressed(): 'tested' | 'raised' | 'noSite' {
    if (this.monitor) return 'noSite';
    if (this.settings.confirmTest()) return 'tested';
    const siteId = this.getState().hotkey.siteId;
    if (!siteId) return 'noSite';
    this.trigger(siteId, 'hotkey'); // never throws
    return 'raised';
  }

  /** The services that talk to AURA, wired to each other and to readiness. */
  private openServices(base: ServiceBase, notice: DeskEvents['notice']) {
    const { opts } = this;
    const onFailure = (error: unknown): void => this.readiness.recordFailure(error);
    const onContact = (latencyMs?: number): void => this.contact(latencyMs);
    const sites = new SitesService({
      ...base,
      activeCalloutFor: (siteId) => callouts.activeCalloutFor(siteId),
      unshow: (siteId) => this.settings.unshow(siteId),
      onContact,
      onFailure,
    });
    const siteName = (siteId: string): string => sites.nameOf(siteId);
    const tuning = { timing: opts.timing, random: opts.random, log: opts.log };
    const callouts: CalloutsService = new CalloutsService({
      ...base,
      ...tuning,
      timing: this.monitor ? monitorTiming(opts.timing) : opts.timing,
      hideDuress: () => this.monitor !== null && this.settings.policy.monitorRevealsDuress !== true,
      outbox: this.outbox,
      siteName,
      // A monitor follows the callouts of every site of its client.
      shownSites: () => (this.monitor ? this.store.sites : this.getState().sites),
      onContact,
      onFailure,
      onSent: () => this.storage.noteSent(),
    });
    const services = { sites, callouts, settings: this.settings };
    const presses = new PressService({
      ...base,
      ...tuning,
      ...services,
      outbox: this.outbox,
      onContact,
      onFailure,
      notice,
    });
    const cancel = new CancelService({
      ...base,
      ...services,
      log: opts.log,
      policy: () => this.settings.policy,
      deskName: () => this.deskName(),
      siteName,
      checkCode: opts.checkCode,
    });
    return { sites, callouts, presses, cancel };
  }

  private openReadiness(): ReadinessTracker {
    const { opts } = this;
    return new ReadinessTracker({
      environment: opts.environment,
      clock: this.clock,
      configProblem: opts.configProblem ?? null,
      // The probe is the poll cycle's list read: no request of its own while callouts are followed.
      probe: opts.api ? () => this.callouts.probe() : null,
      // A press AURA has not confirmed in time means a press now might not arrive either.
      retrying: () =>
        this.presses.dispatcher.retrying ||
        this.outbox.pending().some((press) => this.confirm.view(press).phase === 'notConfirmed'),
      onChange: () => this.events.emit(),
      everyMs: opts.timing?.readinessEveryMs,
      random: opts.random ?? Math.random,
    });
  }

  /** Any successful AURA contact: readiness knows, and presses parked on credentials resume. */
  private contact(latencyMs?: number): void {
    this.readiness.recordContact(latencyMs);
    this.presses.dispatcher.resumeParked();
  }
}

/** The connection a desk's presses belong to: Training, its live connection, or null while it has none. */
export function pressTargetOf(opts: Pick<DeskOptions, 'environment' | 'api' | 'connection'>): PressTarget | null {
  if (!opts.api) return null;
  if (opts.environment === 'training') return { environment: 'training', baseUrl: null, clientId: null };
  return {
    environment: opts.environment,
    baseUrl: opts.connection?.baseUrl ?? null,
    clientId: opts.connection?.clientId ?? null,
  };
}
