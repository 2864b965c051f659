// The application service: implements every contract command, owns the desk's state and emits
// `state.changed` whenever it moves. Both hosts (Electron main and the web harness) wrap this
// same class; nothing here knows about windows, IPC or WebSockets.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { CommandName } from '../shared/command-names';
import type { CommandOutput, CommandParsedInput } from '../shared/contract';
import { SiteSchema, type Site } from '../shared/model/site';
import { CalloutSchema, type Callout } from '../shared/model/callout';
import { type Press, NEW_PRESS_STATE } from '../shared/model/press';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../shared/model/settings';
import type { Connection, Environment } from '../shared/model/connection';
import {
  TrainingStateSchema,
  type DeskState,
  type HotkeyState,
  type Notice,
  type PolicyState,
  type TrainingState,
  UNMANAGED,
} from '../shared/model/desk-state';
import type { CalloutRead, SkippedItems } from './aura/client';
import type { AuraCallout } from './aura/schemas';
import { describeError } from './aura/errors';
import type { FixedLocation, FixedLocationInput } from './aura/locations';
import { AuditLog } from './audit';
import { Dispatcher, type DispatchApi, type SentHow } from './dispatch/dispatcher';
import { classifyCode, codeCheck, duressMessage, maskClosed, maskedAsCancelled } from './duress';
import { Outbox } from './dispatch/outbox';
import { CalloutFollower, settledForMs } from './dispatch/follow';
import { Poller, type PollOutcome } from './dispatch/poller';
import { addNote, applySnapshot, calloutFromPress, type TimelineEvent } from './dispatch/timeline';
import { applyPolicyToSettings, settingsFromPolicy, type Policy } from './policy';
import { silentLogger, systemClock, type Clock, type KeyValueStore, type Logger } from './ports';
import { addedToCalloutWords, MAY_HOLD_TWO, PRESS_SOURCE_WORDS, pressedAgainMessage } from './press-words';
import { ReadinessTracker, type ConfigProblem } from './readiness';
import { StorageWatch, type Saver } from './storage-watch';
import type { StoragePort } from './storage/port';
import { locationInputFrom, siteFromLocation } from './sites';
import { SkippedItemsReporter } from './skipped-items';
import { readValidated } from './storage/validated';
import { exportAuditCsv } from './audit-csv';
import { checkAccelerator } from '../shared/accelerator';
import { settingWords } from '../shared/setting-words';
import type { TrainingControl } from './training';

/** What the desk needs of AURA (an AuraClient behind `deskApiFor` in desk-api.ts). */
export interface DeskApi extends DispatchApi {
  getCallout(calloutId: string): Promise<CalloutRead>;
  listCalloutEvents(calloutId: string): Promise<TimelineEvent[]>;
  listCancelReasons(calloutId: string): Promise<Array<{ id: number; text: string }>>;
  cancelCallout(calloutId: string, reason: { id: number; notes: string }): Promise<CalloutRead>;
  listFixedLocations(): Promise<FixedLocation[]>;
  createFixedLocation(input: FixedLocationInput): Promise<FixedLocation>;
  updateFixedLocation(auraId: number, input: FixedLocationInput): Promise<FixedLocation>;
  deleteFixedLocation(auraId: number): Promise<void>;
}

export interface DeskOptions {
  environment: Environment;
  /** Null when no credentials are configured: presses are queued and shown as not sent. */
  api: DeskApi | null;
  store: KeyValueStore;
  /** Where the outbox and the audit log live. */
  dataDir: string;
  /** The non-secret part of the AURA connection, for the renderer. */
  connection?: Connection;
  /** Why a press cannot be attempted at all (no credentials, no keychain); null when it can. */
  configProblem?: ConfigProblem;
  /** Problems found while opening the store, to tell the operator once. */
  startupProblems?: string[];
  training?: TrainingControl | null;
  /** The administrator's policy in force (policy.ts) and its view for the screen. */
  policy?: { policy: Policy; view: PolicyState };
  clock?: Clock;
  /** The diagnostics log (dispatch and polling decisions). */
  log?: Logger;
  random?: () => number;
  /** This computer's name: the desk's name in AURA events when Settings gives none. */
  hostName?: string;
  /** File I/O of the outbox and the audit log (tests inject disk faults here). */
  storage?: StoragePort;
  /** Poll intervals and retry delays; tests shorten them. */
  timing?: {
    movingMs?: number;
    settledMs?: number;
    retryDelaysMs?: readonly number[];
    settleAfterTimeoutMs?: number;
    readinessEveryMs?: number;
    /** How long a callout stays completed or cancelled before the desk stops following it (24 h). */
    unfollowAfterMs?: number;
    storageRetryMs?: number;
  };
}

/** One handler per contract command, given the payload after its schema (defaults applied). */
export type Handlers = { [N in CommandName]: (input: CommandParsedInput<N>) => Promise<CommandOutput<N>> };
type Listener = (state: DeskState) => void;

/** Closed callouts stay in the history this long. */
const HISTORY_MS = 30 * 24 * 3600 * 1000;

export class Desk {
  private readonly clock: Clock;
  private readonly outbox: Outbox;
  private readonly dispatcher: Dispatcher;
  private readonly poller: Poller;
  private readonly follower: CalloutFollower;
  private readonly readiness: ReadinessTracker;
  private readonly audit: AuditLog;
  private readonly storage: StorageWatch;
  private storageNoticeId: string | null = null;
  private stopped = false;
  private readonly listeners = new Set<Listener>();
  private readonly keys: { sites: string; callouts: string; lastSync: string; views: string };
  private sites: Site[];
  private callouts: Callout[];
  private lastSyncAt: number | null;
  private settings: Settings;
  private notices: Notice[] = [];
  private hotkey: HotkeyState = { registered: false, error: null, testing: false, lastTestOkAt: null };
  private emitQueued = false;
  /** The last failure written to the audit log for each press, to log changes, not repeats. */
  private readonly lastFailureLogged = new Map<string, string>();
  private readonly skippedItems = new SkippedItemsReporter();
  private training: TrainingState;
  private policy: Policy = {};
  private policyView: PolicyState = UNMANAGED;
  /** Callouts shown as cancelled while still followed (a duress cancel, duress.ts), by id. */
  private masks: Map<string, Callout>;
  /** Messages this desk sent, per callout, in this run (their timeline entries say "This desk"). */
  private readonly sentTexts = new Map<string, ReadonlySet<string>>();

  constructor(private readonly opts: DeskOptions) {
    const env = opts.environment;
    this.clock = opts.clock ?? systemClock;
    // Sites and callouts are kept per environment, so that switching never mixes them. (No dots
    // in keys: electron-store and conf read a dot as a path into a nested object.)
    this.keys = {
      sites: `sites-${env}`,
      callouts: `callouts-${env}`,
      lastSync: `lastSyncAt-${env}`,
      views: `calloutViews-${env}`,
    };
    const report = (problem: string): void => this.notice('warning', problem);
    const backupDir = join(opts.dataDir, 'backups');
    const now = this.clock.now();
    this.settings = readValidated(opts.store, 'settings', SettingsSchema, DEFAULT_SETTINGS, backupDir, now, report);
    this.sites = readValidated(opts.store, this.keys.sites, z.array(SiteSchema), [], backupDir, now, report);
    this.callouts = readValidated(opts.store, this.keys.callouts, z.array(CalloutSchema), [], backupDir, now, report);
    this.masks = new Map(
      readValidated(opts.store, this.keys.views, z.array(CalloutSchema), [], backupDir, now, report).map((c) => [
        c.id,
        c,
      ]),
    );
    this.training = readValidated(
      opts.store,
      'trainingPractice',
      TrainingStateSchema,
      { autoplay: false, fault: null },
      backupDir,
      now,
      report,
    );
    this.lastSyncAt = readValidated(
      opts.store,
      this.keys.lastSync,
      z.number().nullable(),
      null,
      backupDir,
      now,
      report,
    );
    for (const problem of opts.startupProblems ?? []) report(problem);

    this.audit = new AuditLog(
      opts.dataDir,
      () => this.deskName(),
      () => this.clock.now(),
      opts.storage,
    );
    if (!this.audit.chain.ok && this.audit.chain.problem) this.notice('error', this.audit.chain.problem);
    if (this.audit.chain.repaired) this.notice('warning', `The audit log was repaired: ${this.audit.chain.repaired}.`);

    const opened = Outbox.open(join(opts.dataDir, `outbox-${env}.json`), now, opts.storage);
    this.outbox = opened.outbox;
    if (opened.problem) {
      this.notice('error', opened.problem);
      this.audit.record('failure', opened.problem);
    }
    this.storage = new StorageWatch({
      clock: this.clock,
      everyMs: opts.timing?.storageRetryMs,
      savers: [
        savingOf(
          () => this.outbox.retrySave(),
          () => this.outbox.saveProblem,
        ),
        savingOf(
          () => this.audit.flush(),
          () => this.audit.saveProblem,
        ),
      ],
      show: (text) => this.showStorageNotice(text),
    });
    this.outbox.onSaveProblem = () => this.storage.check();
    this.audit.onSaveProblem = () => this.storage.check();
    this.storage.check(); // a write that already failed while opening

    this.readiness = new ReadinessTracker({
      environment: env,
      clock: this.clock,
      configProblem: opts.configProblem ?? null,
      // The probe is the poll cycle's list read: no request of its own while callouts are followed.
      probe: opts.api ? () => this.poller.probe() : null,
      retrying: () => this.dispatcher.retrying,
      onChange: () => this.emit(),
      everyMs: opts.timing?.readinessEveryMs,
      random: opts.random ?? Math.random,
    });
    this.dispatcher = new Dispatcher({
      outbox: this.outbox,
      clock: this.clock,
      api: opts.api,
      random: opts.random,
      delaysMs: opts.timing?.retryDelaysMs,
      settleAfterTimeoutMs: opts.timing?.settleAfterTimeoutMs,
      auraIdOf: (id) => this.auraIdOf(id),
      follows: (calloutId) => this.follows(calloutId),
      againMessage: (press) => pressedAgainMessage(press, this.deskName()),
      staleAfterMs: () => this.settings.stalePressMinutes * 60_000,
      onSent: (press, calloutId, snapshot, how) => this.pressSent(press, calloutId, snapshot, how),
      onStale: (press) =>
        this.audit.record(
          'press',
          `Panic for ${this.siteName(press.siteId)} not confirmed sent within ${this.settings.stalePressMinutes} min: retrying stopped, the operator is asked whether it is still needed`,
          { press: press.id, site: press.siteId },
        ),
      onFailure: (press, error) => {
        this.readiness.recordFailure(error);
        // While AURA stays unreachable a press is retried every 10 s: log the first failure, each
        // change of reason, and every 30th attempt, not thousands of identical lines a day.
        const why = describeError(error);
        if (this.lastFailureLogged.get(press.id) === why && press.attempts % 30 !== 0) return;
        this.lastFailureLogged.set(press.id, why);
        this.audit.record('failure', `Panic for ${this.siteName(press.siteId)} not sent: ${why}`, {
          press: press.id,
          site: press.siteId,
          attempt: press.attempts,
        });
      },
      onContact: () => this.contact(),
      onChange: () => this.emit(),
      log: opts.log ?? silentLogger,
    });
    this.poller = new Poller({
      clock: this.clock,
      random: opts.random,
      movingMs: opts.timing?.movingMs,
      settledMs: opts.timing?.settledMs,
      unfollowAfterMs: opts.timing?.unfollowAfterMs,
      readActive: () => this.requireApi().listActiveCallouts(),
      refresh: (id, what) => this.refreshCallout(id, what),
      discover: (listed) => this.follower.discover(listed),
      onContact: (latencyMs) => this.contact(latencyMs),
      onError: (_id, error) => this.readiness.recordFailure(error),
      onUnfollow: (id) => this.follower.unfollow(id),
      log: opts.log ?? silentLogger,
    });
    this.follower = new CalloutFollower({
      api: opts.api,
      clock: this.clock,
      callouts: () => this.callouts,
      put: (callout) => this.putCallout(callout),
      audit: (kind, text, data) => this.audit.record(kind, text, data),
      siteName: (siteId) => this.siteName(siteId),
      sites: () => this.getState().sites,
      pressPendingFor: (siteId) => this.outbox.pending().some((p) => p.siteId === siteId),
      onContact: () => this.contact(),
      emit: () => this.emit(),
      isMasked: (id) => this.masks.has(id),
      onRead: (next, now) => this.maskProgress(next, now),
      sentTexts: (id) => this.sentTexts.get(id) ?? new Set(),
    });
    if (opts.policy) this.applyPolicy(opts.policy.policy, opts.policy.view);
  }

  /** The desk's name in the audit log and in messages to AURA: the setting, else the computer's name. */
  deskName(): string {
    return this.settings.deskName.trim() || this.opts.hostName || hostname() || 'unnamed desk';
  }

  /**
   * Applies the administrator's policy (policy.ts): its settings, and what the screen shows as
   * locked. Locked commands are refused by the host before they reach the desk (policy-guard.ts).
   */
  applyPolicy(policy: Policy, view: PolicyState): void {
    this.policy = policy;
    this.policyView = view;
    const appliedBefore = readValidated(
      this.opts.store,
      'policyApplied',
      SettingsSchema.partial(),
      {},
      join(this.opts.dataDir, 'backups'),
      this.clock.now(),
      (problem) => this.notice('warning', problem),
    );
    const next = SettingsSchema.parse(applyPolicyToSettings(this.settings, policy, appliedBefore));
    const changed = (Object.keys(next) as Array<keyof Settings>).filter(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(this.settings[k]),
    );
    this.settings = next;
    this.opts.store.set('settings', next);
    this.opts.store.set('policyApplied', settingsFromPolicy(policy));
    if (changed.length > 0) this.audit.record('settings', `Set by your organisation's policy: ${changed.join(', ')}`);
    this.emit();
  }

  /** The policy in force (cancel codes, the stale-press limit). */
  get managedPolicy(): Policy {
    return this.policy;
  }

  /** Resumes unsent presses, polls tracked callouts again, syncs sites, starts readiness checks. */
  async start(): Promise<void> {
    this.pruneHistory();
    this.recoverFollowed();
    this.dispatcher.resumeAll();
    const now = this.clock.now();
    for (const c of this.callouts) {
      if (c.stage === 'closed') continue;
      this.poller.track(c.id, c.stage, 0, {
        status: c.rawStatus,
        raisedHere: !c.raisedElsewhere,
        unfollowed: c.unfollowedAt != null,
        settledForMs: settledForMs(c, now),
      });
    }
    this.readiness.start();
    await this.readTrainingTruth();
    await this.syncSites().catch(() => undefined);
  }

  /** Training: show what the simulator is really practising, not what was saved before a restart. */
  private async readTrainingTruth(): Promise<void> {
    if (!this.opts.training) return;
    const real = await this.opts.training.read().catch(() => null);
    if (real && (real.fault !== this.training.fault || real.autoplay !== this.training.autoplay))
      this.setTraining(real);
  }

  stop(): void {
    this.stopped = true;
    this.storage.stop();
    this.dispatcher.stop();
    this.poller.stop();
    this.readiness.stop();
    this.listeners.clear();
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  getState(): DeskState {
    const shown = this.settings.shownSiteIds;
    const sites = shown ? shown.flatMap((id) => this.sites.filter((site) => site.id === id)) : this.sites;
    return {
      environment: this.opts.environment,
      connection: this.opts.connection ?? {
        environment: this.opts.environment,
        baseUrl: null,
        clientId: null,
        hasSecret: false,
      },
      readiness: this.readiness.current,
      sites,
      allSites: this.sites,
      lastSyncAt: this.lastSyncAt,
      presses: this.outbox.all(),
      callouts: this.callouts.map((c) => this.masks.get(c.id) ?? c),
      settings: this.settings,
      training: this.opts.training ? this.training : null,
      hotkey: this.hotkey,
      notices: this.notices,
      policy: this.policyView,
    };
  }

  readonly handlers: Handlers = {
    'state.get': async () => this.getState(),
    'panic.trigger': async ({ siteId }) => this.trigger(siteId, 'button'),
    'press.dismiss': async ({ pressId }) => {
      const press = this.outbox.get(pressId);
      if (!press) throw new Error('No such press');
      // Never drop a panic that may still get through: only a refused one can be put away.
      if (press.status !== 'failed') throw new Error('Only a panic that AURA refused can be dismissed');
      this.outbox.update(pressId, { dismissed: true });
      this.audit.record('press', `Refused panic for ${this.siteName(press.siteId)} dismissed by the operator`, {
        press: pressId,
      });
      this.emit();
      return {};
    },
    'press.sendNow': async ({ pressId }) => {
      const press = this.stalePress(pressId);
      this.audit.record('press', `Stale panic for ${this.siteName(press.siteId)}: the operator chose "Send now"`, {
        press: pressId,
      });
      this.dispatcher.sendNow(pressId);
      return {};
    },
    'press.putAway': async ({ pressId }) => {
      const press = this.stalePress(pressId);
      this.outbox.update(pressId, {
        status: 'failed',
        stale: false,
        dismissed: true,
        lastError: 'Put away by the operator, who phoned the control room',
      });
      this.audit.record(
        'press',
        `Stale panic for ${this.siteName(press.siteId)} put away: the operator phoned the control room`,
        { press: pressId },
      );
      this.emit();
      return {};
    },
    'callout.reasons': async ({ calloutId }) => this.requireApi().listCancelReasons(this.calloutOf(calloutId).id),
    'callout.cancel': async ({ calloutId, reasonId, notes, code }) => this.cancel(calloutId, reasonId, notes, code),
    'callout.message': async ({ calloutId, text }) => {
      const callout = this.calloutOf(calloutId);
      // Remembered first: AURA's event stream is what puts it on the timeline, marked as ours.
      this.sentTexts.set(callout.id, new Set([...(this.sentTexts.get(callout.id) ?? []), text]));
      await this.requireApi().sendCalloutEvent(callout.id, text);
      this.audit.record('message', `Message to the control room on callout ${callout.id}: ${text}`, {
        callout: callout.id,
      });
      // The message shows from AURA's event stream at once; a reply is then looked for sooner.
      await this.refreshCallout(callout.id, { details: false, events: true }).catch(() => undefined);
      this.poller.expectReply(callout.id);
      return { sent: true as const };
    },
    // The host (desk-host.ts) saves credentials and replaces this desk with one for the new environment.
    'setup.saveCredentials': async () => {
      throw new Error('Credentials are saved by the desk host, not by a desk');
    },
    'diagnostics.export': async () => {
      throw new Error('Diagnostics are exported by the desk host, not by a desk');
    },
    'setup.fullCheck': async () => {
      throw new Error('The full check is run by the desk host, not by a desk');
    },
    'sites.sync': async () => {
      await this.syncSites();
      return this.sites;
    },
    'sites.choose': async ({ shownSiteIds }) => {
      this.updateSettings({ shownSiteIds });
      return {};
    },
    'sites.create': async (input) => {
      if (this.sites.some((site) => site.id === input.externalReferenceId)) {
        throw new Error(`A site with reference "${input.externalReferenceId}" already exists`);
      }
      const created = await this.requireApi().createFixedLocation(locationInputFrom(input));
      this.audit.record('site', `Site registered: ${created.name} (${created.externalReferenceId})`, {
        site: created.externalReferenceId,
      });
      await this.syncSites();
      return siteFromLocation(created);
    },
    'sites.update': async (input) => {
      const site = this.siteOf(input.externalReferenceId);
      const updated = await this.requireApi().updateFixedLocation(
        this.auraIdOrThrow(site),
        locationInputFrom(input, site),
      );
      this.audit.record('site', `Site edited: ${updated.name} (${updated.externalReferenceId})`, { site: site.id });
      await this.syncSites();
      return siteFromLocation(updated);
    },
    'sites.delete': async ({ siteId }) => {
      const site = this.siteOf(siteId);
      if (this.activeCalloutFor(siteId)) {
        throw new Error(`${site.name} has an active callout; it can be deleted once AURA closes the callout`);
      }
      await this.requireApi().deleteFixedLocation(this.auraIdOrThrow(site));
      this.audit.record('site', `Site deleted: ${site.name} (${site.id})`, { site: site.id });
      const shown = this.settings.shownSiteIds;
      if (shown?.includes(siteId)) this.updateSettings({ shownSiteIds: shown.filter((id) => id !== siteId) });
      await this.syncSites();
      return {};
    },
    'settings.update': async (patch) => {
      // The same rule main applies before globalShortcut: a reserved combination is never saved.
      const hotkey = patch.hotkey ? checkAccelerator(patch.hotkey) : null;
      if (hotkey && !hotkey.ok) throw new Error(`Hotkey not saved: ${hotkey.error}`);
      return this.updateSettings(hotkey ? { ...patch, hotkey: hotkey.accelerator } : patch);
    },
    'hotkey.test': async ({ action }) => {
      this.hotkey = { ...this.hotkey, testing: action === 'start' };
      this.emit();
      return {};
    },
    'training.advance': async ({ calloutId, step }) => {
      await this.requireTraining().advance(calloutId, step);
      const outcome = await this.refreshCallout(calloutId, { details: true, events: true });
      return { stage: outcome.stage };
    },
    'training.autoplay': async ({ on }) => {
      await this.requireTraining().setAutoplay(on);
      this.setTraining({ autoplay: on });
      // Autoplay moves callouts on its own: poll them at the moving pace again.
      for (const c of this.callouts)
        if (c.stage !== 'closed') this.poller.track(c.id, 'created', 0, { unfollowed: false });
      return {};
    },
    'training.fault': async ({ fault }) => {
      await this.requireTraining().setFault(fault);
      this.setTraining({ fault });
      this.audit.record(
        'settings',
        fault ? `Training: practising a network failure (${fault})` : 'Training: network failure practice ended',
      );
      return {};
    },
    'audit.list': async ({ text, limit }) => {
      const { entries, chain } = this.audit.list(text, limit);
      return { entries, chainOk: chain.ok, problem: chain.problem };
    },
    'audit.exportCsv': async ({ text }) => ({
      csv: exportAuditCsv(this.audit, text),
    }),
    'notice.dismiss': async ({ id }) => {
      this.notices = this.notices.filter((n) => n.id !== id);
      this.emit();
      return {};
    },
  };

  /**
   * A press: written before any network I/O, then sent. Always accepted and never throws,
   * whatever the network or the disk does (a press that cannot be saved is sent from memory).
   * A press on a site whose callout is still active raises too: AURA answers with its callout,
   * and the press reaches the control room as an event on it.
   */
  trigger(siteId: string, source: Press['source']): Press {
    const press: Press = {
      id: randomUUID(),
      siteId,
      source,
      pressedAt: this.clock.now(),
      dismissed: false,
      ...NEW_PRESS_STATE,
    };
    // Each step on its own: a failure of one (the disk, a listener) must not stop the next.
    const steps = [
      () => this.outbox.add(press),
      () => this.dispatcher.dispatch(press.id),
      () =>
        this.audit.record('press', `${PRESS_SOURCE_WORDS[source]}: ${this.siteName(siteId)}`, {
          press: press.id,
          site: siteId,
          source,
        }),
      () => this.emit(),
    ];
    for (const step of steps) {
      try {
        step();
      } catch (error) {
        this.notice('error', `Panic Desk had a problem handling this press: ${describeError(error)}`);
      }
    }
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
    // The URLs on both sides are recorded: a desk re-pointed at another server must show in the log.
    const describe = (c: Connection) =>
      c.environment === 'training' ? 'Training' : `${c.environment} client ${c.clientId} at ${c.baseUrl}`;
    this.audit.record('credentials', `AURA connection changed: ${describe(before)} → ${describe(after)}`, {
      environment: after.environment,
      clientId: after.clientId,
      previousBaseUrl: before.baseUrl,
      baseUrl: after.baseUrl,
    });
  }

  /** Main reports whether the global hotkey could be registered, and why not. */
  setHotkeyStatus(status: { registered: boolean; error: string | null }): void {
    this.hotkey = { ...this.hotkey, ...status };
    this.emit();
  }

  /**
   * The global hotkey fired. During a "test the hotkey" step it only confirms the test (no
   * callout); otherwise it raises a silent callout for the hotkey's site.
   */
  hotkeyPressed(): 'tested' | 'raised' | 'noSite' {
    if (this.hotkey.testing) {
      this.hotkey = { ...this.hotkey, testing: false, lastTestOkAt: this.clock.now() };
      this.emit();
      return 'tested';
    }
    const siteId = this.settings.hotkeySiteId;
    if (!siteId) return 'noSite';
    this.trigger(siteId, 'hotkey'); // never throws
    return 'raised';
  }

  private pressSent(press: Press, calloutId: string, snapshot: AuraCallout | null, how: SentHow): void {
    const now = this.clock.now();
    const existing = this.callouts.find((c) => c.id === calloutId);
    const site = this.siteName(press.siteId);
    let outcome: string;
    if (existing) {
      // The operator pressed again on a callout shown as cancelled under duress: show it as it is.
      if (this.masks.delete(calloutId)) this.saveMasks();
      const again = press.source === 'hotkey' ? 'Pressed again (silent hotkey)' : 'Pressed again';
      const updated = snapshot ? applySnapshot(existing, snapshot, now) : existing;
      this.replaceCallout(addNote(updated, again, press.pressedAt));
      outcome = addedToCalloutWords(calloutId, existing.pressedAt, updated.stage === 'closed');
      this.audit.record('press', `Second press on ${site} posted to callout ${calloutId} as an event`, {
        press: press.id,
        callout: calloutId,
      });
    } else if (snapshot) {
      this.callouts = [...this.callouts, calloutFromPress(snapshot, press, now)];
      outcome = `AURA ${how === 'raised' ? 'raised' : 'has'} callout ${calloutId}`;
      this.audit.record(how === 'raised' ? 'calloutCreated' : 'calloutAdopted', `Callout ${calloutId} for ${site}`, {
        press: press.id,
        callout: calloutId,
        site: press.siteId,
        status: snapshot.status,
      });
    } else {
      outcome = `AURA has this press on callout ${calloutId}`;
    }
    if (press.mayHoldTwo) {
      outcome = `${outcome}. ${MAY_HOLD_TWO}`;
      this.audit.record(
        'press',
        `${MAY_HOLD_TWO} (${site}): an unanswered raise may have opened a callout that could not be found`,
        {
          press: press.id,
          callout: calloutId,
        },
      );
    }
    this.outbox.update(press.id, { outcome });
    this.storage.noteSent();
    this.saveCallouts();
    const followed = this.callouts.find((c) => c.id === calloutId);
    this.poller.track(calloutId, followed?.stage ?? 'created', undefined, {
      status: followed?.rawStatus ?? snapshot?.status ?? '',
    });
  }

  /** A callout shown as cancelled under duress is shown closed once AURA closes it. */
  private maskProgress(next: Callout, now: number): void {
    const mask = this.masks.get(next.id);
    if (mask && next.stage === 'closed' && mask.stage !== 'closed') {
      this.masks.set(next.id, maskClosed(mask, now));
      this.saveMasks();
    }
  }

  /** Reads a callout in full and/or its events and records what changed (dispatch/follow.ts). */
  private refreshCallout(calloutId: string, what: { details: boolean; events: boolean }): Promise<PollOutcome> {
    return this.follower.read(calloutId, what);
  }

  /** A new or changed callout from a poll: saved, published, and history pruned when it closed. */
  private putCallout(next: Callout): void {
    const known = this.callouts.some((c) => c.id === next.id);
    this.callouts = known ? this.callouts.map((c) => (c.id === next.id ? next : c)) : [...this.callouts, next];
    this.saveCallouts();
    // The app runs for weeks: drop history older than 30 days whenever a callout closes.
    if (next.stage === 'closed') this.pruneHistory();
    this.emit();
  }

  private async syncSites(): Promise<void> {
    const api = this.opts.api;
    if (!api) return;
    try {
      const locations = await api.listFixedLocations();
      this.contact();
      this.sites = locations.map(siteFromLocation);
      this.lastSyncAt = this.clock.now();
      this.opts.store.set(this.keys.sites, this.sites);
      this.opts.store.set(this.keys.lastSync, this.lastSyncAt);
    } catch (error) {
      this.readiness.recordFailure(error);
      throw error;
    } finally {
      this.emit();
    }
  }

  /** Asks AURA to cancel a callout with the operator's reason; the callout stays until AURA closes it. */
  private async cancel(calloutId: string, reasonId: number, notes: string, code?: string): Promise<{ stage: string }> {
    const callout = this.calloutOf(calloutId);
    const codes = this.policy.cancelCodes;
    const used = codes ? classifyCode(code ?? '', codes) : null;
    if (used?.kind === 'wrong') {
      this.audit.record('cancel', `Cancel of callout ${callout.id} refused: wrong cancel code`, {
        callout: callout.id,
      });
      throw new Error(code ? 'Wrong cancel code' : 'Enter the cancel code');
    }
    const api = this.requireApi();
    const reasons = await api.listCancelReasons(callout.id);
    const reason = reasons.find((r) => r.id === reasonId);
    if (!reason) throw new Error(`AURA does not offer reason ${reasonId} for this callout`);
    const note = `Cancel requested by this desk: ${reason.text}${notes.trim() ? ` — ${notes.trim()}` : ''}`;
    const check: Record<string, string> = used ? { codeCheck: codeCheck(used.hash, callout.id) } : {};
    if (used?.kind === 'duress') {
      // Not cancelled at AURA: the control room is told, the screen shows what a cancel shows.
      const at = this.clock.now();
      await api.sendCalloutEvent(callout.id, duressMessage(at, this.deskName()));
      this.masks.set(callout.id, maskedAsCancelled(callout, note, at));
      this.saveMasks();
      this.audit.record('cancel', `Callout ${callout.id} at ${this.siteName(callout.siteId)}: ${note}`, {
        callout: callout.id,
        reason: reason.text,
        ...check,
      });
      this.poller.track(callout.id, callout.stage);
      this.emit();
      return { stage: 'cancelled' };
    }
    const read = await api.cancelCallout(callout.id, { id: reasonId, notes });
    const now = this.clock.now();
    const next = applySnapshot(addNote(this.calloutOf(calloutId), note, now), read.callout, now);
    this.replaceCallout(next);
    this.saveCallouts();
    this.audit.record('cancel', `Callout ${callout.id} at ${this.siteName(callout.siteId)}: ${note}`, {
      callout: callout.id,
      reason: reason.text,
      ...check,
    });
    this.poller.track(callout.id, next.stage, undefined, { status: next.rawStatus });
    this.emit();
    return { stage: next.stage };
  }

  private requireTraining(): TrainingControl {
    if (!this.opts.training) throw new Error('This exists only in Training mode');
    return this.opts.training;
  }

  private setTraining(patch: Partial<TrainingState>): void {
    this.training = { ...this.training, ...patch };
    this.opts.store.set('trainingPractice', this.training);
    this.emit();
  }

  private requireApi(): DeskApi {
    if (!this.opts.api) throw new Error('Panic Desk has no AURA credentials yet: enter them in Setup');
    return this.opts.api;
  }

  private calloutOf(calloutId: string): Callout {
    const callout = this.callouts.find((c) => c.id === calloutId);
    if (!callout) throw new Error(`This desk is not following callout ${calloutId}`);
    return callout;
  }

  private siteOf(siteId: string): Site {
    const site = this.sites.find((s) => s.id === siteId);
    if (!site) throw new Error(`This desk has no site "${siteId}"; sync the sites first`);
    return site;
  }

  private auraIdOrThrow(site: Site): number {
    if (site.auraId === null) throw new Error(`AURA's id for ${site.name} is not known yet; sync the sites first`);
    return site.auraId;
  }

  /** AURA's id of a site; syncs the sites once if this desk does not know it yet. */
  private async auraIdOf(siteId: string): Promise<number | null> {
    const known = this.sites.find((s) => s.id === siteId)?.auraId;
    if (known != null) return known;
    await this.syncSites();
    return this.sites.find((s) => s.id === siteId)?.auraId ?? null;
  }

  /** The desk follows this callout: it has it, or a press of this desk was sent to it. */
  private follows(calloutId: string): boolean {
    return (
      this.callouts.some((c) => c.id === calloutId) ||
      this.outbox.all().some((p) => p.status === 'sent' && p.calloutId === calloutId)
    );
  }

  /**
   * A crash can land after a press was recorded sent but before its callout was saved: read
   * such callouts from AURA again and follow them (retried until AURA answers).
   */
  private recoverFollowed(): void {
    const api = this.opts.api;
    const cutoff = this.clock.now() - HISTORY_MS;
    const missing = this.outbox
      .all()
      .filter((p) => p.status === 'sent' && p.via !== 'event' && p.calloutId !== null && p.pressedAt >= cutoff)
      .filter((p) => !this.callouts.some((c) => c.id === p.calloutId));
    if (!api || missing.length === 0) return;
    void Promise.all(
      missing.map(async (press) => {
        const read = await api.getCallout(press.calloutId as string);
        if (this.callouts.some((c) => c.id === read.callout.id)) return;
        this.callouts = [...this.callouts, calloutFromPress(read.callout, press, this.clock.now())];
        this.saveCallouts();
        this.poller.track(String(read.callout.id), 'created', 0);
        this.emit();
      }),
    ).catch(() => this.clock.setTimeout(() => this.stopped || this.recoverFollowed(), 10_000));
  }

  private stalePress(pressId: string): Press {
    const press = this.outbox.get(pressId);
    if (!press?.stale) throw new Error('Only a panic that is waiting for your choice can be sent now or put away');
    return press;
  }

  /** Any successful AURA contact: readiness knows, and presses parked on credentials resume. */
  private contact(latencyMs?: number): void {
    this.readiness.recordContact(latencyMs);
    this.dispatcher.resumeParked();
  }

  private showStorageNotice(text: string | null): void {
    this.notices = this.notices.filter((n) => n.id !== this.storageNoticeId);
    this.storageNoticeId = null;
    if (text !== null) {
      this.notice('error', text);
      this.storageNoticeId = this.notices[this.notices.length - 1]?.id ?? null;
    }
    this.emit();
  }

  private activeCalloutFor(siteId: string): Callout | undefined {
    return this.callouts.find((c) => c.siteId === siteId && c.stage !== 'closed');
  }

  private siteName(siteId: string): string {
    return this.sites.find((s) => s.id === siteId)?.name ?? siteId;
  }

  private updateSettings(patch: Partial<Settings>): Settings {
    const before = this.settings;
    this.settings = SettingsSchema.parse({ ...this.settings, ...patch });
    this.opts.store.set('settings', this.settings);
    const changed = (Object.keys(patch) as Array<keyof Settings>).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(this.settings[k]),
    );
    if (changed.length > 0) this.audit.record('settings', `Settings changed: ${changed.map(settingWords).join(', ')}`);
    this.emit();
    return this.settings;
  }

  private notice(level: Notice['level'], text: string): void {
    this.notices = [...this.notices, { id: randomUUID(), at: this.clock.now(), level, text }];
    this.emit();
  }

  private replaceCallout(next: Callout): void {
    this.callouts = this.callouts.map((c) => (c.id === next.id ? next : c));
  }

  private pruneHistory(): void {
    const cutoff = this.clock.now() - HISTORY_MS;
    const kept = this.callouts.filter((c) => c.closedAt === null || c.closedAt >= cutoff);
    if (kept.length !== this.callouts.length) {
      this.callouts = kept;
      this.saveCallouts();
      for (const id of this.masks.keys()) if (!kept.some((c) => c.id === id)) this.masks.delete(id);
      this.saveMasks();
    }
  }

  private saveCallouts(): void {
    try {
      this.opts.store.set(this.keys.callouts, this.callouts);
    } catch (error) {
      // Memory stays the truth; the next change saves them again.
      this.notice('error', `This desk cannot save its callouts (${describeError(error)}).`);
    }
  }

  private saveMasks(): void {
    this.opts.store.set(this.keys.views, [...this.masks.values()]);
  }

  /** Coalesces bursts of changes into one state event per tick. */
  private emit(): void {
    if (this.emitQueued || this.listeners.size === 0) return;
    this.emitQueued = true;
    queueMicrotask(() => {
      this.emitQueued = false;
      const state = this.getState();
      for (const listener of this.listeners) listener(state);
    });
  }
}

/** A saver for the storage watch, from its retry and its current problem. */
function savingOf(retry: () => boolean, problem: () => unknown): Saver {
  return {
    retry,
    get problem() {
      return problem();
    },
  };
}
