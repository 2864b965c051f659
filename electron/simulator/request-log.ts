// The simulator's request log: every request as it arrives (the latest 20,000), and listeners
// told at once (the benchmark's clock).
import type { RequestLogEntry } from './sim-types';

/** The request log keeps this many of the latest requests. */
const MAX_LOGGED_REQUESTS = 20_000;

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  private readonly listeners = new Set<(entry: RequestLogEntry) => void>();

  constructor(private readonly now: () => number) {}

  add(method: string, path: string): RequestLogEntry {
    const entry: RequestLogEntry = { method, path, at: this.now(), op: null, status: null, fault: null };
    this.entries.push(entry);
    if (this.entries.length > MAX_LOGGED_REQUESTS) this.entries.splice(0, this.entries.length - MAX_LOGGED_REQUESTS);
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  /** Listens to requests as they arrive; returns the unsubscribe function. */
  listen(listener: (entry: RequestLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
