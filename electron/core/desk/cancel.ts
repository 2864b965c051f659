// Cancelling a callout at the operator's request, with AURA's reason. Under a policy with cancel
// codes, a wrong code is refused and recorded, and five in a row lock cancelling for a growing
// while (code-lockout.ts). A duress code cancels nothing at AURA: the control room is told.
// Whichever kind the code was, the desk then shows, stores and logs the same thing (issue 21
// finding 5): a view of the callout, cancelled in the desk's own words, kept whatever AURA's
// later stages say; the real callout is followed behind it. The truth lives only at AURA.
import type { AuditLog } from '../audit/audit-log';
import { classifyCode, type CodeCheck, type CodeKind } from '../policy/cancel-codes';
import { duressMessage, duressViewOf } from './duress';
import { applySnapshot } from '../dispatch/timeline';
import type { Policy } from '../policy/policy';
import type { Clock, Logger } from '../ports';
import { requireApi, type CalloutReading, type DeskPort } from '../aura/port';
import { cancelled, codeLockout, wrongCancelCode } from './audit-records';
import type { CalloutsService } from './callouts';
import { afterWrongCode, NO_LOCKOUT, secondsLeft, tooManyWords, type CodeLockout } from './code-lockout';
import type { DeskStore } from './store';

export interface CancelDeps {
  api: DeskPort | null;
  store: DeskStore;
  callouts: CalloutsService;
  audit: AuditLog;
  clock: Clock;
  log?: Logger;
  policy(): Policy;
  deskName(): string;
  siteName(siteId: string): string;
  emit(): void;
  /** Default classifyCode (scrypt in libuv's pool); the model test checks in virtual time. */
  checkCode?: CodeCheck;
}

export interface CancelRequest {
  calloutId: string;
  reasonId: number;
  notes: string;
  code?: string;
}

export class CancelService {
  /** Code checks run one at a time, so parallel tries cannot all slip in before a lockout. */
  private checking: Promise<unknown> = Promise.resolve();
  /** A lockout the store could not take (a full disk): it still holds, from memory, until saved. */
  private unsaved: CodeLockout | null = null;

  constructor(private readonly deps: CancelDeps) {}

  /** The reasons AURA offers for cancelling this callout. */
  reasons(calloutId: string): Promise<Array<{ id: number; text: string }>> {
    return requireApi(this.deps.api).listCancelReasons(this.deps.callouts.calloutOf(calloutId).id);
  }

  /** Asks AURA to cancel a callout with the operator's reason; the callout stays until AURA closes it. */
  async cancel({ calloutId, reasonId, notes, code }: CancelRequest): Promise<{ stage: string }> {
    const callout = this.deps.callouts.calloutOf(calloutId);
    const codes = this.deps.policy().cancelCodes;
    const used = codes ? await this.checkInTurn(callout.id, code ?? '', codes) : 'cancel';
    const api = requireApi(this.deps.api);
    const reasons = await api.listCancelReasons(callout.id);
    const reason = reasons.find((r) => r.id === reasonId);
    if (!reason) throw new Error(`AURA does not offer reason ${reasonId} for this callout`);
    const note = `Cancel requested by this desk: ${reason.text}${notes.trim() ? ` — ${notes.trim()}` : ''}`;
    const at = this.deps.clock.now();
    try {
      if (used === 'duress')
        await api.sendCalloutEvent(callout.id, duressMessage(at, this.deps.deskName()), { unlogged: true });
      else this.keepRead(callout.id, await api.cancelCallout(callout.id, { id: reasonId, notes }));
    } catch (error) {
      this.deps.log?.warn(`AURA cancel of callout ${callout.id} failed`);
      throw error;
    }
    this.deps.log?.info(`AURA cancel of callout ${callout.id} sent`);
    const { store } = this.deps;
    store.duressViews.set(callout.id, duressViewOf(callout, note, at));
    store.saveMasks();
    store.saveCallouts();
    this.deps.audit.record(...cancelled(callout.id, this.deps.siteName(callout.siteId), note, reason.text));
    const after = store.callouts.get(callout.id) ?? callout;
    this.deps.callouts.trackMasked(after, after.rawStatus !== callout.rawStatus);
    this.deps.emit();
    return { stage: 'cancelled' };
  }

  /** AURA's answer to a genuine cancel updates the real callout behind the view, never the view. */
  private keepRead(id: string, read: CalloutReading): void {
    const { store, callouts, clock } = this.deps;
    store.callouts.put(applySnapshot(callouts.calloutOf(id), read.callout, clock.now()));
  }

  private checkInTurn(
    calloutId: string,
    code: string,
    codes: { cancel: readonly string[]; duress: readonly string[] },
  ): Promise<CodeKind> {
    const turn = this.checking.then(() => this.check(calloutId, code, codes));
    this.checking = turn.catch(() => undefined);
    return turn;
  }

  /** The code's kind; throws for a wrong or missing code and while cancelling is locked. */
  private async check(
    calloutId: string,
    code: string,
    codes: { cancel: readonly string[]; duress: readonly string[] },
  ): Promise<CodeKind> {
    const { audit, clock } = this.deps;
    const lockout = this.unsaved ?? this.deps.store.readCodeLockout();
    const wait = secondsLeft(lockout, clock.now());
    if (wait > 0) throw new Error(tooManyWords(wait));
    if (!code) {
      audit.record(...wrongCancelCode(calloutId));
      throw new Error('Enter the cancel code');
    }
    const kind = await (this.deps.checkCode ?? classifyCode)(code, codes);
    if (kind !== 'wrong') {
      if (lockout.failures > 0) this.keepLockout(NO_LOCKOUT);
      return kind;
    }
    const next = afterWrongCode(lockout, clock.now());
    this.keepLockout(next);
    audit.record(...wrongCancelCode(calloutId));
    const seconds = secondsLeft(next, clock.now());
    if (seconds === 0) throw new Error('Wrong cancel code');
    audit.record(...codeLockout(calloutId, next.failures, seconds));
    this.deps.log?.warn(`Cancel codes: ${next.failures} wrong in a row, cancelling locked for ${seconds} s`);
    throw new Error(tooManyWords(seconds));
  }

  /** Saves the lockout; a store that refuses (disk full) must not reset the count of wrong codes. */
  private keepLockout(state: CodeLockout): void {
    try {
      this.deps.store.saveCodeLockout(state);
      this.unsaved = null;
    } catch (error) {
      this.unsaved = state;
      this.deps.log?.warn(
        `Cancel codes: the lockout could not be saved (${error instanceof Error ? error.message : 'unknown error'}); kept in memory`,
      );
    }
  }
}
