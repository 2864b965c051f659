// The files that must survive a crash, opened together and ONCE for the machine (issue 25 item 3):
// the audit log (one chain head), the press ledger (one file of every press) and the storage watch
// that retries their saves and keeps one notice up while a save fails. The desk host opens them
// and hands them to each desk it runs; a desk run on its own (tests, benches) opens its own.
import type { Environment } from '../../shared/model/connection';
import type { AuditEntry } from '../../shared/model/audit-entry';
import type { PressTarget } from '../../shared/model/press';
import { AuditLog } from '../audit/audit-log';
import { baseUrlFor } from '../aura/environments';
import { PressLedger } from '../dispatch/ledger';
import type { Clock } from '../ports';
import { StorageWatch, type Saver } from '../storage/storage-watch';
import type { StoragePort } from '../storage/port';

export interface DurableFiles {
  audit: AuditLog;
  ledger: PressLedger;
  storage: StorageWatch;
}

export interface DurableOptions {
  dataDir: string;
  clock: Clock;
  deskName(): string;
  /** The connection a press of an earlier version's outbox-<env>.json was made for. */
  legacyTarget(environment: Environment): PressTarget;
  storage?: StoragePort;
  storageRetryMs?: number;
  /** Shows (text) or clears (null) the one storage notice. */
  showStorageNotice(text: string | null): void;
  /** Every audit entry as it is written (the desk host's SIEM forwarder). */
  onAudit?: (entry: AuditEntry) => void;
}

/** The files, and what went wrong opening them, in words for the operator (errors, then warnings). */
export function openDurableFiles(opts: DurableOptions): DurableFiles & { errors: string[]; warnings: string[] } {
  const { clock } = opts;
  const errors: string[] = [];
  const warnings: string[] = [];
  const audit = new AuditLog(opts.dataDir, opts.deskName, () => clock.now(), opts.storage);
  if (opts.onAudit) audit.onRecord = opts.onAudit;
  if (!audit.chain.ok && audit.chain.problem) errors.push(audit.chain.problem);
  if (audit.chain.repaired) warnings.push(`The audit log was repaired: ${audit.chain.repaired}.`);

  const opened = PressLedger.open(opts.dataDir, () => clock.now(), opts.legacyTarget, opts.storage);
  const ledger = opened.ledger;
  for (const problem of opened.problems) {
    errors.push(problem);
    audit.record('failure', problem);
  }
  const storage = new StorageWatch({
    clock,
    everyMs: opts.storageRetryMs,
    savers: [
      savingOf(
        () => ledger.retrySave(),
        () => ledger.saveProblem,
      ),
      savingOf(
        () => audit.flush(),
        () => audit.saveProblem,
      ),
    ],
    show: opts.showStorageNotice,
  });
  ledger.onSaveProblem = () => storage.check();
  audit.onSaveProblem = () => storage.check();
  storage.check(); // a write that already failed while opening
  return { audit, ledger, storage, errors, warnings };
}

/**
 * Where a press of an earlier version's outbox-<environment>.json was to go: Training, or the
 * saved connection when it is of that environment; otherwise the environment's fixed URL and no
 * client (such a press can be put away, never sent: nothing says which client made it).
 */
export function legacyTargetFrom(saved: {
  environment: Environment;
  baseUrl: string | null;
  clientId: string | null;
}): (environment: Environment) => PressTarget {
  return (environment) => {
    if (environment === 'training') return { environment, baseUrl: null, clientId: null };
    if (environment === saved.environment) return { environment, baseUrl: saved.baseUrl, clientId: saved.clientId };
    // Staging and Production have fixed URLs; a custom one is not known any more.
    const baseUrl = environment === 'custom' ? null : baseUrlFor(environment, null);
    return { environment, baseUrl, clientId: null };
  };
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

interface DeskFileOptions {
  dataDir: string;
  environment: Environment;
  connection?: { baseUrl: string | null; clientId: string | null };
  storage?: StoragePort;
  timing?: { storageRetryMs?: number };
  shared?: DurableFiles;
  onAudit?: (entry: AuditEntry) => void;
}

interface DeskVoice {
  clock: Clock;
  events: {
    emit(): void;
    notice(level: 'warning' | 'error', text: string): void;
    showStorageNotice(text: string | null): void;
  };
  deskName(): string;
}

/**
 * A desk's files: those the host shares, or its own when it runs alone (tests, benches). Every
 * change of the ledger, by this desk or any other owner, is published by this desk until it stops.
 */
export function openDeskFiles(
  opts: DeskFileOptions,
  voice: DeskVoice,
): DurableFiles & { own: boolean; unsubscribe(): void } {
  const { events } = voice;
  let files: DurableFiles;
  const own = !opts.shared;
  if (opts.shared) files = opts.shared;
  else {
    const opened = openDurableFiles({
      dataDir: opts.dataDir,
      clock: voice.clock,
      deskName: voice.deskName,
      legacyTarget: legacyTargetFrom({
        environment: opts.environment,
        baseUrl: opts.connection?.baseUrl ?? null,
        clientId: opts.connection?.clientId ?? null,
      }),
      storage: opts.storage,
      storageRetryMs: opts.timing?.storageRetryMs,
      showStorageNotice: (text) => events.showStorageNotice(text),
      onAudit: opts.onAudit,
    });
    for (const text of opened.errors) events.notice('error', text);
    for (const text of opened.warnings) events.notice('warning', text);
    files = opened;
  }
  const unsubscribe = files.ledger.onChange(() => events.emit());
  return { ...files, own, unsubscribe };
}
