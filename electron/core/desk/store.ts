// What the desk remembers between runs, per environment: settings, sites, callouts (with the
// duress views of them) and Training's practice. Every read is checked by its schema (a value
// that does not fit is backed up, replaced by its default and reported: storage/validated.ts);
// every change is saved at once. Keys have no dots: electron-store and conf read a dot as a path.
import { CodeLockoutSchema, NO_LOCKOUT, type CodeLockout } from './code-lockout';
import { CalloutRecord } from './callout-record';
import { join } from 'node:path';
import { z } from 'zod';
import { CalloutSchema, type Callout } from '../../shared/model/callout';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../shared/model/settings';
import { SiteSchema, type Site } from '../../shared/model/site';
import { TrainingStateSchema, type TrainingState } from '../../shared/model/desk-state';
import type { Environment } from '../../shared/model/connection';
import { describeError } from '../aura/errors';
import type { KeyValueStore } from '../ports';
import { readValidated } from '../storage/validated';

/** Closed callouts stay in the history this long. */
export const HISTORY_MS = 30 * 24 * 3600 * 1000;

export interface DeskStoreOptions {
  store: KeyValueStore;
  environment: Environment;
  /** Where values that fail their schema are copied before defaults replace them. */
  dataDir: string;
  now(): number;
  /** Tells the operator (a notice) of a value set aside or a save that failed. */
  report(level: 'warning' | 'error', problem: string): void;
}

export class DeskStore {
  private readonly keys: { sites: string; callouts: string; history: string; lastSync: string; views: string };
  /** The history as last written (by identity), and from what: it is written only when it changed. */
  private saved: { history: readonly Callout[]; from: readonly Callout[] | null; views: number } = {
    history: [],
    from: null,
    views: -1,
  };
  settings: Settings;
  sites: Site[];
  readonly callouts: CalloutRecord;
  /** Callouts shown as cancelled while still followed (a duress cancel, duress.ts), by id. */
  readonly duressViews: CountedMap<string, Callout>;
  training: TrainingState;
  lastSyncAt: number | null;

  constructor(private readonly opts: DeskStoreOptions) {
    const env = opts.environment;
    // Sites and callouts are kept per environment, so that switching never mixes them.
    this.keys = {
      sites: `sites-${env}`,
      callouts: `callouts-${env}`,
      history: `calloutHistory-${env}`,
      lastSync: `lastSyncAt-${env}`,
      views: `calloutViews-${env}`,
    };
    this.settings = this.read('settings', SettingsSchema, DEFAULT_SETTINGS);
    this.sites = this.read(this.keys.sites, z.array(SiteSchema), []);
    // Earlier versions kept closed callouts in callouts-<env> too: both are read, the next save splits them.
    const history = this.read(this.keys.history, z.array(CalloutSchema), []);
    const current = this.read(this.keys.callouts, z.array(CalloutSchema), []);
    this.callouts = new CalloutRecord([...history, ...current]);
    this.saved.history = history;
    const views = this.read(this.keys.views, z.array(CalloutSchema), []);
    this.duressViews = new CountedMap(views.map((c) => [c.id, c]));
    this.training = this.read('trainingPractice', TrainingStateSchema, { autoplay: false, fault: null });
    this.lastSyncAt = this.read(this.keys.lastSync, z.number().nullable(), null);
  }

  /** A stored value through its schema; a value that does not fit is refused, reported and replaced. */
  read<S extends z.ZodType>(key: string, schema: S, fallback: z.output<S>): z.output<S> {
    const report = (problem: string): void => this.opts.report('warning', problem);
    const backupDir = join(this.opts.dataDir, 'backups');
    return readValidated(this.opts.store, key, schema, fallback, backupDir, this.opts.now(), report);
  }

  /** The settings an earlier policy set (policy.ts undoes them when the policy drops them). */
  readPolicyApplied(): Partial<Settings> {
    return this.read('policyApplied', SettingsSchema.partial(), {});
  }

  savePolicyApplied(applied: Partial<Settings>): void {
    this.save('policyApplied', applied, 'settings');
  }

  setSettings(next: Settings): void {
    this.settings = next;
    this.save('settings', next, 'settings');
  }

  setSites(sites: Site[], syncedAt: number): void {
    this.sites = sites;
    this.lastSyncAt = syncedAt;
    this.save(this.keys.sites, sites, 'sites');
    this.save(this.keys.lastSync, syncedAt, 'sites');
  }

  setTraining(patch: Partial<TrainingState>): void {
    this.training = { ...this.training, ...patch };
    this.save('trainingPractice', this.training, 'Training practice');
  }

  /**
   * A write of the settings store. A full or failing disk must not stop the desk (it would not
   * even open): memory stays the truth, the operator is told, and the next change saves again.
   */
  private save(key: string, value: unknown, what: string): void {
    try {
      this.opts.store.set(key, value);
    } catch (error) {
      this.opts.report('error', `This desk cannot save its ${what} (${describeError(error)}).`);
    }
  }

  /** A callout as the desk shows it: its cancelled view in place of it, if it has one (duress.ts). */
  shown(callout: Callout): Callout {
    return this.duressViews.get(callout.id) ?? callout;
  }

  /**
   * Writes the callouts: those not closed at every change, the closed ones (the 30-day history,
   * its own key) only when they changed, so that a change to one callout never reads or rewrites
   * the history (issue 25 item 8).
   */
  saveCallouts(): void {
    try {
      // A callout shown as cancelled is stored as shown: a genuine and a duress cancel leave the
      // same file (issue 21 finding 5); AURA's later reads live in memory only.
      const { history, live } = this.callouts;
      const views = this.duressViews.changes;
      if (history !== this.saved.from || views !== this.saved.views) {
        const shown = history.map((c) => this.shown(c));
        const before = this.saved.history;
        if (shown.length !== before.length || shown.some((c, i) => c !== before[i]))
          this.opts.store.set(this.keys.history, shown);
        this.saved = { history: shown, from: history, views };
      }
      this.opts.store.set(
        this.keys.callouts,
        live.map((c) => this.shown(c)),
      );
    } catch (error) {
      // Memory stays the truth; the next change saves them again.
      this.opts.report('error', `This desk cannot save its callouts (${describeError(error)}).`);
    }
  }

  /** Wrong cancel codes in a row and their lockout: the machine's, not one environment's. */
  readCodeLockout(): CodeLockout {
    return this.read('cancelCodeLockout', CodeLockoutSchema, NO_LOCKOUT);
  }

  saveCodeLockout(state: CodeLockout): void {
    this.opts.store.set('cancelCodeLockout', state);
  }

  saveMasks(): void {
    try {
      this.opts.store.set(this.keys.views, [...this.duressViews.values()]);
    } catch (error) {
      // Memory stays the truth (issue 20: a failure here once unsent a sent press); the next change saves again.
      this.opts.report('error', `This desk cannot save its callouts (${describeError(error)}).`);
    }
  }

  /** Drops callouts closed more than 30 days ago (and their duress views). */
  pruneHistory(now: number): void {
    const cutoff = now - HISTORY_MS;
    if (this.callouts.prune((c) => c.closedAt === null || c.closedAt >= cutoff) > 0) {
      this.saveCallouts();
      for (const id of [...this.duressViews.keys()]) if (!this.callouts.has(id)) this.duressViews.delete(id);
      this.saveMasks();
    }
  }
}

/** A Map that counts its changes, so that what is derived from it can be kept until it changes. */
export class CountedMap<K, V> extends Map<K, V> {
  changes = 0;

  override set(key: K, value: V): this {
    this.changes++;
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.changes++;
    return super.delete(key);
  }

  override clear(): void {
    this.changes++;
    super.clear();
  }
}
