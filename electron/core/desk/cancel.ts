// Cancelling a callout at the operator's request, with AURA's reason. Under a policy with cancel
// codes, a wrong code is refused and recorded; a duress code cancels nothing at AURA: the control
// room is told, and the screen shows what a cancel shows (duress.ts).
import type { Callout } from '../../shared/model/callout';
import type { AuditLog } from '../audit';
import { addNote, applySnapshot } from '../dispatch/timeline';
import { classifyCode, codeCheck, duressMessage, maskedAsCancelled } from '../duress';
import type { Policy } from '../policy';
import type { Clock } from '../ports';
import { requireApi, type DeskApi } from './aura-port';
import { cancelled, wrongCancelCode, type AuditRecord } from './audit-records';
import type { CalloutsService } from './callouts';
import type { DeskStore } from './store';

export interface CancelDeps {
  api: DeskApi | null;
  store: DeskStore;
  callouts: CalloutsService;
  audit: AuditLog;
  clock: Clock;
  policy(): Policy;
  deskName(): string;
  siteName(siteId: string): string;
  emit(): void;
}

export interface CancelRequest {
  calloutId: string;
  reasonId: number;
  notes: string;
  code?: string;
}

export class CancelService {
  constructor(private readonly deps: CancelDeps) {}

  /** The reasons AURA offers for cancelling this callout. */
  reasons(calloutId: string): Promise<Array<{ id: number; text: string }>> {
    return requireApi(this.deps.api).listCancelReasons(this.deps.callouts.calloutOf(calloutId).id);
  }

  /** Asks AURA to cancel a callout with the operator's reason; the callout stays until AURA closes it. */
  async cancel({ calloutId, reasonId, notes, code }: CancelRequest): Promise<{ stage: string }> {
    const { callouts, audit } = this.deps;
    const callout = callouts.calloutOf(calloutId);
    const codes = this.deps.policy().cancelCodes;
    const used = codes ? classifyCode(code ?? '', codes) : null;
    if (used?.kind === 'wrong') {
      audit.record(...wrongCancelCode(callout.id));
      throw new Error(code ? 'Wrong cancel code' : 'Enter the cancel code');
    }
    const api = requireApi(this.deps.api);
    const reasons = await api.listCancelReasons(callout.id);
    const reason = reasons.find((r) => r.id === reasonId);
    if (!reason) throw new Error(`AURA does not offer reason ${reasonId} for this callout`);
    const note = `Cancel requested by this desk: ${reason.text}${notes.trim() ? ` — ${notes.trim()}` : ''}`;
    const check: Record<string, string> = used ? { codeCheck: codeCheck(used.hash, callout.id) } : {};
    const record = (): AuditRecord =>
      cancelled(callout.id, this.deps.siteName(callout.siteId), note, reason.text, check);
    if (used?.kind === 'duress') return this.underDuress(api, callout, note, record);
    const read = await api.cancelCallout(callout.id, { id: reasonId, notes });
    const now = this.deps.clock.now();
    const next = applySnapshot(addNote(callouts.calloutOf(calloutId), note, now), read.callout, now);
    this.deps.store.replaceCallout(next);
    this.deps.store.saveCallouts();
    audit.record(...record());
    callouts.track(next);
    this.deps.emit();
    return { stage: next.stage };
  }

  /** Not cancelled at AURA: the control room is told, the screen shows what a cancel shows. */
  private async underDuress(
    api: DeskApi,
    callout: Callout,
    note: string,
    record: () => AuditRecord,
  ): Promise<{ stage: string }> {
    const at = this.deps.clock.now();
    await api.sendCalloutEvent(callout.id, duressMessage(at, this.deps.deskName()));
    this.deps.store.masks.set(callout.id, maskedAsCancelled(callout, note, at));
    this.deps.store.saveMasks();
    this.deps.audit.record(...record());
    this.deps.callouts.trackMasked(callout);
    this.deps.emit();
    return { stage: 'cancelled' };
  }
}
