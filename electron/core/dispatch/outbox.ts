// The durable queue of presses. A press is written to the store before any network I/O, so a
// crash or a restart never loses it; the desk resumes every press that is not yet sent.
import { z } from 'zod';
import { PressSchema, type Press } from '../../shared/model';
import type { KeyValueStore } from '../ports';

const KEY = 'outbox';
const OutboxFileSchema = z.array(PressSchema);

export class Outbox {
  private presses: Press[];

  constructor(private readonly store: KeyValueStore) {
    const parsed = OutboxFileSchema.safeParse(store.get(KEY) ?? []);
    // TODO(issue 4): recover or report an unreadable outbox instead of starting empty.
    this.presses = parsed.success ? parsed.data : [];
  }

  all(): Press[] {
    return this.presses;
  }

  /** Presses that still need sending (after a restart too). */
  pending(): Press[] {
    return this.presses.filter((p) => p.status !== 'sent' && p.status !== 'failed');
  }

  add(press: Press): void {
    this.presses = [...this.presses, press];
    this.persist();
  }

  update(id: string, patch: Partial<Omit<Press, 'id'>>): Press {
    const current = this.presses.find((p) => p.id === id);
    if (!current) throw new Error(`no press ${id}`);
    const next = { ...current, ...patch };
    this.presses = this.presses.map((p) => (p.id === id ? next : p));
    this.persist();
    return next;
  }

  private persist(): void {
    this.store.set(KEY, this.presses);
  }
}
