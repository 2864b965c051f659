// The operator's presses: each is written to the outbox before any network I/O and sent by the
// dispatcher, which calls back through `DispatchHooks` (implemented here). Also the operator's
// choices on a press: dismiss a refused one, send a stale one now, or put it away.
import type { Press } from '../../shared/model/press';
import type { Notice } from '../../shared/model/desk-state';
import type { AuditLog } from '../audit/audit-log';
import { describeError } from '../aura/errors';
import type { DispatchHooks, SentHow } from '../dispatch/dispatch-hooks';
import { Dispatcher } from '../dispatch/dispatcher';
import { newPress, type PressBook } from '../dispatch/ledger';
import { silentLogger, type Clock, type Logger } from '../ports';
import { pressedAgainMessage } from '../dispatch/press-words';
import type { CalloutSnapshot, DispatchPort } from '../aura/port';
import { notSent, pressed, refusedDismissed, stale, stalePutAway, staleSentNow } from './audit-records';
import type { CalloutsService } from './callouts';
import type { SettingsService } from './settings';
import type { SitesService } from './sites';

export interface PressesDeps {
  api: DispatchPort | null;
  outbox: PressBook;
  audit: AuditLog;
  clock: Clock;
  sites: SitesService;
  callouts: CalloutsService;
  settings: SettingsService;
  onContact(): void;
  onFailure(error: unknown): void;
  notice(level: Notice['level'], text: string): void;
  emit(): void;
  timing?: { retryDelaysMs?: readonly number[]; settleAfterTimeoutMs?: number };
  random?: () => number;
  log?: Logger;
}

export class PressService implements DispatchHooks {
  readonly dispatcher: Dispatcher;
  /** The last failure written to the audit log for each press, to log changes, not repeats. */
  private readonly lastFailureLogged = new Map<string, string>();

  constructor(private readonly deps: PressesDeps) {
    this.dispatcher = new Dispatcher({
      outbox: deps.outbox,
      clock: deps.clock,
      api: deps.api,
      listed: deps.callouts.listed,
      random: deps.random,
      delaysMs: deps.timing?.retryDelaysMs,
      settleAfterTimeoutMs: deps.timing?.settleAfterTimeoutMs,
      auraIdOf: (id) => this.auraIdOf(id),
      follows: (calloutId) => this.follows(calloutId),
      againMessage: (press) => this.againMessage(press),
      staleAfterMs: () => this.staleAfterMs(),
      onSent: (press, calloutId, snapshot, how) => this.onSent(press, calloutId, snapshot, how),
      onStale: (press) => this.onStale(press),
      onFailure: (press, error) => this.onFailure(press, error),
      onContact: () => deps.onContact(),
      onChange: () => deps.emit(),
      log: deps.log ?? silentLogger,
    });
  }

  /**
   * A press: written before any network I/O, then sent. Always accepted and never throws,
   * whatever the network or the disk does (a press that cannot be saved is sent from memory).
   * A press on a site whose callout is still active raises too: AURA answers with its callout,
   * and the press reaches the control room as an event on it.
   */
  trigger(siteId: string, source: Press['source']): Press {
    const { outbox, clock } = this.deps;
    const press = newPress(siteId, source, clock.now(), outbox.target ?? null);
    // Each step on its own: a failure of one (the disk, a listener) must not stop the next.
    const steps = [
      () => this.deps.callouts.pressMade(press.id),
      () => outbox.add(press),
      () => this.dispatcher.dispatch(press.id),
      () => this.deps.audit.record(...pressed(press, this.deps.sites.nameOf(siteId))),
      () => this.deps.emit(),
    ];
    for (const step of steps) {
      try {
        step();
      } catch (error) {
        this.deps.notice('error', `Panic Desk had a problem handling this press: ${describeError(error)}`);
      }
    }
    return press;
  }

  /** Never drops a panic that may still get through: only one AURA refused can be put away. */
  async dismiss(pressId: string): Promise<Record<string, never>> {
    const press = this.deps.outbox.get(pressId);
    if (!press) throw new Error('No such press');
    if (press.status !== 'failed') throw new Error('Only a panic that AURA refused can be dismissed');
    this.deps.outbox.update(pressId, { dismissed: true });
    this.deps.audit.record(...refusedDismissed(pressId, this.deps.sites.nameOf(press.siteId)));
    this.deps.emit();
    return {};
  }

  /** The operator chose "Send now" for a press that passed the stale limit. */
  async sendNow(pressId: string): Promise<Record<string, never>> {
    const press = this.stalePress(pressId);
    this.deps.audit.record(...staleSentNow(pressId, this.deps.sites.nameOf(press.siteId)));
    this.dispatcher.sendNow(pressId);
    return {};
  }

  /** The operator phoned the control room instead: the stale press is put away. */
  async putAway(pressId: string): Promise<Record<string, never>> {
    const press = this.stalePress(pressId);
    this.deps.outbox.update(pressId, {
      status: 'failed',
      stale: false,
      dismissed: true,
      lastError: 'Put away by the operator, who phoned the control room',
    });
    this.deps.audit.record(...stalePutAway(pressId, this.deps.sites.nameOf(press.siteId)));
    this.deps.emit();
    return {};
  }

  auraIdOf(siteId: string): Promise<number | null> {
    return this.deps.sites.auraIdOf(siteId);
  }

  follows(calloutId: string): boolean {
    return this.deps.callouts.follows(calloutId);
  }

  againMessage(press: Press): string {
    return pressedAgainMessage(press, this.deps.settings.deskName());
  }

  staleAfterMs(): number {
    return this.deps.settings.staleAfterMs();
  }

  onSent(press: Press, calloutId: string, snapshot: CalloutSnapshot | null, how: SentHow): void {
    this.deps.callouts.pressSent(press, calloutId, snapshot, how);
  }

  onStale(press: Press): void {
    const minutes = this.deps.settings.current.stalePressMinutes;
    this.deps.audit.record(...stale(press, this.deps.sites.nameOf(press.siteId), minutes));
  }

  onFailure(press: Press, error: unknown): void {
    this.deps.onFailure(error);
    // While AURA stays unreachable a press is retried every 10 s: log the first failure, each
    // change of reason, and every 30th attempt, not thousands of identical lines a day.
    const why = describeError(error);
    if (this.lastFailureLogged.get(press.id) === why && press.attempts % 30 !== 0) return;
    this.lastFailureLogged.set(press.id, why);
    this.deps.audit.record(...notSent(press, this.deps.sites.nameOf(press.siteId), why));
  }

  private stalePress(pressId: string): Press {
    const press = this.deps.outbox.get(pressId);
    if (!press?.stale) throw new Error('Only a panic that is waiting for your choice can be sent now or put away');
    return press;
  }
}
