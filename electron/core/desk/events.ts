// The desk's voice: listeners of its state, one coalesced `state.changed` per tick however many
// things moved, and the notices shown to the operator (the storage notice replaces itself).
import { randomUUID } from 'node:crypto';
import type { DeskState, Notice } from '../../shared/model/desk-state';
import type { Clock } from '../ports';

type Listener = (state: DeskState) => void;

export class DeskEvents {
  private readonly listeners = new Set<Listener>();
  private queued = false;
  private shown: Notice[] = [];
  private storageNoticeId: string | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly state: () => DeskState,
  ) {}

  get notices(): Notice[] {
    return this.shown;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.listeners.clear();
  }

  /** Coalesces bursts of changes into one state event per tick. */
  emit(): void {
    if (this.queued || this.listeners.size === 0) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      const state = this.state();
      for (const listener of this.listeners) listener(state);
    });
  }

  notice(level: Notice['level'], text: string): void {
    this.shown = [...this.shown, { id: randomUUID(), at: this.clock.now(), level, text }];
    this.emit();
  }

  dismissNotice(id: string): Record<string, never> {
    this.shown = this.shown.filter((n) => n.id !== id);
    this.emit();
    return {};
  }

  /** The one notice about saving to disk: replaced when the problem changes, gone when it is fixed. */
  showStorageNotice(text: string | null): void {
    this.shown = this.shown.filter((n) => n.id !== this.storageNoticeId);
    this.storageNoticeId = null;
    if (text !== null) {
      this.notice('error', text);
      this.storageNoticeId = this.shown[this.shown.length - 1]?.id ?? null;
    }
    this.emit();
  }
}
