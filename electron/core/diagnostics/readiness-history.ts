// Readiness as it changed over this run (ready, offline, credentials rejected, …), for the
// diagnostics log and the "Export diagnostics" bundle: IT asks "when did this desk lose AURA?".
// Fed from the desk host's state events; only a change of level or message is kept.
import type { Environment, Readiness } from '../../shared/model/connection';
import type { Logger } from '../ports';

export interface ReadinessChange {
  at: number;
  environment: Environment;
  level: Readiness['level'];
  message: string;
}

/** Changes kept (oldest dropped): weeks of a flapping network stay a small file. */
export const MAX_READINESS_CHANGES = 500;

export class ReadinessHistory {
  private readonly changes: ReadinessChange[] = [];

  constructor(
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keeps a change of level or message; returns it, or null when nothing changed. */
  observe(environment: Environment, readiness: Readiness): ReadinessChange | null {
    const last = this.changes[this.changes.length - 1];
    if (
      last &&
      last.environment === environment &&
      last.level === readiness.level &&
      last.message === readiness.message
    ) {
      return null;
    }
    const change = { at: this.now(), environment, level: readiness.level, message: readiness.message };
    this.changes.push(change);
    if (this.changes.length > MAX_READINESS_CHANGES) this.changes.shift();
    const was = !last
      ? ''
      : last.environment === environment
        ? `${last.level} -> `
        : `${last.environment} ${last.level} -> `;
    const line = `readiness: ${was}${environment} ${readiness.level} (${readiness.message})`;
    if (readiness.level === 'ready') this.log.info(line);
    else this.log.warn(line);
    return change;
  }

  entries(): ReadinessChange[] {
    return [...this.changes];
  }
}
