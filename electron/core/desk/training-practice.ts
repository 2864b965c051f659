// Training's controls on the embedded simulator: moving a callout on, autoplay, and practising a
// network failure; what is being practised is remembered and read back from the simulator.
import type { TrainingStep } from '../../shared/contract';
import type { FaultKind, TrainingState } from '../../shared/model/desk-state';
import type { AuditLog } from '../audit/audit-log';
import type { TrainingControl } from './training-control';
import { trainingFault } from './audit-records';
import type { DeskStore } from './store';

export interface TrainingDeps {
  control: TrainingControl | null;
  store: DeskStore;
  audit: AuditLog;
  /** Reads the callout at once after the simulator moved it; resolves with its stage. */
  refresh(calloutId: string): Promise<string>;
  /** Autoplay moves callouts on its own: poll every open one at the moving pace again. */
  followAllMoving(): void;
  emit(): void;
}

export class TrainingPractice {
  constructor(private readonly deps: TrainingDeps) {}

  /** What the screen shows: null outside Training. */
  get state(): TrainingState | null {
    return this.deps.control ? this.deps.store.training : null;
  }

  /** Shows what the simulator is really practising, not what was saved before a restart. */
  async readTruth(): Promise<void> {
    if (!this.deps.control) return;
    const real = await this.deps.control.read().catch(() => null);
    const saved = this.deps.store.training;
    if (real && (real.fault !== saved.fault || real.autoplay !== saved.autoplay)) this.set(real);
  }

  async advance(calloutId: string, step: TrainingStep): Promise<{ stage: string }> {
    await this.control().advance(calloutId, step);
    return { stage: await this.deps.refresh(calloutId) };
  }

  async autoplay(on: boolean): Promise<Record<string, never>> {
    await this.control().setAutoplay(on);
    this.set({ autoplay: on });
    this.deps.followAllMoving();
    return {};
  }

  async fault(fault: FaultKind | null): Promise<Record<string, never>> {
    await this.control().setFault(fault);
    this.set({ fault });
    this.deps.audit.record(...trainingFault(fault));
    return {};
  }

  private set(patch: Partial<TrainingState>): void {
    this.deps.store.setTraining(patch);
    this.deps.emit();
  }

  private control(): TrainingControl {
    if (!this.deps.control) throw new Error('This exists only in Training mode');
    return this.deps.control;
  }
}
