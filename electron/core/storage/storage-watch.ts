// Keeps trying to save the desk's records after the disk failed (full, read-only, I/O errors),
// and tells the operator in plain words while it cannot. Presses never wait for this: they are
// sent from memory; this only brings the files back in line once the disk works again.
import type { Clock } from '../ports';
import { storageProblemWords } from './port';

export interface Saver {
  /** Tries the pending writes again; true when everything is on disk. */
  retry(): boolean;
  /** The current error, or null when this saver is up to date. */
  readonly problem: unknown;
}

export interface StorageWatchOptions {
  clock: Clock;
  savers: Saver[];
  /** Shows (text) or clears (null) the storage notice. */
  show(text: string | null): void;
  everyMs?: number;
}

export class StorageWatch {
  private cancel: (() => void) | null = null;
  private words: string | null = null;
  private pressSent = false;

  constructor(private readonly opts: StorageWatchOptions) {}

  /** True while any record could not be saved. */
  get failing(): boolean {
    return this.words !== null;
  }

  /** A saver reported a change (error or recovery): update the notice and the retry loop. */
  check(): void {
    const problem = this.opts.savers.map((s) => s.problem).find((p) => p !== null) ?? null;
    if (problem === null) {
      if (this.words !== null) this.opts.show(null);
      this.words = null;
      this.pressSent = false;
      this.cancel?.();
      this.cancel = null;
      return;
    }
    this.words = storageProblemWords(problem);
    this.opts.show(this.text());
    this.cancel ??= this.opts.clock.setTimeout(() => this.tick(), this.opts.everyMs ?? 5000);
  }

  /** A press reached AURA while records cannot be saved: say so in those words. */
  noteSent(): void {
    if (this.words === null) return;
    this.pressSent = true;
    this.opts.show(this.text());
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private tick(): void {
    this.cancel = null;
    for (const saver of this.opts.savers) saver.retry();
    this.check();
  }

  private text(): string {
    return this.pressSent
      ? `Panic sent, but this desk cannot save its records (${this.words}). It keeps trying to save them.`
      : `This desk cannot save its records (${this.words}). Panics are still sent to AURA; saving is retried every few seconds.`;
  }
}
