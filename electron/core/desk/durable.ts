// The desk's two files that must survive a crash, opened together: the audit log and the outbox,
// with the storage watch that retries their saves and keeps one notice up while a save fails.
import { join } from 'node:path';
import type { Environment } from '../../shared/model/connection';
import type { Notice } from '../../shared/model/desk-state';
import type { AuditEntry } from '../../shared/model/audit-entry';
import { AuditLog } from '../audit';
import { Outbox } from '../dispatch/outbox';
import type { Clock } from '../ports';
import { StorageWatch, type Saver } from '../storage-watch';
import type { StoragePort } from '../storage/port';

export interface DurableFiles {
  audit: AuditLog;
  outbox: Outbox;
  storage: StorageWatch;
}

export interface DurableOptions {
  environment: Environment;
  dataDir: string;
  clock: Clock;
  deskName(): string;
  storage?: StoragePort;
  storageRetryMs?: number;
  notice(level: Notice['level'], text: string): void;
  showStorageNotice(text: string | null): void;
  /** Every audit entry as it is written (the desk host's SIEM forwarder). */
  onAudit?: (entry: AuditEntry) => void;
}

export function openDurableFiles(opts: DurableOptions): DurableFiles {
  const { clock, notice } = opts;
  const audit = new AuditLog(opts.dataDir, opts.deskName, () => clock.now(), opts.storage);
  if (opts.onAudit) audit.onRecord = opts.onAudit;
  if (!audit.chain.ok && audit.chain.problem) notice('error', audit.chain.problem);
  if (audit.chain.repaired) notice('warning', `The audit log was repaired: ${audit.chain.repaired}.`);

  const opened = Outbox.open(join(opts.dataDir, `outbox-${opts.environment}.json`), clock.now(), opts.storage);
  const outbox = opened.outbox;
  if (opened.problem) {
    notice('error', opened.problem);
    audit.record('failure', opened.problem);
  }
  const storage = new StorageWatch({
    clock,
    everyMs: opts.storageRetryMs,
    savers: [
      savingOf(
        () => outbox.retrySave(),
        () => outbox.saveProblem,
      ),
      savingOf(
        () => audit.flush(),
        () => audit.saveProblem,
      ),
    ],
    show: opts.showStorageNotice,
  });
  outbox.onSaveProblem = () => storage.check();
  audit.onSaveProblem = () => storage.check();
  storage.check(); // a write that already failed while opening
  return { audit, outbox, storage };
}

/** A saver for the storage watch, from its retry and its current problem. */
function savingOf(retry: () => boolean, problem: () => unknown): Saver {
  return {
    retry,
    get problem() {
      return problem();
    },
  };
}
