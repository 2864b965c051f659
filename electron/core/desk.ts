// The application service: implements every contract command, owns the desk's state and emits
// `state.changed` whenever it moves. Both hosts (Electron main and the web harness) wrap this
// same class; nothing here knows about windows, IPC or WebSockets.
import { randomUUID } from 'node:crypto';
import type { CommandName, CommandOutput, CommandParsedInput } from '../shared/contract';
import { z } from 'zod';
import {
  CalloutSchema,
  DEFAULT_SETTINGS,
  SettingsSchema,
  type Callout,
  type DeskState,
  type Environment,
  type HotkeyState,
  type Notice,
  type Press,
  type Readiness,
  type Settings,
  type Site,
} from '../shared/model';
import type { AuraClient } from './aura/client';
import { AuraError, describeError, isPermanent } from './aura/errors';
import { isFinal } from './aura/status';
import { Outbox } from './dispatch/outbox';
import { Poller } from './dispatch/poller';
import { applySnapshot, calloutFromRaise } from './dispatch/timeline';
import { systemClock, type Clock, type KeyValueStore } from './ports';
import { loadSites, saveSites, siteFromLocation } from './sites';
import type { TrainingControl } from './training';

export interface DeskOptions {
  environment: Environment;
  /** Null when no credentials are configured: presses are queued and shown as not sent. */
  client: AuraClient | null;
  store: KeyValueStore;
  training?: TrainingControl | null;
  clock?: Clock;
  pollIntervalMs?: number;
  /** Delays between send attempts; the last one repeats for as long as the app runs. */
  retryDelaysMs?: readonly number[];
}

type Handlers = { [N in CommandName]: (input: CommandParsedInput<N>) => Promise<CommandOutput<N>> };

/** A command whose behaviour is still being built; fails loudly with the issue that brings it. */
function pending(what: string, issue: number): never {
  throw new Error(`${what} is not available yet (issue ${issue})`);
}
type Listener = (state: DeskState) => void;

const CALLOUTS_KEY = 'callouts';
const SETTINGS_KEY = 'settings';
const ENVIRONMENT_NAMES: Record<Environment, string> = {
  training: 'AURA Training (simulator)',
  staging: 'AURA Staging',
  production: 'AURA Production',
  custom: 'AURA (custom URL)',
};

export class Desk {
  private readonly clock: Clock;
  private readonly outbox: Outbox;
  private readonly poller: Poller;
  private readonly listeners = new Set<Listener>();
  private readonly retryDelaysMs: readonly number[];
  private sites: Site[];
  private lastSyncAt: number | null = null;
  private settings: Settings;
  private notices: Notice[] = [];
  private hotkey: HotkeyState = { registered: false, error: null, testing: false, lastTestOkAt: null };
  private callouts: Callout[];
  private readiness: Readiness;
  private stopped = false;
  private readonly retryTimers = new Map<string, () => void>();

  constructor(private readonly opts: DeskOptions) {
    this.clock = opts.clock ?? systemClock;
    this.retryDelaysMs = opts.retryDelaysMs ?? [500, 1000, 2000, 5000, 10_000];
    this.outbox = new Outbox(opts.store);
    this.sites = loadSites(opts.store);
    const savedSettings = SettingsSchema.safeParse({
      ...DEFAULT_SETTINGS,
      ...(opts.store.get(SETTINGS_KEY) as object | undefined),
    });
    // TODO(issue 4): move an unreadable settings file aside and tell the operator.
    this.settings = savedSettings.success ? savedSettings.data : { ...DEFAULT_SETTINGS };
    const saved = z.array(CalloutSchema).safeParse(opts.store.get(CALLOUTS_KEY) ?? []);
    // TODO(issue 4): move an unreadable file aside and tell the operator instead of starting empty.
    this.callouts = saved.success ? saved.data : [];
    this.readiness = opts.client
      ? { level: 'degraded', message: `Connecting to ${ENVIRONMENT_NAMES[opts.environment]}…`, lastContactAt: null }
      : { level: 'notConfigured', message: 'Not configured — presses will be queued', lastContactAt: null };
    this.poller = new Poller({
      clock: this.clock,
      intervalMs: opts.pollIntervalMs ?? 5000,
      poll: (id) => this.refreshCallout(id),
    });
  }

  /** Syncs sites, resumes unsent presses and polls tracked callouts again. */
  async start(): Promise<void> {
    for (const c of this.callouts) if (!isFinal(c.stage)) this.poller.track(c.id);
    for (const p of this.outbox.pending()) void this.send(p.id);
    await this.syncSites();
  }

  stop(): void {
    this.stopped = true;
    this.poller.stop();
    for (const cancel of this.retryTimers.values()) cancel();
    this.retryTimers.clear();
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
      connection: {
        environment: this.opts.environment,
        baseUrl: null,
        clientId: null,
        hasSecret: this.opts.client !== null,
      },
      readiness: this.readiness,
      sites,
      allSites: this.sites,
      lastSyncAt: this.lastSyncAt,
      presses: this.outbox.all(),
      callouts: this.callouts,
      settings: this.settings,
      training: this.opts.training ? { autoplay: false, fault: null } : null,
      hotkey: this.hotkey,
      notices: this.notices,
    };
  }

  readonly handlers: Handlers = {
    'state.get': async () => this.getState(),
    'panic.trigger': async ({ siteId }) => this.trigger(siteId, 'button'),
    'callout.reasons': async () => pending('Cancel reasons', 3),
    'callout.cancel': async () => pending('Cancelling a callout', 3),
    'callout.message': async () => pending('Messages to the control room', 3),
    'setup.saveCredentials': async () => pending('Saving credentials', 5),
    'sites.sync': async () => {
      await this.syncSites();
      return this.sites;
    },
    'sites.choose': async ({ shownSiteIds }) => {
      this.updateSettings({ shownSiteIds });
      return {};
    },
    'sites.create': async () => pending('Registering a site', 6),
    'sites.update': async () => pending('Editing a site', 6),
    'sites.delete': async () => pending('Deleting a site', 6),
    'settings.update': async (patch) => this.updateSettings(patch),
    'hotkey.test': async ({ action }) => {
      this.hotkey = { ...this.hotkey, testing: action === 'start' };
      this.emit();
      return {};
    },
    'training.advance': async ({ calloutId, step }) => {
      if (!this.opts.training) throw new Error('Responder controls exist only in Training mode');
      await this.opts.training.advance(calloutId, step);
      await this.refreshCallout(calloutId);
      const callout = this.callouts.find((c) => c.id === calloutId);
      return { stage: callout?.stage ?? 'unknown' };
    },
    'training.autoplay': async () => pending('Autoplay', 6),
    'training.fault': async () => pending('Practising a network failure', 6),
    'audit.list': async () => pending('The audit log', 4),
    'audit.exportCsv': async () => pending('Audit export', 4),
    'notice.dismiss': async ({ id }) => {
      this.notices = this.notices.filter((n) => n.id !== id);
      this.emit();
      return {};
    },
  };

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
    this.trigger(siteId, 'hotkey');
    return 'raised';
  }

  private updateSettings(patch: Partial<Settings>): Settings {
    this.settings = SettingsSchema.parse({ ...this.settings, ...patch });
    this.opts.store.set(SETTINGS_KEY, this.settings);
    this.emit();
    return this.settings;
  }

  /** A press: recorded durably first, then sent. Always accepted, whatever the network does. */
  trigger(siteId: string, source: Press['source']): Press {
    const press: Press = {
      id: randomUUID(),
      siteId,
      source,
      pressedAt: this.clock.now(),
      status: 'queued',
      attempts: 0,
      lastError: null,
      calloutId: null,
    };
    this.outbox.add(press);
    this.emit();
    void this.send(press.id);
    return press;
  }

  private async send(pressId: string): Promise<void> {
    if (this.stopped) return;
    const press = this.outbox.all().find((p) => p.id === pressId);
    if (!press || press.status === 'sent' || press.status === 'failed') return;
    const client = this.opts.client;
    if (!client) {
      this.outbox.update(pressId, { status: 'notSent', lastError: 'Panic Desk has no AURA credentials' });
      this.emit();
      return;
    }
    const attempts = press.attempts + 1;
    this.outbox.update(pressId, { status: 'sending', attempts });
    this.emit();
    try {
      const snapshot = await client.raiseCallout(press.siteId);
      this.markContact();
      const existing = this.callouts.find((c) => c.id === snapshot.id);
      if (!existing) {
        this.callouts = [...this.callouts, calloutFromRaise(snapshot, press, this.clock.now())];
        this.saveCallouts();
      }
      this.outbox.update(pressId, { status: 'sent', calloutId: snapshot.id, lastError: null });
      this.poller.track(snapshot.id);
    } catch (error) {
      const message = describeError(error);
      if (isPermanent(error)) {
        this.outbox.update(pressId, { status: 'failed', lastError: message });
      } else {
        this.outbox.update(pressId, { status: 'notSent', lastError: message });
        this.markTrouble(error);
        const delay = this.retryDelaysMs[Math.min(attempts - 1, this.retryDelaysMs.length - 1)] ?? 10_000;
        this.retryTimers.set(
          pressId,
          this.clock.setTimeout(() => {
            this.retryTimers.delete(pressId);
            void this.send(pressId);
          }, delay),
        );
      }
    }
    this.emit();
  }

  private async refreshCallout(calloutId: string): Promise<void> {
    const client = this.opts.client;
    const callout = this.callouts.find((c) => c.id === calloutId);
    if (!client || !callout) return;
    try {
      const read = await client.getCallout(calloutId);
      this.markContact();
      const next = applySnapshot(callout, read.callout, this.clock.now());
      if (next !== callout) {
        this.callouts = this.callouts.map((c) => (c.id === calloutId ? next : c));
        this.saveCallouts();
      }
      if (read.closed || isFinal(next.stage)) this.poller.untrack(calloutId);
    } catch (error) {
      this.markTrouble(error);
    }
    this.emit();
  }

  private async syncSites(): Promise<void> {
    const client = this.opts.client;
    if (!client) return;
    try {
      const locations = await client.listFixedLocations();
      this.sites = locations.map(siteFromLocation);
      this.lastSyncAt = this.clock.now();
      saveSites(this.opts.store, this.sites);
      this.markContact();
    } catch (error) {
      this.markTrouble(error);
    }
    this.emit();
  }

  private markContact(): void {
    this.readiness = {
      level: 'ready',
      message: ENVIRONMENT_NAMES[this.opts.environment],
      lastContactAt: this.clock.now(),
    };
  }

  private markTrouble(error: unknown): void {
    const lastContactAt = this.readiness.lastContactAt;
    if (error instanceof AuraError && error.kind === 'credentialsRejected') {
      this.readiness = {
        level: 'credentialsRejected',
        message: 'AURA rejected the client ID or secret — presses cannot be sent',
        lastContactAt,
      };
    } else {
      this.readiness = {
        level: 'offline',
        message: `Presses will be queued and retried — ${describeError(error)}`,
        lastContactAt,
      };
    }
  }

  private saveCallouts(): void {
    this.opts.store.set(CALLOUTS_KEY, this.callouts);
  }

  private emit(): void {
    const state = this.getState();
    for (const listener of this.listeners) listener(state);
  }
}
